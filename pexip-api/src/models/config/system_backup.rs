//! `configuration/v1/system_backup/` (keyed by file name; GET downloads the file).

use super::BackupFilename;
use crate::{ResourceUri, Timestamp};

read_model! {
    /// A backup file on the Management Node.
    SystemBackup {
        /// Key.
        filename: String,
        /// When it was made.
        #[serde(with = "crate::timestamp::opt")]
        date: Option<Timestamp>,
        /// Build, e.g. `59437.0.0`.
        build: String,
        /// Version, e.g. `25`.
        version: String,
        /// Size in bytes.
        size: u64,
        /// This object's URI.
        resource_uri: ResourceUri<SystemBackup>,
    }
}
resource!(SystemBackup, Configuration, "system_backup", BackupFilename);

impl SystemBackup {
    /// The key of this backup.
    pub fn key(&self) -> BackupFilename {
        BackupFilename(self.filename.clone())
    }
}
