//! `configuration/v1/conference/`: VMRs, Virtual Auditoriums, Virtual Receptions,
//! Test Call and Media Playback services.

use serde::{Deserialize, Serialize};

use super::{
    AutomaticParticipant, AutomaticParticipantId, ConferenceAlias, ConferenceAliasId, ConferenceId,
};
use super::{IvrTheme, SystemLocation};
use crate::choice::*;
use crate::models::ToWrite;
use crate::{Extra, ResourceUri, Timestamp};

resource_model! {
    /// A service: VMR, Virtual Auditorium, Virtual Reception, Test Call or Media Playback.
    Conference, ConferencePatch {
        readonly {
            /// Object id.
            id: ConferenceId,
            /// This object's URI.
            resource_uri: ResourceUri<Conference>,
            /// When it was created.
            #[serde(with = "crate::timestamp::opt")]
            creation_time: Option<Timestamp>,
            /// Number of scheduled conferences (newer nodes).
            scheduled_conferences_count: i64,
        }
        fields {
            /// Name, unique, max 250.
            name: String,
            /// Description, max 250.
            description: String,
            /// Kind of service.
            service_type: ServiceType,
            /// Host PIN (4–20 digits, may end in `#`), `""` for none.
            pin: String,
            /// Guest PIN, `""` for none.
            guest_pin: String,
            /// Whether Guests may join.
            allow_guests: bool,
            /// Whether Guests may present.
            guests_can_present: bool,
            /// Whether Guests join muted.
            mute_all_guests: bool,
            /// Call capability.
            call_type: CallType,
            /// Media encryption policy.
            crypto_mode: CryptoMode,
            /// Chat override.
            enable_chat: DefaultYesNo,
            /// Overlay participant names.
            enable_overlay_text: bool,
            /// Active speaker indication.
            enable_active_speaker_indication: bool,
            /// Put the presenter into the main video.
            force_presenter_into_main: bool,
            /// Identity provider policy for non-IdP participants.
            non_idp_participants: NonIdpParticipants,
            /// Owner's email address, max 100.
            primary_owner_email_address: String,
            /// Free text tag, max 250.
            tag: String,
            /// Tag set by LDAP sync.
            sync_tag: String,
            /// Virtual Reception: kind of two-stage dialling.
            two_stage_dial_type: TwoStageDialType,
            /// Virtual Reception: regex to match.
            match_string: String,
            /// Virtual Reception: replacement.
            replace_string: String,
            /// Virtual Reception: post-match regex.
            post_match_string: String,
            /// Virtual Reception: post-match replacement.
            post_replace_string: String,
        }
        related {
            /// Aliases: embedded objects on read; new aliases or alias URIs on write.
            aliases: Vec<EmbeddedAlias> => Vec<AliasInput>,
            /// ADPs: embedded objects on read; ADP URIs on write.
            automatic_participants: Vec<EmbeddedAutomaticParticipant> => Vec<ResourceUri<AutomaticParticipant>>,
        }
        nullable {
            /// Host layout.
            host_view: Layout,
            /// Guest layout.
            guest_view: Layout,
            /// Maximum inbound call rate (kbps, 128–8192).
            max_callrate_in: i64,
            /// Maximum outbound call rate (kbps, 128–8192).
            max_callrate_out: i64,
            /// Maximum resolution.
            max_pixels_per_second: MaxPixels,
            /// Participant limit (0–1000000).
            participant_limit: i64,
            /// Theme.
            ivr_theme: ResourceUri<IvrTheme>,
            /// Location used for SfB/Teams lookups.
            system_location: ResourceUri<SystemLocation>,
            /// Microsoft SIP proxy URI.
            mssip_proxy: String,
            /// Teams connector URI.
            teams_proxy: String,
            /// Google Meet access token URI.
            gms_access_token: String,
            /// Host identity provider group URI.
            host_identity_provider_group: String,
            /// Guest identity provider group URI.
            guest_identity_provider_group: String,
            /// Media Playback: JSON text of what happens at the end.
            on_completion: String,
        }
    }
}
resource!(Conference, Configuration, "conference", ConferenceId);

/// An alias as embedded in a conference.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EmbeddedAlias {
    /// Alias id.
    #[serde(default)]
    pub id: ConferenceAliasId,
    /// The dial string.
    #[serde(default)]
    pub alias: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The owning conference.
    #[serde(default)]
    pub conference: Option<ResourceUri<Conference>>,
    /// When it was created.
    #[serde(default, with = "crate::timestamp::opt")]
    pub creation_time: Option<Timestamp>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An alias in a conference write: a new alias (nested create) or an existing alias URI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AliasInput {
    /// An existing alias, by URI (it is re-pointed to this conference).
    Existing(ResourceUri<ConferenceAlias>),
    /// A new alias.
    New(NewAlias),
}

/// A new alias created together with its conference.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NewAlias {
    /// The dial string.
    pub alias: String,
    /// Description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Extra fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl NewAlias {
    /// A new alias with no description.
    pub fn new(alias: impl Into<String>) -> Self {
        Self {
            alias: alias.into(),
            ..Self::default()
        }
    }
}

impl ToWrite<Vec<AliasInput>> for Vec<EmbeddedAlias> {
    fn to_write(&self) -> Vec<AliasInput> {
        self.iter()
            .map(|a| AliasInput::Existing(ResourceUri::new(&a.id)))
            .collect()
    }
}

/// An ADP as embedded in a conference (it carries no `resource_uri`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EmbeddedAutomaticParticipant {
    /// ADP id.
    #[serde(default)]
    pub id: AutomaticParticipantId,
    /// Alias dialled.
    #[serde(default)]
    pub alias: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Protocol.
    #[serde(default)]
    pub protocol: Protocol,
    /// Role.
    #[serde(default)]
    pub role: Role,
    /// Unknown fields (the rest of the ADP).
    #[serde(flatten)]
    pub extra: Extra,
}

impl ToWrite<Vec<ResourceUri<AutomaticParticipant>>> for Vec<EmbeddedAutomaticParticipant> {
    fn to_write(&self) -> Vec<ResourceUri<AutomaticParticipant>> {
        self.iter().map(|a| ResourceUri::new(&a.id)).collect()
    }
}
