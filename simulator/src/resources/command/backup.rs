//! `backup_create` and `backup_restore`. A backup is the configuration store (everything but
//! the backup files themselves), as gzipped JSON, sealed with the passphrase (see
//! [`super::crypto`]), listed under `configuration/v1/system_backup/`. A restore checks the
//! whole file (passphrase, integrity, format) before it replaces the configuration in one
//! transaction; on any error the store is left as it was.

use super::crypto::{open, seal, CryptoError};
use super::{Args, Body, CommandDef, CommandError, Reply};
use crate::engine::errors::ApiError;
use crate::engine::field::{DefaultValue as D, FieldDef as F, FieldType};
use crate::engine::registry::registry;
use crate::engine::resource::{ResourceDef, RowKey};
use crate::engine::store::Table;
use crate::engine::values::format_datetime;
use crate::live::platform::VERSION;
use crate::live::rows::{row, Fields};
use crate::live::LiveError;
use crate::state::{AppState, PERSISTED_API};
use base64::Engine;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{Read, Write};

/// The build of the backed-up software (as in the backup file names).
const BUILD: &str = "76214.0.0";
const PRODUCT: &str = "pexsim-configuration-backup";

#[derive(Serialize, Deserialize)]
struct Contents {
    product: String,
    format: u32,
    version: String,
    created: String,
    tables: BTreeMap<String, Table>,
}

/// `backup_create` and `backup_restore`.
pub fn commands() -> Vec<CommandDef> {
    vec![
        CommandDef::new(
            "platform",
            "backup_create",
            Body::Form,
            vec![
                F::required_text("passphrase", 1000)
                    .help("Encrypts the backup; needed to restore it."),
                F::boolean("request", false).help("Accepted; the backup is always made at once."),
            ],
            create,
        ),
        CommandDef::new(
            "platform",
            "backup_restore",
            Body::Multipart,
            vec![
                F::of_type("package", FieldType::File, D::Absent)
                    .required()
                    .help("The backup file."),
                F::required_text("passphrase", 1000),
            ],
            restore,
        ),
    ]
}

fn backups() -> Result<&'static ResourceDef, CommandError> {
    registry()
        .get(PERSISTED_API, "system_backup")
        .ok_or_else(|| LiveError::Internal("no system_backup resource".into()).into())
}

fn kept(def: &ResourceDef) -> bool {
    def.name != "system_backup"
}

fn internal(e: impl std::fmt::Display) -> CommandError {
    LiveError::Internal(e.to_string()).into()
}

fn create(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let now = state.clock.now();
    let (tables, host) = state.read(|s| {
        let mut tables = s.snapshot_api(PERSISTED_API);
        tables.retain(|name, _| registry().by_table(name).is_some_and(kept));
        let host = registry()
            .get(PERSISTED_API, "management_vm")
            .and_then(|d| s.rows(d).next().map(|(_, m)| m.text("hostname")))
            .unwrap_or_else(|| "mgr".into());
        (tables, host)
    });
    let contents = Contents {
        product: PRODUCT.into(),
        format: 1,
        version: VERSION.into(),
        created: format_datetime(now),
        tables,
    };
    let json = serde_json::to_vec(&contents).map_err(internal)?;
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&json).map_err(internal)?;
    let plain = gz.finish().map_err(internal)?;
    let sealed = seal(&plain, &args.text("passphrase")).map_err(internal)?;
    let stamp = format!(
        "{:02}_{:02}_{:02}_{:02}_{:02}_{:02}",
        now.year() % 100,
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let def = backups()?;
    let filename = state.transaction(|s| {
        let mut name = format!("pexip_backup_{host}_32_{BUILD}_{stamp}.tar.pexbak");
        let mut n = 1;
        while s.contains(def, &RowKey::Str(name.clone())) {
            n += 1;
            name = format!("pexip_backup_{host}_32_{BUILD}_{stamp}_{n}.tar.pexbak");
        }
        let r = row(json!({
            "filename": name, "date": format_datetime(now), "build": BUILD, "version": "32",
            "size": sealed.len(),
            "content_base64": base64::engine::general_purpose::STANDARD.encode(&sealed),
        }));
        s.put(def, RowKey::Str(name.clone()), r);
        Ok(name)
    })?;
    Ok(Reply::Success(
        json!({"filename": filename, "resource_uri": def.uri(&RowKey::Str(filename.clone()))}),
    ))
}

fn rejected(field: &str, message: impl Into<String>) -> CommandError {
    ApiError::field("backup_restore", field, message).into()
}

fn restore(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let package = args
        .file("package")
        .ok_or_else(|| rejected("package", "No file was submitted."))?;
    let plain = open(&package.bytes, &args.text("passphrase")).map_err(|e| match e {
        CryptoError::Rejected => rejected("passphrase", e.to_string()),
        other => rejected("package", other.to_string()),
    })?;
    let mut json = Vec::new();
    GzDecoder::new(plain.as_slice())
        .read_to_end(&mut json)
        .map_err(|_| rejected("package", "The backup file is corrupt."))?;
    let contents: Contents = serde_json::from_slice(&json)
        .map_err(|_| rejected("package", "The backup file is corrupt."))?;
    if contents.product != PRODUCT || contents.format != 1 {
        return Err(rejected(
            "package",
            "The file is not a pexsim configuration backup.",
        ));
    }
    if contents.version != VERSION {
        return Err(rejected(
            "package",
            format!(
                "The backup is of version {}; this node runs {VERSION}.",
                contents.version
            ),
        ));
    }
    state.transaction(|s| {
        s.replace_api(PERSISTED_API, kept, contents.tables);
        Ok(())
    })?;
    Ok(Reply::Success(json!({})))
}
