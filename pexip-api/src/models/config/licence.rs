//! `configuration/v1/licence/` and `configuration/v1/licence_request/`.

use super::{FulfillmentId, LicenceRequestId};
use crate::{Extra, ResourceUri};

resource_model! {
    /// An installed licence, keyed by `fulfillment_id`.
    Licence, LicencePatch {
        readonly {
            /// This object's URI.
            resource_uri: ResourceUri<Licence>,
        }
        fields {
            /// The entitlement key (`XXXX-XXXX-XXXX` or an encoded form).
            entitlement_id: String,
            /// Store as a request for manual (offline) activation.
            offline_mode: bool,
            /// The licence's identifier (10 digits).
            fulfillment_id: String,
            /// Fulfillment type.
            fulfillment_type: String,
            /// Product id.
            product_id: String,
            /// Licence type.
            license_type: String,
            /// Features.
            features: String,
            /// Concurrent count.
            concurrent: i64,
            /// Concurrent overdraft.
            concurrent_overdraft: i64,
            /// Activatable count.
            activatable: i64,
            /// Activatable overdraft.
            activatable_overdraft: i64,
            /// Hybrid count.
            hybrid: i64,
            /// Hybrid overdraft.
            hybrid_overdraft: i64,
            /// Start date (text).
            start_date: String,
            /// Expiration date (text).
            expiration_date: String,
            /// Status.
            status: String,
            /// Trust flags.
            trust_flags: i64,
            /// Repair count.
            repair: i64,
            /// Server chain.
            server_chain: String,
            /// Vendor dictionary (a JSON object).
            vendor_dictionary: Extra,
        }
        nullable {}
    }
}
resource!(Licence, Configuration, "licence", FulfillmentId);

impl Licence {
    /// The key of this licence.
    pub fn key(&self) -> FulfillmentId {
        FulfillmentId(self.fulfillment_id.clone())
    }
}

/// Adds a licence: `{"entitlement_id": …, "offline_mode": …}`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct NewLicence {
    /// The entitlement key.
    pub entitlement_id: String,
    /// Store a request for manual activation instead of activating online.
    #[serde(default)]
    pub offline_mode: bool,
}

resource_model! {
    /// A stored licence request, keyed by `sequence_number`.
    LicenceRequest, LicenceRequestPatch {
        readonly {
            /// This object's URI.
            resource_uri: ResourceUri<LicenceRequest>,
        }
        fields {
            /// Key.
            sequence_number: String,
            /// Descriptive reference.
            reference: String,
            /// The request document.
            actions: String,
            /// When it was generated (text).
            generation_time: String,
            /// Status.
            status: String,
        }
        nullable {
            /// The licence server's response document.
            response_xml: String,
        }
    }
}
resource!(
    LicenceRequest,
    Configuration,
    "licence_request",
    LicenceRequestId
);
