//! CSV import in three steps: upload and dry run (every row checked, nothing changed),
//! then apply, one chunk of rows per call so the page can show real progress. Each chunk
//! is checked again on the server (the browser is never trusted) and sent as one bulk
//! request; a chunk the node refuses is retried row by row, so the report says exactly
//! which rows landed. Running a file again after fixing its bad rows is safe: rows whose
//! service now exists become updates.

use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};

use crate::error::AppError;
use crate::features::services::import_model::{ChunkReport, ImportPlan, ImportRow};

/// The dry run of an uploaded file (multipart field `file`).
#[server(endpoint = "services/import/check", input = MultipartFormData)]
pub async fn check_import(data: MultipartData) -> Result<ImportPlan, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::check(&cap, data).await
}

/// Applies one chunk of checked rows.
#[server(endpoint = "services/import/apply", input = Json)]
pub async fn apply_import(rows: Vec<ImportRow>) -> Result<ChunkReport, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::apply(&cap, rows).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use pexip_api::{client::BulkObject, config::Conference, config::ConferenceId, ResourceUri};
    use serde_json::{json, Map, Value};

    use super::*;
    use crate::{
        auth::guard::{AuditChange, Capability},
        error::upstream_error,
        features::services::{
            api::import_check::{parse, resolve, FileError},
            import_model::{ImportAction, RowOutcome, APPLY_CHUNK, MAX_IMPORT_BYTES},
        },
    };

    fn refused(message: String) -> AppError {
        AppError::BadRequest { message }.respond()
    }

    /// Reads the `file` part, refusing more than [`MAX_IMPORT_BYTES`] as soon as it is seen.
    async fn read_file(data: MultipartData) -> Result<Vec<u8>, AppError> {
        let Some(mut multipart) = data.into_inner() else {
            return Err(refused("The upload could not be read.".into()));
        };
        let unreadable =
            |_| refused("The upload was interrupted or is not a valid form upload.".into());
        while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
            if field.name() != Some("file") {
                continue;
            }
            let name = field.file_name().unwrap_or_default().to_ascii_lowercase();
            let kind = field
                .content_type()
                .map(|m| m.essence_str().to_owned())
                .unwrap_or_default();
            let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_owned());
            let extension_ok = matches!(extension.as_deref(), None | Some("csv" | "txt"));
            let type_ok = kind.is_empty()
                || kind.starts_with("text/")
                || matches!(
                    kind.as_str(),
                    "application/csv" | "application/vnd.ms-excel" | "application/octet-stream"
                );
            let looks_csv = extension_ok && type_ok;
            if !looks_csv {
                return Err(refused(format!(
                    "“{}” is not a CSV file. Export the sheet as CSV (UTF-8) and upload that.",
                    field.file_name().unwrap_or("The file")
                )));
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                if bytes.len() + chunk.len() > MAX_IMPORT_BYTES {
                    return Err(refused(format!(
                        "The file is larger than {} MB; split it into smaller files.",
                        MAX_IMPORT_BYTES / (1024 * 1024)
                    )));
                }
                bytes.extend_from_slice(&chunk);
            }
            return Ok(bytes);
        }
        Err(refused("Choose a CSV file to upload.".into()))
    }

    pub async fn check(cap: &Capability, data: MultipartData) -> Result<ImportPlan, AppError> {
        let bytes = read_file(data).await?;
        let rows = parse(&bytes).map_err(|e: FileError| refused(e.to_string()))?;
        if rows.is_empty() {
            return Err(refused("The file has a header but no rows.".into()));
        }
        let options = cap
            .portal()
            .lookups
            .options(cap.upstream())
            .await
            .map_err(upstream_error)?;
        let resolved = resolve(cap.upstream(), &options, rows)
            .await
            .map_err(upstream_error)?;
        Ok(ImportPlan {
            rows: resolved.into_iter().map(|r| r.row).collect(),
        })
    }

    fn bulk_object(
        action: ImportAction,
        body: Map<String, Value>,
    ) -> BulkObject<Conference, Map<String, Value>> {
        match action {
            ImportAction::Create => BulkObject::create(body),
            ImportAction::Update { id } => {
                BulkObject::update(ResourceUri::new(&ConferenceId(id)), body)
            }
        }
    }

    pub async fn apply(cap: &Capability, rows: Vec<ImportRow>) -> Result<ChunkReport, AppError> {
        if rows.is_empty() || rows.len() > APPLY_CHUNK {
            return Err(refused(format!("Send 1 to {APPLY_CHUNK} rows at a time.")));
        }
        let options = cap
            .portal()
            .lookups
            .options(cap.upstream())
            .await
            .map_err(upstream_error)?;
        let resolved = resolve(cap.upstream(), &options, rows)
            .await
            .map_err(upstream_error)?;
        let mut report = ChunkReport::default();
        let mut ready = Vec::new();
        for r in resolved {
            match r.body {
                Some(body) => ready.push((r.row, body)),
                None => report.outcomes.push(RowOutcome {
                    line: r.row.line,
                    name: r.row.name,
                    action: r.row.action,
                    error: Some(r.row.errors.join(" ")),
                }),
            }
        }
        if !ready.is_empty() {
            let objects: Vec<_> = ready
                .iter()
                .map(|(row, body)| bulk_object(row.action, body.clone()))
                .collect();
            let bulk = cap
                .upstream()
                .bulk_patch::<Conference, _>(&objects, &[])
                .await;
            report.write_requests += bulk.chunks.len();
            if bulk.all_ok() {
                report
                    .outcomes
                    .extend(ready.iter().map(|(row, _)| RowOutcome {
                        line: row.line,
                        name: row.name.clone(),
                        action: row.action,
                        error: None,
                    }));
            } else {
                // The node refused the chunk as a whole; find exactly which rows it refuses.
                for (row, body) in &ready {
                    let result = match row.action {
                        ImportAction::Create => {
                            cap.upstream().create::<Conference>(body).await.map(drop)
                        }
                        ImportAction::Update { id } => {
                            cap.upstream()
                                .update::<Conference>(&ConferenceId(id), body)
                                .await
                        }
                    };
                    report.write_requests += 1;
                    report.outcomes.push(RowOutcome {
                        line: row.line,
                        name: row.name.clone(),
                        action: row.action,
                        error: result.err().map(|e| match e.field_errors() {
                            Some(fields) => fields
                                .iter()
                                .map(|(f, m)| format!("{f}: {}", m.join(" ")))
                                .collect::<Vec<_>>()
                                .join(" "),
                            None => e.user_message(),
                        }),
                    });
                }
            }
        }
        report.outcomes.sort_by_key(|o| o.line);
        let landed: Vec<Value> = report
            .outcomes
            .iter()
            .filter(|o| o.error.is_none())
            .map(|o| json!({ "line": o.line, "name": o.name, "action": match o.action { ImportAction::Create => "create", ImportAction::Update { .. } => "update" } }))
            .collect();
        let failed = report.outcomes.iter().filter(|o| o.error.is_some()).count();
        let mut entry = AuditChange::success(
            "service.import",
            format!("{} services from a CSV import", landed.len()),
        )
        .diff(
            None,
            Some(json!({ "rows": landed, "bulk_requests": report.write_requests })),
        );
        if failed > 0 {
            entry = entry.failed(format!("{failed} rows of this chunk did not land"));
        }
        cap.audit(entry).await?;
        Ok(report)
    }
}
