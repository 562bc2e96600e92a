//! The audit log (admin only): every change made through pexdesk, filterable, paginated,
//! exportable as CSV.

pub mod api;
mod page;

pub use page::AuditPage;

use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PER_PAGE: u32 = 50;

/// The filters of the audit page, as they appear in its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target: Option<String>,
    /// `YYYY-MM-DD` (from the start of that day, UTC).
    pub from: Option<String>,
    /// `YYYY-MM-DD` (to the end of that day, UTC).
    pub to: Option<String>,
    pub page: Option<u32>,
}

impl AuditFilter {
    /// The filter as a query string (without `?`), for links and the CSV export.
    pub fn to_query(&self, page: Option<u32>) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("actor", &self.actor),
            ("action", &self.action),
            ("target", &self.target),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!("{key}={}", crate::ui::gate::url_escape(v)));
            }
        }
        if let Some(p) = page.filter(|p| *p > 1) {
            parts.push(format!("page={p}"));
        }
        parts.join("&")
    }
}

/// One audit row as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: Option<String>,
    pub role: Option<String>,
    pub client_addr: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub outcome: String,
    pub diff: Option<String>,
    pub detail: Option<String>,
}

/// One page of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPageData {
    pub rows: Vec<AuditRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}
