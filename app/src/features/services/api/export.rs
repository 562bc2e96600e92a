//! CSV export of the services matching the list's current filters, streamed page by page
//! (`meta.next`, 1,000 per page) so a large node is never held in memory at once. The
//! columns are the import's (PINs only as "set or not"), so an export can be edited and
//! imported again.

use leptos::prelude::*;

use crate::error::AppError;

/// The export's columns, in order.
pub const EXPORT_COLUMNS: [&str; 14] = [
    "id",
    "name",
    "service_type",
    "aliases",
    "description",
    "primary_owner_email_address",
    "tag",
    "allow_guests",
    "host_pin_set",
    "guest_pin_set",
    "ivr_theme",
    "call_type",
    "participant_limit",
    "creation_time",
];

/// The services matching the list state given in the URL's own parameters, as CSV.
#[server(
    endpoint = "services/export.csv",
    input = leptos::server_fn::codec::GetUrl,
    output = leptos::server_fn::codec::Streaming
)]
pub async fn export_services(
    q: Option<String>,
    #[server(rename = "in")] field: Option<String>,
    #[server(rename = "type")] types: Option<String>,
    sort: Option<String>,
) -> Result<leptos::server_fn::codec::ByteStream<AppError>, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::export(&cap, q, field, types, sort).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::{BTreeMap, HashSet};

    use futures::{stream, StreamExt};
    use pexip_api::{config::Conference, ListPage};

    use super::*;
    use crate::{
        auth::guard::Capability,
        error::upstream_error,
        features::services::{
            api::list::ssr::base_query,
            params::{ListParams, SearchField},
        },
    };

    const PAGE: u32 = 1000;

    fn bool_text(b: bool) -> &'static str {
        if b {
            "yes"
        } else {
            "no"
        }
    }

    /// CSV lines of some services (the header first when `header`).
    pub fn csv_chunk(
        services: &[Conference],
        themes: &BTreeMap<String, String>,
        header: bool,
    ) -> Result<bytes::Bytes, AppError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| AppError::internal(&e);
        if header {
            w.write_record(EXPORT_COLUMNS).map_err(fail)?;
        }
        for c in services {
            let aliases: Vec<&str> = c.aliases.iter().map(|a| a.alias.as_str()).collect();
            let theme = c
                .ivr_theme
                .as_ref()
                .map(|u| {
                    themes
                        .get(u.as_str())
                        .cloned()
                        .unwrap_or_else(|| u.to_string())
                })
                .unwrap_or_default();
            let record = [
                c.id.0.to_string(),
                c.name.clone(),
                c.service_type.to_string(),
                aliases.join(";"),
                c.description.clone(),
                c.primary_owner_email_address.clone(),
                c.tag.clone(),
                bool_text(c.allow_guests).to_owned(),
                bool_text(!c.pin.is_empty()).to_owned(),
                bool_text(!c.guest_pin.is_empty()).to_owned(),
                theme,
                c.call_type.to_string(),
                c.participant_limit
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                c.creation_time.map(|t| t.to_string()).unwrap_or_default(),
            ];
            w.write_record(record).map_err(fail)?;
        }
        w.into_inner()
            .map(bytes::Bytes::from)
            .map_err(|e| AppError::internal(&e))
    }

    pub async fn export(
        cap: &Capability,
        q: Option<String>,
        field: Option<String>,
        types: Option<String>,
        sort: Option<String>,
    ) -> Result<leptos::server_fn::codec::ByteStream<AppError>, AppError> {
        let pairs = [("q", q), ("in", field), ("type", types), ("sort", sort)];
        let parsed = ListParams::parse(|k| {
            pairs
                .iter()
                .find(|(name, _)| *name == k)
                .and_then(|(_, v)| v.clone())
        });
        if let Some(problem) = parsed.problems.first() {
            return Err(AppError::BadRequest {
                message: problem.clone(),
            }
            .respond());
        }
        let params = parsed.params;
        let options = cap
            .portal()
            .lookups
            .options(cap.upstream())
            .await
            .map_err(upstream_error)?;
        let themes: BTreeMap<String, String> = options
            .themes
            .iter()
            .map(|t| {
                let uri = pexip_api::ResourceUri::<pexip_api::config::IvrTheme>::new(
                    &pexip_api::config::IvrThemeId(t.id),
                );
                (uri.as_str().to_owned(), t.name.clone())
            })
            .collect();
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            response.insert_header(
                http::header::CONTENT_DISPOSITION,
                http::HeaderValue::from_static("attachment; filename=\"pexdesk-services.csv\""),
            );
        }
        let client = cap.upstream().clone();
        let all_fields = params.field == SearchField::All && !params.q.trim().is_empty();
        if all_fields {
            // One stream per field, merged: the union is collected, then written sorted.
            let mut seen = HashSet::new();
            let mut all = Vec::new();
            for f in SearchField::EACH {
                let query = base_query(&params, f.api_field()).limit(PAGE);
                let found = client
                    .list_all::<Conference>(&query)
                    .await
                    .map_err(upstream_error)?;
                all.extend(found.into_iter().filter(|c| seen.insert(c.id.0)));
            }
            all.sort_by(|a, b| a.name.cmp(&b.name));
            let body = csv_chunk(&all, &themes, true)?;
            tracing::info!(rows = all.len(), "services exported");
            return Ok(leptos::server_fn::codec::ByteStream::new(stream::once(
                async move { Ok::<_, AppError>(body) },
            )));
        }
        let query = base_query(&params, params.field.api_field()).limit(PAGE);
        let mut pages = client.stream_pages::<Conference>(&query);
        // The first page is fetched before answering, so an unreachable node is a clear
        // error rather than an empty file.
        let first: ListPage<Conference> = match pages.next().await {
            Some(Ok(page)) => page,
            Some(Err(err)) => return Err(upstream_error(err)),
            None => ListPage::default(),
        };
        let head = csv_chunk(&first.objects, &themes, true)?;
        let rest = pages.map(move |page| match page {
            Ok(page) => csv_chunk(&page.objects, &themes, false),
            Err(err) => {
                tracing::warn!(error = %err, "services export stopped early");
                Ok(bytes::Bytes::from(format!(
                    "# export incomplete: {}\n",
                    err.user_message()
                )))
            }
        });
        Ok(leptos::server_fn::codec::ByteStream::new(
            stream::once(async move { Ok::<_, AppError>(head) }).chain(rest),
        ))
    }
}
