//! Moving whole tables in and out of the store: copies for the state file and backups, and
//! loading them back (all at once at start, or one API's tables through the undo log).

use super::{Store, Table};
use crate::engine::registry::registry;
use crate::engine::resource::ResourceDef;
use crate::engine::row::RowRef;
use std::collections::BTreeMap;

impl Store {
    /// A copy of all tables, for the state file.
    pub fn snapshot(&self) -> BTreeMap<String, Table> {
        self.snapshot_where(|_| true)
    }

    /// A copy of the tables of one API (the state file and backups hold `configuration`).
    pub fn snapshot_api(&self, api: &str) -> BTreeMap<String, Table> {
        self.snapshot_where(|def| def.api == api)
    }

    fn snapshot_where(&self, keep: impl Fn(&ResourceDef) -> bool) -> BTreeMap<String, Table> {
        let reg = registry();
        self.tables
            .iter()
            .filter_map(|((api, name), t)| {
                let def = reg.get(api, name).filter(|d| keep(d))?;
                let rows = t
                    .rows
                    .iter()
                    .map(|(k, s)| (k.clone(), RowRef::new(def, s).to_row()))
                    .collect();
                let table = Table {
                    rows,
                    next_id: t.next_id,
                };
                Some((def.table(), table))
            })
            .collect()
    }

    /// Replaces all data with `tables` (from the state file), rebuilding the indexes.
    pub fn restore(&mut self, tables: BTreeMap<String, Table>) {
        self.tables.clear();
        self.refs.clear();
        self.load(tables);
    }

    /// Replaces the tables of `api` that `keep` selects with those of `tables`, through the undo
    /// log (inside a transaction, a failure leaves the store as it was). Used by backup restore.
    pub fn replace_api(
        &mut self,
        api: &'static str,
        keep: impl Fn(&ResourceDef) -> bool,
        tables: BTreeMap<String, Table>,
    ) {
        let defs: Vec<&'static ResourceDef> = registry().in_api(api).filter(|d| keep(d)).collect();
        for def in &defs {
            for key in self.keys(def) {
                self.remove(def, &key);
            }
        }
        let selected = tables
            .into_iter()
            .filter(|(name, _)| defs.iter().any(|d| d.table() == *name))
            .collect();
        self.load(selected);
    }

    fn load(&mut self, tables: BTreeMap<String, Table>) {
        for (name, table) in tables {
            let Some(def) = registry().by_table(&name) else {
                continue;
            };
            let next_id = table.next_id;
            for (key, row) in table.rows {
                // JSON object keys are strings: re-parse integer keys.
                let key = def.parse_key(&key.to_string()).unwrap_or(key);
                self.put(def, key, row);
            }
            let t = self.tables.entry(def.table_id()).or_default();
            t.next_id = t.next_id.max(next_id);
        }
    }
}
