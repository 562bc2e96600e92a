//! The services list: one filtered, ordered page from the Management Node.
//!
//! The Management API ANDs its filters and has no OR, so a search in one named field is
//! one request, while an "all fields" search is one request per field (five, sent
//! together) whose sorted pages are merged: each is asked for `offset + limit` rows, which
//! is enough to build the merged page exactly (any row of the merged top `offset + limit`
//! is within the top `offset + limit` of the field it matched). The total is exact when
//! every field's matches were all fetched, and a lower bound otherwise.

use leptos::prelude::*;

use crate::error::AppError;
use crate::features::services::{model::ServicePage, params::ListParams};

/// One page of services for a list state.
#[server(endpoint = "services/list", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_services(params: ListParams) -> Result<ServicePage, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::list(cap.upstream(), &params).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use std::cmp::Ordering;
    use std::collections::HashSet;

    use pexip_api::{client::Client, config::Conference, ListPage, Order, Query, Specifier};

    use super::*;
    use crate::error::upstream_error;
    use crate::features::services::{
        api::convert,
        model::Total,
        params::{SearchField, SortColumn},
    };

    /// The node's largest page.
    const MAX_WINDOW: u64 = 10_000;

    /// The query for a list state, without paging, and with the search in `field`.
    pub fn base_query(params: &ListParams, field: Option<&str>) -> Query {
        let mut q = Query::new();
        match params.types.as_slice() {
            [] => {}
            [one] => q = q.eq("service_type", one.wire()),
            many => {
                let wires: Vec<&str> = many.iter().map(|k| k.wire()).collect();
                q = q.filter("service_type", Specifier::In, wires.join(","));
            }
        }
        let term = params.q.trim();
        if let (false, Some(field)) = (term.is_empty(), field) {
            q = q.filter(field, Specifier::IContains, term);
        }
        let order = if params.desc { Order::Desc } else { Order::Asc };
        q = q.order_by(params.sort.api_field(), order);
        if params.sort != SortColumn::Name {
            q = q.order_by("name", Order::Asc);
        }
        q
    }

    /// The same order the node applies: the sort column (strings by ordinal), then name,
    /// then id.
    fn compare(params: &ListParams, a: &Conference, b: &Conference) -> Ordering {
        let key = |c: &Conference| -> String {
            match params.sort {
                SortColumn::Name => c.name.clone(),
                SortColumn::Type => c.service_type.to_string(),
                SortColumn::Owner => c.primary_owner_email_address.clone(),
                SortColumn::Tag => c.tag.clone(),
                SortColumn::Created => c
                    .creation_time
                    .as_ref()
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            }
        };
        let primary = key(a).cmp(&key(b));
        let primary = if params.desc {
            primary.reverse()
        } else {
            primary
        };
        primary
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.0.cmp(&b.id.0))
    }

    fn limit(n: u64) -> u32 {
        u32::try_from(n.clamp(1, MAX_WINDOW)).unwrap_or(10_000)
    }

    /// Merges the sorted pages of several field searches into the page at
    /// `offset..offset + per_page` of their union.
    pub fn merge(params: &ListParams, pages: Vec<ListPage<Conference>>) -> ServicePage {
        let window = u64::from(params.offset()) + u64::from(params.per_page);
        let exhausted = pages
            .iter()
            .all(|p| p.meta.total_count <= p.objects.len() as u64);
        let largest = pages.iter().map(|p| p.meta.total_count).max().unwrap_or(0);
        let mut seen = HashSet::new();
        let mut all: Vec<Conference> = pages
            .into_iter()
            .flat_map(|p| p.objects)
            .filter(|c| seen.insert(c.id.0))
            .collect();
        all.sort_by(|a, b| compare(params, a, b));
        let union = all.len() as u64;
        let rows = all
            .into_iter()
            .skip(params.offset() as usize)
            .take(params.per_page as usize)
            .map(convert::row)
            .collect();
        ServicePage {
            rows,
            total: if exhausted {
                Total::Exact(union)
            } else {
                Total::AtLeast(union.max(largest))
            },
            has_next: union > window || !exhausted,
        }
    }

    pub async fn list(client: &Client, params: &ListParams) -> Result<ServicePage, AppError> {
        tracing::debug!(q = %params.q, "services list");
        let offset = u64::from(params.offset());
        let per_page = u64::from(params.per_page);
        let all_fields = params.field == SearchField::All && !params.q.trim().is_empty();
        if !all_fields {
            let q = base_query(params, params.field.api_field())
                .limit(limit(per_page))
                .offset(offset);
            let page = client
                .list::<Conference>(&q)
                .await
                .map_err(upstream_error)?;
            let total = page.meta.total_count;
            return Ok(ServicePage {
                rows: page.objects.into_iter().map(convert::row).collect(),
                total: Total::Exact(total),
                has_next: offset + per_page < total,
            });
        }
        let window = limit(offset + per_page);
        let requests = SearchField::EACH.map(|f| {
            let q = base_query(params, f.api_field()).limit(window);
            async move { client.list::<Conference>(&q).await }
        });
        let pages = futures::future::try_join_all(requests)
            .await
            .map_err(upstream_error)?;
        Ok(merge(params, pages))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::features::services::kind::ServiceKind;
        use pexip_api::Meta;
        use serde_json::json;

        fn conf(id: i64, name: &str) -> Conference {
            serde_json::from_value(json!({"id": id, "name": name})).unwrap()
        }

        fn page(total: u64, items: Vec<Conference>) -> ListPage<Conference> {
            ListPage {
                meta: Meta {
                    total_count: total,
                    ..Meta::default()
                },
                objects: items,
            }
        }

        #[test]
        fn queries_carry_types_search_and_order() {
            let params = ListParams {
                q: "board".into(),
                types: vec![ServiceKind::Vmr, ServiceKind::Auditorium],
                sort: SortColumn::Created,
                desc: true,
                ..ListParams::default()
            };
            assert_eq!(
                base_query(&params, Some("aliases__alias")).to_query_string(),
                "service_type__in=conference%2Clecture&aliases__alias__icontains=board&order_by=-creation_time&order_by=name"
            );
            let one = ListParams {
                types: vec![ServiceKind::Vmr],
                ..ListParams::default()
            };
            assert_eq!(
                base_query(&one, None).to_query_string(),
                "service_type=conference&order_by=name"
            );
        }

        #[test]
        fn merged_pages_are_sorted_deduplicated_and_counted() {
            let params = ListParams {
                q: "a".into(),
                per_page: 2,
                ..ListParams::default()
            };
            let by_name = page(2, vec![conf(1, "Alpha"), conf(3, "Gamma")]);
            let by_alias = page(2, vec![conf(2, "Beta"), conf(1, "Alpha")]);
            let merged = merge(&params, vec![by_name, by_alias]);
            let names: Vec<_> = merged.rows.iter().map(|r| r.name.as_str()).collect();
            assert_eq!(names, vec!["Alpha", "Beta"]);
            assert_eq!(merged.total, Total::Exact(3));
            assert!(merged.has_next);
            let more = merge(
                &params,
                vec![page(40, vec![conf(1, "Alpha"), conf(3, "Gamma")])],
            );
            assert_eq!(more.total, Total::AtLeast(40));
            assert!(more.has_next);
        }
    }
}
