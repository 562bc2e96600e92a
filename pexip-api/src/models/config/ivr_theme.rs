//! `configuration/v1/ivr_theme/`. The package (a ZIP) is uploaded with
//! multipart, see the client's `upload_theme_package`.

use super::{Conference, IvrThemeId};
use crate::{ResourceUri, Timestamp};

resource_model! {
    /// A theme (IVR theme).
    IvrTheme, IvrThemePatch {
        readonly {
            /// Object id.
            id: IvrThemeId,
            /// This object's URI.
            resource_uri: ResourceUri<IvrTheme>,
            /// When it was last changed.
            #[serde(with = "crate::timestamp::opt")]
            last_updated: Option<Timestamp>,
        }
        fields {
            /// Name, max 250.
            name: String,
            /// Unique identifier (built-in themes use names like `defaultplustones`).
            uuid: String,
            /// Services that use the theme.
            conference: Vec<ResourceUri<Conference>>,
            /// Comma-separated custom layouts.
            custom_layouts: String,
            /// Comma-separated pinning configurations.
            pinning_configs: String,
        }
        nullable {}
    }
}
resource!(IvrTheme, Configuration, "ivr_theme", IvrThemeId);
