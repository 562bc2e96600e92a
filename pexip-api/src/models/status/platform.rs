//! `status/v1/alarm/`, `licensing/` and `registration_alias/`.

use super::{AlarmId, LicensingId, RegistrationAliasId};
use crate::choice::AlarmLevel;
use crate::{ResourceUri, Timestamp};

read_model! {
    /// A raised alarm.
    Alarm {
        /// Id.
        id: AlarmId,
        /// Alarm type number.
        identifier: i64,
        /// Name.
        name: String,
        /// Severity.
        level: AlarmLevel,
        /// Details.
        details: String,
        /// Instance.
        instance: String,
        /// Node address.
        node: String,
        /// When raised.
        #[serde(with = "crate::timestamp::opt")]
        time_raised: Option<Timestamp>,
        /// Acknowledged.
        acknowledged: bool,
        /// This object's URI.
        resource_uri: ResourceUri<Alarm>,
    }
}
resource!(Alarm, Status, "alarm", AlarmId);

read_model! {
    /// Licence usage (a list with one object).
    Licensing {
        /// Audio licences used.
        audio_count: i64,
        /// Audio licences installed.
        audio_total: i64,
        /// Port licences used.
        port_count: i64,
        /// Port licences installed.
        port_total: i64,
        /// System licences used.
        system_count: i64,
        /// System licences installed.
        system_total: i64,
        /// VMR licences used.
        vmr_count: i64,
        /// VMR licences installed.
        vmr_total: i64,
        /// Teams licences used.
        teams_count: i64,
        /// Teams licences installed.
        teams_total: i64,
        /// Google Meet licences used.
        ghm_count: i64,
        /// Google Meet licences installed.
        ghm_total: i64,
        /// One-Touch Join licences used.
        otj_count: i64,
        /// One-Touch Join licences installed.
        otj_total: i64,
        /// Scheduling licences used.
        scheduling_count: i64,
        /// Scheduling licences installed.
        scheduling_total: i64,
        /// Telehealth licences used.
        telehealth_count: i64,
        /// Telehealth licences installed.
        telehealth_total: i64,
        /// Custom layouts licensed.
        customlayouts_active: bool,
        /// This object's URI.
        resource_uri: ResourceUri<Licensing>,
    }
}
resource!(Licensing, Status, "licensing", LicensingId);

read_model! {
    /// A registered alias.
    RegistrationAlias {
        /// Id.
        id: RegistrationAliasId,
        /// Alias.
        alias: String,
        /// Registration id.
        registration_id: String,
        /// User name.
        username: String,
        /// Node.
        node: String,
        /// Protocol.
        protocol: String,
        /// Remote address.
        remote_address: String,
        /// Behind NAT.
        is_natted: bool,
        /// Push token.
        push_token: String,
        /// Registration time.
        #[serde(with = "crate::timestamp::opt")]
        start_time: Option<Timestamp>,
        /// This object's URI.
        resource_uri: ResourceUri<RegistrationAlias>,
    }
}
resource!(
    RegistrationAlias,
    Status,
    "registration_alias",
    RegistrationAliasId
);
