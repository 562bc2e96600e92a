//! Derived views of the store's tables: cached columns, key order and link columns (for
//! filters), and row buffers (to change several fields of an object in place).

use super::{related_keys, Store};
use crate::engine::columns::{Column, Keys, Links, NO_LINK};
use crate::engine::field::Relation;
use crate::engine::resource::{KeyKind, ResourceDef, RowKey};
use crate::engine::row::{RowBuf, RowRef};
use serde_json::Value;

impl Store {
    /// The values of the field at `pos` of every object of `def`, in key order (as `rows`
    /// yields them); absent values read as `null`. Cached until the table changes.
    pub fn column(&self, def: &ResourceDef, pos: usize) -> Column {
        self.columns
            .get_or_build(def.table_id(), pos, self.table_revision(def), || {
                self.rows(def)
                    .map(|(_, r)| r.at(pos).cloned().unwrap_or(Value::Null))
                    .collect()
            })
    }

    /// The keys of every object of `def`, in order (the index of [`Store::column`]).
    pub fn key_column(&self, def: &ResourceDef) -> Keys {
        self.columns
            .keys_or_build(def.table_id(), self.table_revision(def), || {
                self.rows(def).map(|(k, _)| k.clone()).collect()
            })
    }

    /// For the to-one field at `pos` of `def` (pointing at `target`): the position, in
    /// `target`'s key order, of the object each row of `def` points at ([`NO_LINK`] when none),
    /// in `def`'s key order. Cached until either table changes; relation lookups read it
    /// instead of parsing a URI per row.
    pub fn link_column(&self, def: &ResourceDef, pos: usize, target: &ResourceDef) -> Links {
        let revisions = (self.table_revision(def), self.table_revision(target));
        self.columns
            .links_or_build(def.table_id(), pos, revisions, || {
                let keys = self.key_column(target);
                self.rows(def)
                    .map(|(_, r)| {
                        r.at(pos)
                            .and_then(Value::as_str)
                            .and_then(|uri| target.key_segment(uri))
                            .and_then(|seg| key_position(target, &keys, seg))
                            .and_then(|p| u32::try_from(p).ok())
                            .unwrap_or(NO_LINK)
                    })
                    .collect()
            })
    }

    /// The values of one object by position, to change and write back with [`Store::put_buffer`].
    pub fn buffer<'d>(&self, def: &'d ResourceDef, key: &RowKey) -> Option<RowBuf<'d>> {
        let stored = self.tables.get(&def.table_id())?.rows.get(key)?;
        Some(RowBuf::new(def, stored.values()))
    }

    /// Writes back a changed [`RowBuf`] of an existing object (re-indexing its relations only
    /// when one of them changed). `false` when the object does not exist.
    pub fn put_buffer(&mut self, key: &RowKey, buf: RowBuf<'_>) -> bool {
        let def = buf.def();
        let id = def.table_id();
        let vals = buf.into_values();
        let Some(old) = self.tables.get(&id).and_then(|t| t.rows.get(key)) else {
            return false;
        };
        let new = old.with_values(vals);
        let relations_changed = def.fields.iter().enumerate().any(|(pos, f)| {
            f.relation
                .is_some_and(|r| !matches!(r, Relation::Reverse { .. }))
                && RowRef::new(def, old).at(pos) != RowRef::new(def, &new).at(pos)
        });
        let old = match self
            .tables
            .get_mut(&id)
            .and_then(|t| t.rows.insert(key.clone(), new))
        {
            Some(old) => old,
            None => return false,
        };
        if relations_changed {
            self.unindex(def, key, &old);
            if let Some(current) = self.tables.get(&id).and_then(|t| t.rows.get(key)) {
                let refs = related_keys(RowRef::new(def, current));
                self.add_refs(def, key, refs);
            }
        }
        self.log(id, key.clone(), Some(old));
        true
    }
}

/// The position of the object whose URI key segment is `segment` in `keys` (a table's keys in
/// order), without allocating.
pub fn key_position(def: &ResourceDef, keys: &[RowKey], segment: &str) -> Option<usize> {
    match def.key {
        KeyKind::AutoId | KeyKind::Singleton => {
            let n: u64 = segment.parse().ok()?;
            keys.binary_search(&RowKey::Int(n)).ok()
        }
        KeyKind::Field(_) => keys
            .binary_search_by(|k| match k {
                RowKey::Int(_) => std::cmp::Ordering::Less,
                RowKey::Str(s) => s.as_str().cmp(segment),
            })
            .ok(),
    }
}
