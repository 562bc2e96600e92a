//! The results part of the services list (the count, the table, the pager and the page
//! sizes, or the error) as HTML built in one pass, and how it travels to the browser.
//!
//! Nothing in it is reactive: links (the router still takes their clicks), a plain GET
//! form with checkboxes, and text. So the list's resource holds this HTML rather than the
//! rows, and its value is never serialized into the page: the HTML *is* in the page.
//! Hydration keeps what the server sent, because an `inner_html` is not rewritten while
//! hydrating; after that, each new list state is fetched (the rows, from
//! `list_services`) and rendered here in the browser. The page thus carries its rows
//! once, not twice (HTML and JSON), and the server does not encode and escape them again.
//!
//! Every value is escaped here, for text or for a double-quoted attribute, with the
//! `html-escape` crate that Leptos uses too (see `list_rows` for the rows).

use std::{convert::Infallible, fmt::Write, sync::Arc};

use html_escape::{encode_double_quoted_attribute, encode_text};
use leptos::server::codee::{Decoder, Encoder};

use super::{
    list_rows::push_rows,
    model::{ServicePage, Total},
    params::{ListParams, SortColumn, PAGE_SIZES},
};
use crate::error::AppError;

/// The results of one list state, as HTML (shared: reading the resource copies nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultsHtml(pub Arc<str>);

impl Default for ResultsHtml {
    fn default() -> Self {
        ResultsHtml(Arc::from(""))
    }
}

impl ResultsHtml {
    /// The results for `params`: the page of services, or why there is none.
    pub fn of(params: &ListParams, page: &Result<ServicePage, AppError>) -> Self {
        ResultsHtml(Arc::from(match page {
            Ok(page) => results_html(params, page),
            Err(e) => error_html(e),
        }))
    }
}

/// The resource's encoding: nothing. The server's results are already in the page, so the
/// browser's copy is empty, and hydration leaves the server's HTML in place.
pub struct AlreadyInPage;

impl Encoder<ResultsHtml> for AlreadyInPage {
    type Error = Infallible;
    type Encoded = String;

    fn encode(_: &ResultsHtml) -> Result<String, Infallible> {
        Ok(String::new())
    }
}

impl Decoder<ResultsHtml> for AlreadyInPage {
    type Error = Infallible;
    type Encoded = str;

    fn decode(_: &str) -> Result<ResultsHtml, Infallible> {
        Ok(ResultsHtml::default())
    }
}

/// Why the list could not be shown, with the id to quote when there is one.
fn error_html(e: &AppError) -> String {
    let mut html = String::from(
        r#"<p role="alert" class="mt-6 rounded-lg border border-red-500/40 p-4 text-sm">"#,
    );
    html.push_str(&encode_text(&e.to_string()));
    if let Some(id) = e.operation_id() {
        html.push_str(" (operation id ");
        html.push_str(&encode_text(id));
        html.push(')');
    }
    html.push_str("</p>");
    html
}

/// The line above the table.
fn summary(params: &ListParams, page: &ServicePage) -> String {
    let count = match page.total {
        Total::Exact(n) => n.to_string(),
        Total::AtLeast(n) => format!("at least {n}"),
    };
    if page.rows.is_empty() {
        if params.q.is_empty() && params.types.is_empty() {
            "No services yet.".to_owned()
        } else {
            format!("No services match (of {count} found).")
        }
    } else {
        let first = u64::from(params.offset()) + 1;
        let last = u64::from(params.offset()) + page.rows.len() as u64;
        format!("Showing {first}–{last} of {count} services")
    }
}

/// The count, the rows and the pager.
fn results_html(params: &ListParams, page: &ServicePage) -> String {
    let mut html = String::with_capacity(page.rows.len() * 900 + 3_000);
    // Writing to a String cannot fail.
    let _ = write!(
        html,
        r#"<p class="mt-4 text-sm text-muted" role="status">{}</p><form method="get" action="/services/delete" class="mt-2">"#,
        encode_text(&summary(params, page))
    );
    let empty = page.rows.is_empty();
    if !empty {
        push_table(&mut html, params, page);
    }
    html.push_str(r#"<div class="mt-3 flex flex-wrap items-center justify-between gap-2">"#);
    if !empty {
        html.push_str(r#"<button type="submit" class="btn-secondary">Delete selected…</button>"#);
    }
    html.push_str(r#"<nav aria-label="Pages" class="flex items-center gap-2">"#);
    if params.page > 1 {
        push_link(
            &mut html,
            &params.with_page(params.page - 1).href(),
            r#" class="btn-secondary" rel="prev""#,
            "Previous",
        );
    }
    let _ = write!(
        html,
        r#"<span class="text-sm text-muted">Page {}</span>"#,
        params.page
    );
    if page.has_next {
        push_link(
            &mut html,
            &params.with_page(params.page + 1).href(),
            r#" class="btn-secondary" rel="next""#,
            "Next",
        );
    }
    html.push_str("</nav>");
    push_page_sizes(&mut html, params);
    html.push_str("</div></form>");
    html
}

/// `<a href="…"{attributes}>{text}</a>`, the href escaped.
fn push_link(html: &mut String, href: &str, attributes: &str, text: &str) {
    let _ = write!(
        html,
        r#"<a href="{}"{attributes}>{text}</a>"#,
        encode_double_quoted_attribute(href)
    );
}

fn push_table(html: &mut String, params: &ListParams, page: &ServicePage) {
    html.push_str(concat!(
        r#"<table role="table" class="block w-full text-sm md:table" aria-label="Services">"#,
        r#"<thead role="rowgroup" class="hidden border-b border-line text-left md:table-header-group"><tr role="row">"#,
        r#"<th role="columnheader" scope="col" class="w-8 px-3 py-2"><span class="sr-only">Select</span></th>"#,
    ));
    for column in [
        SortColumn::Name,
        SortColumn::Type,
        SortColumn::Owner,
        SortColumn::Tag,
    ] {
        push_sort_header(html, params, column);
    }
    html.push_str(concat!(
        r#"<th role="columnheader" scope="col" class="px-3 py-2">Access</th></tr></thead>"#,
        r#"<tbody role="rowgroup" class="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-line">"#,
    ));
    push_rows(html, &page.rows);
    html.push_str("</tbody></table>");
}

/// A sortable column header: a link that sorts by it (or flips it), and its state.
fn push_sort_header(html: &mut String, params: &ListParams, column: SortColumn) {
    let (sorted, arrow) = match (params.sort == column, params.desc) {
        (false, _) => ("none", ""),
        (true, false) => ("ascending", " ↑"),
        (true, true) => ("descending", " ↓"),
    };
    let _ = write!(
        html,
        r#"<th role="columnheader" scope="col" class="px-3 py-2" aria-sort="{sorted}">"#
    );
    push_link(
        html,
        &params.sorted_by(column).href(),
        r#" class="hover:underline""#,
        &format!("{}{arrow}", column.label()),
    );
    html.push_str("</th>");
}

/// Rows per page: links, so it works without JavaScript.
fn push_page_sizes(html: &mut String, params: &ListParams) {
    html.push_str(
        r#"<p class="flex items-center gap-1 text-sm"><span class="text-muted">Per page:</span>"#,
    );
    for n in PAGE_SIZES {
        let href = ListParams {
            per_page: n,
            page: 1,
            ..params.clone()
        }
        .href();
        let current = if params.per_page == n {
            r#" aria-current="true""#
        } else {
            ""
        };
        push_link(
            html,
            &href,
            &format!(
                r#"{current} class="rounded px-2 py-1 hover:bg-raised aria-[current=true]:font-semibold aria-[current=true]:text-accent""#
            ),
            &n.to_string(),
        );
    }
    html.push_str("</p>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::services::model::ServiceRow;

    fn params(query: &[(&str, &str)]) -> ListParams {
        ListParams::parse(|k| {
            query
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| (*v).to_owned())
        })
        .params
    }

    fn row(id: i64) -> ServiceRow {
        ServiceRow {
            id,
            name: format!("Room {id}"),
            service_type: "conference".to_owned(),
            aliases: vec![format!("room{id}@example.com")],
            owner: "alice@example.com".to_owned(),
            tag: "board".to_owned(),
            pin_set: false,
            allow_guests: false,
        }
    }

    fn page(rows: usize, total: Total, has_next: bool) -> ServicePage {
        ServicePage {
            rows: (1..=rows as i64).map(row).collect(),
            total,
            has_next,
        }
    }

    #[test]
    fn a_page_has_its_count_table_and_pager() {
        let p = params(&[("q", "room"), ("page", "2")]);
        let html = results_html(&p, &page(20, Total::Exact(55), true));
        assert!(
            html.starts_with(r#"<p class="mt-4 text-sm text-muted" role="status">Showing 21–40 of 55 services</p><form method="get" action="/services/delete" class="mt-2"><table role="table""#),
            "{html}"
        );
        assert_eq!(
            html.matches(r#"<tr role="row" class="service-row""#)
                .count(),
            20
        );
        assert!(html
            .contains(r#"<button type="submit" class="btn-secondary">Delete selected…</button>"#));
        assert!(
            html.contains(
                r#"<a href="/services?q=room" class="btn-secondary" rel="prev">Previous</a>"#
            ),
            "{html}"
        );
        assert!(html.contains(r#"<span class="text-sm text-muted">Page 2</span>"#));
        assert!(
            html.contains(
                r#"<a href="/services?q=room&amp;page=3" class="btn-secondary" rel="next">Next</a>"#
            ),
            "{html}"
        );
        assert!(html.ends_with("</p></div></form>"), "{html}");
    }

    #[test]
    fn the_sorted_column_says_so_and_its_link_flips_it() {
        let html = results_html(
            &params(&[("sort", "-owner")]),
            &page(1, Total::Exact(1), false),
        );
        assert!(html.contains(r#"<th role="columnheader" scope="col" class="px-3 py-2" aria-sort="descending"><a href="/services?sort=owner" class="hover:underline">Owner ↓</a></th>"#), "{html}");
        assert!(
            html.contains(
                r#"aria-sort="none"><a href="/services" class="hover:underline">Name</a>"#
            ),
            "{html}"
        );
        assert_eq!(html.matches(r#"aria-sort=""#).count(), 4);
    }

    #[test]
    fn the_first_page_has_no_previous_and_the_last_no_next() {
        let html = results_html(&params(&[]), &page(3, Total::Exact(3), false));
        assert!(!html.contains("rel=\"prev\""));
        assert!(!html.contains("rel=\"next\""));
        assert!(html.contains("Showing 1–3 of 3 services"));
    }

    #[test]
    fn the_current_page_size_is_marked() {
        let html = results_html(&params(&[("per", "50")]), &page(1, Total::Exact(1), false));
        assert!(
            html.contains(r#"<a href="/services?per=50" aria-current="true" class="rounded"#),
            "{html}"
        );
        assert_eq!(html.matches("aria-current=").count(), 1);
    }

    #[test]
    fn no_rows_says_why_and_has_no_table_or_delete() {
        let none = page(0, Total::Exact(0), false);
        let html = results_html(&params(&[]), &none);
        assert!(html.contains(">No services yet.</p>"));
        assert!(!html.contains("<table"));
        assert!(!html.contains("Delete selected"));
        let html = results_html(&params(&[("q", "zzz")]), &page(0, Total::AtLeast(7), false));
        assert!(
            html.contains(">No services match (of at least 7 found).</p>"),
            "{html}"
        );
    }

    #[test]
    fn errors_are_alerts_with_their_operation_id_and_escaped() {
        let html = ResultsHtml::of(
            &params(&[]),
            &Err(AppError::Internal {
                operation_id: "op-<1>".into(),
            }),
        )
        .0;
        assert_eq!(
            &*html,
            r#"<p role="alert" class="mt-6 rounded-lg border border-red-500/40 p-4 text-sm">Something went wrong on our side. (operation id op-&lt;1&gt;)</p>"#
        );
    }

    #[test]
    fn search_terms_cannot_break_out_of_links() {
        let html = results_html(
            &params(&[("q", r#""><script>x</script>"#)]),
            &page(1, Total::Exact(30), true),
        );
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn the_page_carries_nothing_for_the_browser_to_decode() {
        let value = ResultsHtml(Arc::from("<p>rows</p>"));
        assert_eq!(AlreadyInPage::encode(&value), Ok(String::new()));
        assert_eq!(AlreadyInPage::decode(""), Ok(ResultsHtml::default()));
    }
}
