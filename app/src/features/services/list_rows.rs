//! The rows of the services list, as HTML built in one pass.
//!
//! A page holds up to 100 rows and nothing in a row is reactive: a checkbox of a plain
//! GET form, a plain link (the router still takes its clicks) and text. Built as views,
//! each row cost tens of thousands of instructions on the server (seven elements, two
//! dozen attributes, each escaped and moved through the view tree) and then had to be
//! walked again by hydration on the phone. As one string it is a few escaped pushes per
//! cell, and the browser parses it. Every value from the node is escaped here, for text
//! or for a double-quoted attribute, with the `html-escape` crate that Leptos uses too.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute, encode_text};

use super::{kind::kind_label, model::ServiceRow};

/// The `<tr>` elements of the table body, one per row, appended to `html`.
pub fn push_rows(html: &mut String, rows: &[ServiceRow]) {
    html.reserve(rows.len() * 900);
    for row in rows {
        push_row(html, row);
    }
}

/// How a row's PIN and guest settings read in the Access column.
fn access(row: &ServiceRow) -> &'static str {
    match (row.pin_set, row.allow_guests) {
        (false, _) => "No PIN",
        (true, true) => "PIN · guests",
        (true, false) => "PIN",
    }
}

fn push_row(html: &mut String, row: &ServiceRow) {
    let name_attr = encode_double_quoted_attribute(&row.name);
    // Writing to a String cannot fail.
    let _ = write!(
        html,
        r#"<tr role="row" class="service-row" aria-label="{name_attr}"><td role="cell" class="service-select"><input type="checkbox" name="ids" value="{id}" aria-label="Select {name_attr}" class="service-check"></td><td role="cell" class="service-cell"><a href="/services/{id}" class="service-name">{name}</a><span class="service-aliases">"#,
        id = row.id,
        name = encode_text(&row.name),
    );
    for (i, alias) in row.aliases.iter().enumerate() {
        if i > 0 {
            html.push_str(" · ");
        }
        html.push_str(&encode_text(alias));
    }
    let _ = write!(
        html,
        r#"</span></td><td role="cell" class="service-cell">{kind}</td><td role="cell" class="service-cell break-all">{owner}</td><td role="cell" class="service-cell">{tag}</td><td role="cell" class="service-cell text-muted">{access}</td></tr>"#,
        kind = encode_text(&kind_label(&row.service_type)),
        owner = encode_text(&row.owner),
        tag = encode_text(&row.tag),
        access = access(row),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_html(rows: &[ServiceRow]) -> String {
        let mut html = String::new();
        push_rows(&mut html, rows);
        html
    }

    fn row(name: &str) -> ServiceRow {
        ServiceRow {
            id: 42,
            name: name.to_owned(),
            service_type: "conference".to_owned(),
            aliases: vec!["room@example.com".to_owned(), "4242".to_owned()],
            owner: "alice@example.com".to_owned(),
            tag: "board".to_owned(),
            pin_set: true,
            allow_guests: true,
        }
    }

    #[test]
    fn a_row_has_its_cells_in_column_order() {
        let html = rows_html(&[row("Board room")]);
        assert_eq!(
            html,
            concat!(
                r#"<tr role="row" class="service-row" aria-label="Board room">"#,
                r#"<td role="cell" class="service-select"><input type="checkbox" name="ids" value="42" aria-label="Select Board room" class="service-check"></td>"#,
                r#"<td role="cell" class="service-cell"><a href="/services/42" class="service-name">Board room</a><span class="service-aliases">room@example.com · 4242</span></td>"#,
                r#"<td role="cell" class="service-cell">Virtual Meeting Room</td>"#,
                r#"<td role="cell" class="service-cell break-all">alice@example.com</td>"#,
                r#"<td role="cell" class="service-cell">board</td>"#,
                r#"<td role="cell" class="service-cell text-muted">PIN · guests</td></tr>"#,
            )
        );
    }

    #[test]
    fn values_from_the_node_cannot_break_out_of_text_or_attributes() {
        let mut hostile = row(r#""><script>alert(1)</script><b x=""#);
        hostile.aliases = vec!["<img src=x onerror=alert(2)>".to_owned()];
        hostile.owner = "a&b<c>".to_owned();
        hostile.tag = "</td></tr><tr>".to_owned();
        hostile.service_type = "<svg onload=alert(3)>".to_owned();
        let html = rows_html(&[hostile]);
        for raw in ["<script", "<img", "<svg", "<b ", "</td></tr><tr>", "a&b"] {
            assert!(!html.contains(raw), "{raw} is escaped in {html}");
        }
        assert!(
            html.contains(r#"aria-label="&quot;&gt;&lt;script&gt;"#),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(2)&gt;"),
            "{html}"
        );
        assert!(html.contains("a&amp;b&lt;c&gt;"), "{html}");
        assert_eq!(html.matches("<tr ").count(), 1);
        assert_eq!(html.matches("</tr>").count(), 1);
    }

    #[test]
    fn access_reads_pin_then_guests() {
        let mut r = row("x");
        r.pin_set = false;
        assert_eq!(access(&r), "No PIN");
        r.pin_set = true;
        r.allow_guests = false;
        assert_eq!(access(&r), "PIN");
    }

    #[test]
    fn no_rows_is_no_html() {
        assert_eq!(rows_html(&[]), "");
    }
}
