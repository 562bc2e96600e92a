//! `configuration/v1/end_user/`.

use super::EndUserId;
use crate::ResourceUri;

resource_model! {
    /// A user (VMR owner, device owner).
    EndUser, EndUserPatch {
        readonly {
            /// Object id.
            id: EndUserId,
            /// This object's URI.
            resource_uri: ResourceUri<EndUser>,
        }
        fields {
            /// Email address, max 100, required.
            primary_email_address: String,
            /// First name.
            first_name: String,
            /// Last name.
            last_name: String,
            /// Display name.
            display_name: String,
            /// Telephone number.
            telephone_number: String,
            /// Mobile number.
            mobile_number: String,
            /// Title.
            title: String,
            /// Department.
            department: String,
            /// Avatar URL.
            avatar_url: String,
            /// Description.
            description: String,
            /// Internal identifier.
            uuid: String,
            /// Tag set by LDAP sync.
            sync_tag: String,
        }
        nullable {
            /// Exchange GUID.
            ms_exchange_guid: String,
        }
    }
}
resource!(EndUser, Configuration, "end_user", EndUserId);
