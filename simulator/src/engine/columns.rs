//! Contiguous copies of single fields ("columns") of a table, in key order, cached until that
//! table changes (each table has its own revision, so live status ticks never invalidate the
//! columns of configuration or history). A filter scan reads one dense `Vec` instead of every row.

use super::resource::RowKey;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// At most this many columns are kept; when full, the cache starts again.
const MAX_COLUMNS: usize = 48;

/// One field of every row of a table, in key order; an absent value reads as `null`.
pub type Column = Arc<Vec<Value>>;

/// The keys of every row of a table, in order: the index of its columns.
pub type Keys = Arc<Vec<RowKey>>;

/// For a to-one field: the position, in the target table's key order, of the object each row
/// points at ([`NO_LINK`] when none).
pub type Links = Arc<Vec<u32>>;

/// A row that points at nothing (or at a missing object).
pub const NO_LINK: u32 = u32::MAX;

type TableId = (&'static str, &'static str);

/// Cached links: `(table, field position)` → ((table revision, target table revision), links).
type LinkCache = HashMap<(TableId, usize), ((u64, u64), Links)>;

/// The column cache: `(table, field position)` → (table revision, column).
#[derive(Default)]
pub struct ColumnCache {
    cache: Mutex<HashMap<(TableId, usize), (u64, Column)>>,
    keys: Mutex<HashMap<TableId, (u64, Keys)>>,
    links: Mutex<LinkCache>,
}

impl ColumnCache {
    /// The keys of `table` in order at `revision`, built by `build` when missing or stale.
    pub fn keys_or_build(
        &self,
        table: TableId,
        revision: u64,
        build: impl FnOnce() -> Vec<RowKey>,
    ) -> Keys {
        let mut cache = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((rev, keys)) = cache.get(&table) {
            if *rev == revision {
                return keys.clone();
            }
        }
        let keys = Arc::new(build());
        cache.insert(table, (revision, keys.clone()));
        keys
    }

    /// The links of `(table, pos)` at the revisions of the table and its target, built by
    /// `build` when missing or stale.
    pub fn links_or_build(
        &self,
        table: TableId,
        pos: usize,
        revisions: (u64, u64),
        build: impl FnOnce() -> Vec<u32>,
    ) -> Links {
        let mut cache = self.links.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((revs, links)) = cache.get(&(table, pos)) {
            if *revs == revisions {
                return links.clone();
            }
        }
        let links: Links = Arc::new(build());
        if cache.len() >= MAX_COLUMNS {
            cache.clear();
        }
        cache.insert((table, pos), (revisions, links.clone()));
        links
    }

    /// The column of `(table, pos)` at `revision`, built by `build` when missing or stale.
    pub fn get_or_build(
        &self,
        table: TableId,
        pos: usize,
        revision: u64,
        build: impl FnOnce() -> Vec<Value>,
    ) -> Column {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (table, pos);
        if let Some((rev, col)) = cache.get(&key) {
            if *rev == revision {
                return col.clone();
            }
        }
        let col: Column = Arc::new(build());
        // Columns of an older revision of this table are stale: drop them.
        cache.retain(|(t, _), (rev, _)| *t != table || *rev == revision);
        if cache.len() >= MAX_COLUMNS {
            cache.clear();
        }
        cache.insert(key, (revision, col.clone()));
        col
    }
}
