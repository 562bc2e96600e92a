//! `command/v1/platform/*`. `backup_restore`, `upgrade` and `software_bundle`
//! are multipart (client functions); `snapshot` answers with a file.

use serde::{Deserialize, Serialize};

use super::{command, Command, Encoding, Scope, Sensitive};

/// `backup_create`: makes a backup, encrypted with `passphrase`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BackupCreate {
    /// Passphrase (max 1000); needed to restore.
    pub passphrase: Sensitive,
}
command!(BackupCreate, Platform, "backup_create");

/// `certificates_import`: imports PEM certificates and keys.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CertificatesImport {
    /// Concatenated PEM.
    pub bundle: String,
    /// Passphrase of an encrypted private key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_key_passphrase: Option<Sensitive>,
}
command!(CertificatesImport, Platform, "certificates_import");

/// `start_cloudnode`: starts an overflow node (sent as JSON).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StartCloudnode {
    /// The cloud instance id.
    pub instance_id: String,
}

impl Command for StartCloudnode {
    const SCOPE: Scope = Scope::Platform;
    const NAME: &'static str = "start_cloudnode";
    const ENCODING: Encoding = Encoding::Json;
    type Data = crate::Extra;
}

/// `snapshot`: a diagnostic snapshot of the last `limit` hours (a file download).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// Hours back.
    pub limit: u32,
}
command!(Snapshot, Platform, "snapshot");

/// Paths of the multipart platform commands.
pub mod paths {
    /// `backup_restore` (fields `passphrase`, `package`).
    pub const BACKUP_RESTORE: &str = "/api/admin/command/v1/platform/backup_restore/";
    /// `upgrade` (field `package`).
    pub const UPGRADE: &str = "/api/admin/command/v1/platform/upgrade/";
    /// `software_bundle` (field `package`).
    pub const SOFTWARE_BUNDLE: &str = "/api/admin/command/v1/platform/software_bundle/";
}
