//! Server functions of the audit page.

use leptos::prelude::*;

use super::{AuditFilter, AuditPageData};
use crate::error::AppError;

/// One page of the audit log, newest first.
#[server(endpoint = "audit/query", input = leptos::server_fn::codec::GetUrl)]
pub async fn query_audit(filter: AuditFilter) -> Result<AuditPageData, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    let query = ssr::to_query(&filter)?;
    let page = cap
        .portal()
        .audit
        .query(&query)
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(ssr::page(page, &filter))
}

/// The audit log matching the filters, as a CSV download (all pages).
#[server(
    endpoint = "audit/export.csv",
    input = leptos::server_fn::codec::GetUrl,
    output = leptos::server_fn::codec::Streaming
)]
pub async fn export_audit(
    actor: Option<String>,
    action: Option<String>,
    target: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<leptos::server_fn::codec::ByteStream<AppError>, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    let filter = AuditFilter {
        actor,
        action,
        target,
        from,
        to,
        page: None,
    };
    let query = ssr::to_query(&filter)?;
    let mut csv = Vec::new();
    let rows = cap
        .portal()
        .audit
        .export_csv(&query, &mut csv)
        .await
        .map_err(|e| AppError::internal(&e))?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        response.insert_header(
            http::header::CONTENT_DISPOSITION,
            http::HeaderValue::from_static("attachment; filename=\"pexdesk-audit.csv\""),
        );
    }
    tracing::info!(rows, "audit log exported");
    Ok(leptos::server_fn::codec::ByteStream::new(
        futures::stream::once(async move { Ok::<_, AppError>(bytes::Bytes::from(csv)) }),
    ))
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use std::collections::BTreeMap;

    use pexdesk_store::{AuditPage, AuditQuery};
    use time::{format_description::well_known::Rfc3339, macros::format_description, Date, Time};

    use super::*;

    use crate::features::audit::{AuditRow, PER_PAGE};

    fn day(
        field: &str,
        value: Option<&str>,
        end: bool,
    ) -> Result<Option<time::OffsetDateTime>, AppError> {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let date =
            Date::parse(value, format_description!("[year]-[month]-[day]")).map_err(|_| {
                AppError::Validation {
                    fields: BTreeMap::from([(
                        field.to_owned(),
                        vec!["Use a date like 2026-11-28.".to_owned()],
                    )]),
                }
                .respond()
            })?;
        let time = if end { Time::MAX } else { Time::MIDNIGHT };
        Ok(Some(date.with_time(time).assume_utc()))
    }

    /// The store query for a page filter; a bad date is a field error.
    pub fn to_query(filter: &AuditFilter) -> Result<AuditQuery, AppError> {
        let page = filter.page.unwrap_or(1).max(1);
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Ok(AuditQuery {
            actor: clean(&filter.actor),
            action: clean(&filter.action),
            target: clean(&filter.target),
            from: day("from", filter.from.as_deref(), false)?,
            to: day("to", filter.to.as_deref(), true)?,
            offset: u64::from(page - 1) * u64::from(PER_PAGE),
            limit: PER_PAGE,
        })
    }

    /// The page data for the UI.
    pub fn page(page: AuditPage, filter: &AuditFilter) -> AuditPageData {
        let pages = u32::try_from(page.total.div_ceil(u64::from(PER_PAGE)))
            .unwrap_or(u32::MAX)
            .max(1);
        AuditPageData {
            rows: page
                .entries
                .into_iter()
                .map(|e| AuditRow {
                    id: e.id,
                    at: e.at.format(&Rfc3339).unwrap_or_default(),
                    actor: e.actor_email,
                    role: e.actor_role.map(|r| r.to_string()),
                    client_addr: e.client_addr,
                    action: e.action,
                    target: e.target,
                    outcome: format!("{:?}", e.outcome).to_lowercase(),
                    diff: e.diff.map(|d| d.to_string()),
                    detail: e.detail,
                })
                .collect(),
            total: page.total,
            page: filter.page.unwrap_or(1).max(1),
            pages,
        }
    }
}
