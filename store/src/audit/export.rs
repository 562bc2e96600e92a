//! CSV export of the audit log.

use super::query::{fetch, Filter, MAX_LIMIT};
use super::AuditEntry;
use crate::{AuditQuery, Db, StoreError};

const HEADER: [&str; 9] = [
    "time",
    "actor",
    "role",
    "client_address",
    "action",
    "target",
    "outcome",
    "diff",
    "detail",
];

/// Neutralises spreadsheet formulas: a cell starting with = + - @ (or a tab
/// or carriage return) gets a leading apostrophe.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn record(e: &AuditEntry) -> Result<[String; 9], StoreError> {
    let time =
        e.at.format(&time::format_description::well_known::Rfc3339)
            .map_err(|_| StoreError::Corrupt("time".into()))?;
    let opt = |s: &Option<String>| cell(s.as_deref().unwrap_or_default());
    Ok([
        time,
        opt(&e.actor_email),
        e.actor_role
            .map(|r| r.as_str())
            .unwrap_or_default()
            .to_owned(),
        opt(&e.client_addr),
        cell(&e.action),
        opt(&e.target),
        e.outcome.as_str().to_owned(),
        e.diff.as_ref().map(|d| d.to_string()).unwrap_or_default(),
        opt(&e.detail),
    ])
}

/// Writes all rows matching `q` (its offset and limit are ignored), newest
/// first by id, paging through the table with a keyset so that rows added
/// meanwhile neither repeat nor shift the pages.
pub(super) async fn write_csv(
    db: &Db,
    q: &AuditQuery,
    out: &mut (impl std::io::Write + Send),
) -> Result<u64, StoreError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER).map_err(StoreError::Export)?;
    let mut rows = 0u64;
    let mut before: Option<i64> = None;
    loop {
        let mut f = Filter::new(q);
        if let Some(id) = before {
            f.before_id(id);
        }
        let page = fetch(db, &f, "id DESC", MAX_LIMIT, 0).await?;
        for e in &page {
            w.write_record(record(e)?).map_err(StoreError::Export)?;
            rows += 1;
        }
        match page.last() {
            Some(last) if page.len() == MAX_LIMIT as usize => before = Some(last.id),
            _ => break,
        }
    }
    w.flush().map_err(|e| StoreError::Export(e.into()))?;
    Ok(rows)
}
