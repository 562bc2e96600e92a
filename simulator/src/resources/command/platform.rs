//! `command/v1/platform/*` besides backups: `start_cloudnode` (the guide's three answers),
//! `certificates_import` (PEM blocks become `tls_certificate` / `ca_certificate` objects),
//! `snapshot` (a `.tgz` download), `upgrade` and `software_bundle` (multipart `package`; a
//! bundle is recorded under `configuration/v1/software_bundle/`).

use super::snapshot::tar_gz;
use super::{Args, Body, CommandDef, CommandError, Reply};
use crate::engine::errors::ApiError;
use crate::engine::field::{DefaultValue as D, FieldDef as F, FieldType};
use crate::engine::registry::registry;
use crate::engine::resource::ResourceDef;
use crate::engine::values::format_datetime;
use crate::engine::write::{write_object, Mode};
use crate::live::clock::unix_seconds;
use crate::live::cloud::start_cloud_node;
use crate::live::platform::VERSION;
use crate::live::rows::{row, Fields};
use crate::live::{history, status, LiveError};
use crate::state::{AppState, PERSISTED_API};
use axum::http::StatusCode;
use base64::Engine;
use serde_json::{json, Map, Value};

fn package() -> F {
    F::of_type("package", FieldType::File, D::Absent)
        .required()
        .help("The file (multipart).")
}

/// The platform commands besides backups.
pub fn commands() -> Vec<CommandDef> {
    vec![
        CommandDef::new(
            "platform",
            "certificates_import",
            Body::Form,
            vec![
                F::required_text("bundle", 1_000_000)
                    .help("Certificates and keys, concatenated PEM."),
                F::text("private_key_passphrase", 1000),
            ],
            certificates_import,
        ),
        CommandDef::new(
            "platform",
            "start_cloudnode",
            Body::Json,
            vec![F::required_text("instance_id", 250).help("The cloud node's instance id.")],
            start_cloudnode,
        ),
        CommandDef::new(
            "platform",
            "snapshot",
            Body::Form,
            vec![
                F::integer("limit", D::Int(12))
                    .range(1, 8760)
                    .help("Hours back from now."),
                F::integer("end_limit", D::Null)
                    .range(0, 8760)
                    .help("Hours back where the period ends."),
                F::boolean("include_diagnostic_metrics", false),
                F::boolean("request", false),
            ],
            snapshot,
        ),
        CommandDef::new(
            "platform",
            "upgrade",
            Body::Multipart,
            vec![package()],
            upgrade,
        ),
        CommandDef::new(
            "platform",
            "software_bundle",
            Body::Multipart,
            vec![package()],
            software_bundle,
        ),
    ]
}

fn start_cloudnode(
    state: &AppState,
    _def: &ResourceDef,
    args: Args,
) -> Result<Reply, CommandError> {
    let id = args.text("instance_id");
    Ok(match state.live(|l| start_cloud_node(l, &id))? {
        None => Reply::Raw(
            StatusCode::BAD_REQUEST,
            json!({"start_cloudnode": {"instance_id": ["Failed to find the cloud node."]}}),
        ),
        Some(false) => Reply::Raw(
            StatusCode::OK,
            json!({"status": "failed", "error": "Unable to start a cloud node which isn't in 'STOPPED' state"}),
        ),
        Some(true) => Reply::Raw(StatusCode::OK, json!({"status": "success"})),
    })
}

/// The PEM blocks of a bundle: (label, base64 body).
fn pem_blocks(bundle: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in bundle.lines().map(str::trim) {
        if let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        {
            current = Some((label.to_string(), String::new()));
        } else if line.starts_with("-----END ") {
            if let Some(block) = current.take() {
                out.push(block);
            }
        } else if let Some((_, body)) = current.as_mut() {
            if !line.contains(':') {
                body.push_str(line);
            }
        }
    }
    out
}

fn certificates_import(
    state: &AppState,
    _def: &ResourceDef,
    args: Args,
) -> Result<Reply, CommandError> {
    let field =
        |f: &str, m: &str| -> CommandError { ApiError::field("certificates_import", f, m).into() };
    let blocks = pem_blocks(&args.text("bundle"));
    let decodes = |b: &str| base64::engine::general_purpose::STANDARD.decode(b).is_ok();
    if blocks.iter().any(|(_, body)| !decodes(body)) {
        return Err(field("bundle", "A PEM block is not valid base64."));
    }
    let certs: Vec<&(String, String)> = blocks.iter().filter(|(l, _)| l == "CERTIFICATE").collect();
    if certs.is_empty() {
        return Err(field("bundle", "The bundle contains no PEM certificate."));
    }
    let keys: Vec<&(String, String)> = blocks
        .iter()
        .filter(|(l, _)| l.ends_with("PRIVATE KEY"))
        .collect();
    if keys.len() > 1 {
        return Err(field(
            "bundle",
            "The bundle contains more than one private key.",
        ));
    }
    let encrypted = keys.iter().any(|(l, _)| l.starts_with("ENCRYPTED"));
    if encrypted && args.text("private_key_passphrase").is_empty() {
        return Err(field(
            "private_key_passphrase",
            "The private key is encrypted: give its passphrase.",
        ));
    }
    let (tls, ca) = (
        registry().get(PERSISTED_API, "tls_certificate"),
        registry().get(PERSISTED_API, "ca_certificate"),
    );
    let (Some(tls), Some(ca)) = (tls, ca) else {
        return Err(LiveError::Internal("no certificate resources".into()).into());
    };
    let stamp = format_datetime(state.clock.now());
    let (tls_count, ca_count) = state.transaction(|s| {
        let (mut t, mut c) = (0, 0);
        for (i, _) in certs.iter().enumerate() {
            let (def, kind) = if i == 0 && !keys.is_empty() {
                (tls, "TLS certificate")
            } else {
                (ca, "CA certificate")
            };
            let body: Map<String, Value> = row(json!({
                "name": format!("Imported {kind} {} ({stamp})", i + 1),
                "description": "Imported with certificates_import",
            }));
            write_object(s, def, None, &body, Mode::Create)?;
            if std::ptr::eq(def, tls) {
                t += 1
            } else {
                c += 1
            }
        }
        Ok((t, c))
    })?;
    Ok(Reply::Success(
        json!({"tls_certificates": tls_count, "ca_certificates": ca_count}),
    ))
}

/// The files of a snapshot: (path in the archive, contents).
type Files = Vec<(String, Vec<u8>)>;

fn snapshot(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let now = state.clock.now();
    let hours = args.int("limit").unwrap_or(12);
    let from = format_datetime(now - time::Duration::hours(hours));
    let to = format_datetime(now - time::Duration::hours(args.int("end_limit").unwrap_or(0)));
    let internal =
        |e: &dyn std::fmt::Display| -> CommandError { LiveError::Internal(e.to_string()).into() };
    let (host, files) = state.read(|s| -> Result<(String, Files), CommandError> {
        let host = registry()
            .get(PERSISTED_API, "management_vm")
            .and_then(|d| s.rows(d).next().map(|(_, m)| m.text("hostname")))
            .unwrap_or_else(|| "mgr".into());
        let rows = |def: &ResourceDef| -> Vec<Value> { s.rows(def).map(|(_, r)| Value::Object(r.to_row())).collect() };
        let nodes: Vec<Value> = s
            .rows(status("worker_vm")?)
            .map(|(_, w)| json!({"name": w.text("name"), "address": w.text("address"), "media_load": w.float("media_load")}))
            .collect();
        let live = json!({
            "conferences": s.rows(status("conference")?).map(|(_, c)| c.text("name")).collect::<Vec<_>>(),
            "participants": s.len(status("participant")?),
            "nodes": nodes,
            "alarms": rows(status("alarm")?),
        });
        let ended: Vec<Value> = s
            .rows(history("conference")?)
            .filter(|(_, c)| {
                let end = c.text("end_time");
                end >= from && end <= to
            })
            .take(1000)
            .map(|(_, c)| json!({"id": c.text("id"), "name": c.text("name"), "end_time": c.text("end_time")}))
            .collect();
        let mut counts = Map::new();
        for def in registry().in_api(PERSISTED_API) {
            counts.insert(def.name.into(), json!(s.len(def)));
        }
        let readme = format!(
            "Pexip Infinity diagnostic snapshot (pexsim)\nManagement Node: {host}\nVersion: {VERSION}\nPeriod: {from} to {to} (UTC)\nDiagnostic metrics: {}\n",
            args.flag("include_diagnostic_metrics")
        );
        let json_file = |v: &Value| serde_json::to_vec_pretty(v).map_err(|e| internal(&e));
        Ok((
            host.clone(),
            vec![
                ("snapshot/README.txt".into(), readme.into_bytes()),
                ("snapshot/status.json".into(), json_file(&live)?),
                ("snapshot/history.json".into(), json_file(&json!({"conferences": ended}))?),
                ("snapshot/configuration.json".into(), json_file(&Value::Object(counts))?),
            ],
        ))
    })?;
    let mtime = u64::try_from(unix_seconds(now) as i64).unwrap_or(0);
    let bytes = tar_gz(&files, mtime).map_err(|e| internal(&e))?;
    let filename = format!(
        "diagnostic_snapshot_{host}_{:02}{:02}{:02}_{:02}{:02}{:02}.tgz",
        now.year() % 100,
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    Ok(Reply::File {
        filename,
        content_type: "application/octet-stream",
        bytes,
    })
}

fn upgrade(_state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let Some(p) = args.file("package") else {
        return Err(ApiError::field("upgrade", "package", "No file was submitted.").into());
    };
    if p.bytes.is_empty() {
        return Err(ApiError::field("upgrade", "package", "The submitted file is empty.").into());
    }
    Ok(Reply::Success(
        json!({"package": p.filename, "size": p.bytes.len()}),
    ))
}

fn software_bundle(
    state: &AppState,
    _def: &ResourceDef,
    args: Args,
) -> Result<Reply, CommandError> {
    let Some(p) = args.file("package") else {
        return Err(ApiError::field("software_bundle", "package", "No file was submitted.").into());
    };
    if p.bytes.is_empty() {
        return Err(
            ApiError::field("software_bundle", "package", "The submitted file is empty.").into(),
        );
    }
    let def = registry()
        .get(PERSISTED_API, "software_bundle")
        .ok_or_else(|| LiveError::Internal("no software_bundle resource".into()))?;
    let name = if p.filename.is_empty() {
        "software bundle".to_string()
    } else {
        p.filename.clone()
    };
    let body = row(
        json!({"name": name, "description": format!("Uploaded software bundle ({} bytes)", p.bytes.len())}),
    );
    let key = state.transaction(|s| write_object(s, def, None, &body, Mode::Create))?;
    Ok(Reply::Success(json!({"resource_uri": def.uri(&key)})))
}
