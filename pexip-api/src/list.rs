//! The list envelope: `{"meta": {...}, "objects": [...]}`.

use serde::{Deserialize, Serialize};

use crate::Extra;

/// Pagination information of a list response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// The page size the node used (after clamping).
    #[serde(default)]
    pub limit: u64,
    /// Path and query of the next page, or `None` on the last page.
    #[serde(default)]
    pub next: Option<String>,
    /// Offset of this page.
    #[serde(default)]
    pub offset: u64,
    /// Path and query of the previous page.
    #[serde(default)]
    pub previous: Option<String>,
    /// Number of objects matching the filters, over all pages.
    #[serde(default)]
    pub total_count: u64,
    /// Unknown meta fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage<T> {
    /// Pagination information.
    pub meta: Meta,
    /// The objects on this page.
    pub objects: Vec<T>,
}

impl<T> Default for ListPage<T> {
    fn default() -> Self {
        Self {
            meta: Meta::default(),
            objects: Vec::new(),
        }
    }
}
