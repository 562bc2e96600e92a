//! Contiguous copies of single fields ("columns") of a table, in key order, cached until the
//! next change to the store. A filter scan reads one dense `Vec` instead of every row.

use super::resource::RowKey;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// At most this many columns are kept; older ones are dropped first.
const MAX_COLUMNS: usize = 32;

/// One field of every row of a table, in key order; an absent value reads as `null`.
pub type Column = Arc<Vec<Value>>;

/// The keys of every row of a table, in order: the index of its columns.
pub type Keys = Arc<Vec<RowKey>>;

/// The column cache: `(table, field position)` → (store revision, column).
#[derive(Default)]
pub struct ColumnCache {
    cache: Mutex<HashMap<(String, usize), (u64, Column)>>,
    keys: Mutex<HashMap<String, (u64, Keys)>>,
}

impl ColumnCache {
    /// The keys of `table` in order at `revision`, built by `build` when missing or stale.
    pub fn keys_or_build(
        &self,
        table: String,
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
        cache.retain(|_, (rev, _)| *rev == revision);
        cache.insert(table, (revision, keys.clone()));
        keys
    }

    /// The column of `(table, pos)` at `revision`, built by `build` when missing or stale.
    pub fn get_or_build(
        &self,
        table: String,
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
        cache.retain(|_, (rev, _)| *rev == revision);
        if cache.len() >= MAX_COLUMNS {
            cache.clear();
        }
        cache.insert(key, (revision, col.clone()));
        col
    }
}
