//! Deleting several services at once, through the Management API's bulk PATCH
//! (`deleted_objects`). Each chunk is all-or-nothing on the node; the answer says exactly
//! which services were deleted and which were not.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::features::services::model::ServiceRow;

/// The most services one bulk delete takes.
pub const MAX_BULK_DELETE: usize = 500;

/// What a bulk delete did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkDeleteReport {
    pub deleted: Vec<String>,
    /// Service name → why it was not deleted.
    pub failed: Vec<(String, String)>,
}

/// The services with these ids (comma-separated), for the confirmation.
#[server(endpoint = "services/pick", input = leptos::server_fn::codec::GetUrl)]
pub async fn services_by_ids(ids: String) -> Result<Vec<ServiceRow>, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::pick(&cap, &ids).await
}

/// Deletes the services with these ids (comma-separated), with their aliases.
#[server(endpoint = "services/bulk-delete")]
pub async fn bulk_delete_services(ids: String) -> Result<BulkDeleteReport, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::delete(&cap, &ids).await
}

/// Parses `1,2,3`; anything else is a clear error.
pub fn parse_ids(ids: &str) -> Result<Vec<i64>, String> {
    let mut out = Vec::new();
    for part in ids.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = part
            .parse::<i64>()
            .map_err(|_| format!("\"{part}\" is not a service id."))?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.is_empty() {
        return Err("Select at least one service.".into());
    }
    if out.len() > MAX_BULK_DELETE {
        return Err(format!(
            "Select at most {MAX_BULK_DELETE} services at a time."
        ));
    }
    Ok(out)
}

#[cfg(feature = "ssr")]
mod ssr {
    use pexip_api::{
        config::{Conference, ConferenceId},
        Query, ResourceUri, Specifier,
    };
    use serde_json::json;

    use super::*;
    use crate::{
        auth::guard::{AuditChange, Capability},
        error::upstream_error,
        features::services::api::convert,
    };

    fn bad(message: String) -> AppError {
        AppError::BadRequest { message }.respond()
    }

    /// The services, in the order asked for; ids that do not exist are left out.
    async fn fetch(cap: &Capability, ids: &[i64]) -> Result<Vec<Conference>, AppError> {
        let mut found = Vec::new();
        for chunk in ids.chunks(100) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let q = Query::new()
                .filter("id", Specifier::In, list.join(","))
                .limit(chunk.len() as u32);
            let page = cap
                .upstream()
                .list::<Conference>(&q)
                .await
                .map_err(upstream_error)?;
            found.extend(page.objects);
        }
        found.sort_by_key(|c| ids.iter().position(|id| *id == c.id.0));
        Ok(found)
    }

    pub async fn pick(cap: &Capability, ids: &str) -> Result<Vec<ServiceRow>, AppError> {
        let ids = parse_ids(ids).map_err(bad)?;
        Ok(fetch(cap, &ids)
            .await?
            .into_iter()
            .map(convert::row)
            .collect())
    }

    pub async fn delete(cap: &Capability, ids: &str) -> Result<BulkDeleteReport, AppError> {
        let ids = parse_ids(ids).map_err(bad)?;
        let services = fetch(cap, &ids).await?;
        let uris: Vec<ResourceUri<Conference>> = services
            .iter()
            .map(|c| ResourceUri::new(&ConferenceId(c.id.0)))
            .collect();
        let report = cap
            .upstream()
            .bulk_patch::<Conference, serde_json::Value>(&[], &uris)
            .await;
        let mut out = BulkDeleteReport::default();
        let mut start = 0;
        for chunk in &report.chunks {
            let names = services
                .iter()
                .skip(start)
                .take(chunk.deleted)
                .map(|c| c.name.clone());
            match &chunk.result {
                Ok(()) => out.deleted.extend(names),
                Err(err) => {
                    let why = err.user_message();
                    out.failed.extend(names.map(|n| (n, why.clone())));
                }
            }
            start += chunk.deleted;
        }
        let missing = ids.len() - services.len();
        let mut entry = AuditChange::success(
            "service.bulk_delete",
            format!("{} services", out.deleted.len()),
        )
        .diff(
            Some(json!({ "services": services.iter().map(|c| json!({"id": c.id.0, "name": c.name})).collect::<Vec<_>>() })),
            None,
        );
        if !out.failed.is_empty() {
            entry = entry.failed(format!(
                "{} of {} services were not deleted",
                out.failed.len(),
                services.len()
            ));
        }
        if missing > 0 {
            entry.detail = Some(format!(
                "{}{missing} selected services no longer existed",
                entry.detail.map(|d| format!("{d}; ")).unwrap_or_default()
            ));
        }
        cap.audit(entry).await?;
        crate::auth::finish_at(format!(
            "/services?deleted={}&failed={}",
            out.deleted.len(),
            out.failed.len()
        ));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_parsed_deduplicated_and_limited() {
        assert_eq!(parse_ids("3, 1,3,,2"), Ok(vec![3, 1, 2]));
        assert!(parse_ids("").is_err());
        assert!(parse_ids("1,x").unwrap_err().contains("\"x\""));
        let many: Vec<String> = (0..=MAX_BULK_DELETE).map(|i| i.to_string()).collect();
        assert!(parse_ids(&many.join(",")).is_err());
    }
}
