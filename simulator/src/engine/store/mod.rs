//! The in-memory store: one table per resource, reverse indexes of relations, and an undo log
//! that makes a multi-object write all-or-nothing.

mod tables;
mod views;

pub use views::key_position;

use super::columns::ColumnCache;
use super::field::Relation;
use super::registry::registry;
use super::resource::{KeyKind, ResourceDef, RowKey};
use super::row::Stored;
pub use super::row::{Row, RowBuf, RowRef};
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The objects of one resource as the state file holds them.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Table {
    pub rows: BTreeMap<RowKey, Row>,
    pub next_id: u64,
}

/// A table's id: `(api, resource name)`.
pub type TableId = (&'static str, &'static str);

/// `(api, resource, field)`: the reverse index of one related field.
type RefId = (&'static str, &'static str, &'static str);

/// The objects of one resource in memory, in key order, in their compact form.
#[derive(Debug, Default)]
struct Tab {
    rows: BTreeMap<RowKey, Stored>,
    next_id: u64,
    /// The store revision of this table's last change (keys its column caches).
    revision: u64,
}

enum Undo {
    Restore {
        table: TableId,
        key: RowKey,
        old: Option<Stored>,
    },
}

/// All data of the simulated Management Node.
pub struct Store {
    tables: HashMap<TableId, Tab>,
    /// Related field → target key → keys of the rows that point at it.
    refs: HashMap<RefId, HashMap<RowKey, BTreeSet<RowKey>>>,
    undo: Option<Vec<Undo>>,
    pub rng: StdRng,
    revision: u64,
    columns: ColumnCache,
}

impl Store {
    pub fn new(seed: u64) -> Self {
        Store {
            tables: HashMap::new(),
            refs: HashMap::new(),
            undo: None,
            rng: StdRng::seed_from_u64(seed),
            revision: 0,
            columns: ColumnCache::default(),
        }
    }

    /// Bumped on every change to any table.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The revision of the last change to `def`'s table (0: never changed).
    pub fn table_revision(&self, def: &ResourceDef) -> u64 {
        self.tables.get(&def.table_id()).map_or(0, |t| t.revision)
    }

    /// The revision of the last change to any table of `api` (the persister saves the
    /// configuration when this moves, and ignores live status).
    pub fn api_revision(&self, api: &str) -> u64 {
        self.tables
            .iter()
            .filter(|((a, _), _)| *a == api)
            .map(|(_, t)| t.revision)
            .max()
            .unwrap_or(0)
    }

    pub fn get<'a>(&'a self, def: &'a ResourceDef, key: &RowKey) -> Option<RowRef<'a>> {
        let stored = self.tables.get(&def.table_id())?.rows.get(key)?;
        Some(RowRef::new(def, stored))
    }

    /// Whether an object with `key` exists.
    pub fn contains(&self, def: &ResourceDef, key: &RowKey) -> bool {
        self.tables
            .get(&def.table_id())
            .is_some_and(|t| t.rows.contains_key(key))
    }

    /// Every object of `def`, in key order.
    pub fn rows<'a>(
        &'a self,
        def: &'a ResourceDef,
    ) -> Box<dyn DoubleEndedIterator<Item = (&'a RowKey, RowRef<'a>)> + 'a> {
        match self.tables.get(&def.table_id()) {
            Some(t) => Box::new(t.rows.iter().map(move |(k, s)| (k, RowRef::new(def, s)))),
            None => Box::new(std::iter::empty()),
        }
    }

    /// The keys of every object of `def`, in order (a copy).
    pub fn keys(&self, def: &ResourceDef) -> Vec<RowKey> {
        self.tables
            .get(&def.table_id())
            .map(|t| t.rows.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The stored key and object of `key`.
    pub fn entry<'a>(
        &'a self,
        def: &'a ResourceDef,
        key: &RowKey,
    ) -> Option<(&'a RowKey, RowRef<'a>)> {
        let (k, stored) = self.tables.get(&def.table_id())?.rows.get_key_value(key)?;
        Some((k, RowRef::new(def, stored)))
    }

    pub fn len(&self, def: &ResourceDef) -> usize {
        self.tables.get(&def.table_id()).map_or(0, |t| t.rows.len())
    }

    /// Allocates the key of a new object (and sets `id` for integer keys).
    pub fn allocate_key(&mut self, def: &ResourceDef, obj: &mut Row) -> Option<RowKey> {
        match def.key {
            KeyKind::AutoId | KeyKind::Singleton => {
                let table = self.tables.entry(def.table_id()).or_default();
                table.next_id = table.next_id.max(1);
                let id = table.next_id;
                table.next_id += 1;
                obj.insert("id".into(), Value::from(id));
                Some(RowKey::Int(id))
            }
            KeyKind::Field(f) => obj
                .get(f)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(|s| RowKey::Str(s.to_string())),
        }
    }

    /// Inserts or replaces an object, keeping the reverse indexes and the undo log.
    pub fn put(&mut self, def: &ResourceDef, key: RowKey, obj: Row) {
        let id = def.table_id();
        let obj = Stored::from_row(def, obj);
        let table = self.tables.entry(id).or_default();
        if let RowKey::Int(n) = &key {
            table.next_id = table.next_id.max(n + 1);
        }
        let old = table.rows.insert(key.clone(), obj);
        if let Some(old) = &old {
            self.unindex(def, &key, old);
        }
        if let Some(new) = self.tables.get(&id).and_then(|t| t.rows.get(&key)) {
            let refs = related_keys(RowRef::new(def, new));
            self.add_refs(def, &key, refs);
        }
        self.log(id, key, old);
    }

    /// Reads, changes and writes back one object; `false` when it does not exist.
    pub fn update(&mut self, def: &ResourceDef, key: &RowKey, f: impl FnOnce(&mut Row)) -> bool {
        let Some(mut row) = self.get(def, key).map(|r| r.to_row()) else {
            return false;
        };
        f(&mut row);
        self.put(def, key.clone(), row);
        true
    }

    /// Removes an object, keeping the reverse indexes and the undo log. `false`: it did not exist.
    pub fn remove(&mut self, def: &ResourceDef, key: &RowKey) -> bool {
        let id = def.table_id();
        let Some(old) = self.tables.get_mut(&id).and_then(|t| t.rows.remove(key)) else {
            return false;
        };
        self.unindex(def, key, &old);
        self.log(id, key.clone(), Some(old));
        true
    }

    /// Keys of the rows of `source` whose related `field` points at `target_key`.
    pub fn referrers(&self, source: &ResourceDef, field: &str, target_key: &RowKey) -> Vec<RowKey> {
        self.referrer_set(source, field, target_key)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Like [`Store::referrers`], without copying.
    pub fn referrer_set(
        &self,
        source: &ResourceDef,
        field: &str,
        target_key: &RowKey,
    ) -> Option<&BTreeSet<RowKey>> {
        let f = source.fields.iter().find(|f| f.name == field)?;
        self.refs
            .get(&(source.api, source.name, f.name))
            .and_then(|m| m.get(target_key))
    }

    pub fn begin(&mut self) {
        self.undo = Some(Vec::new());
    }

    pub fn commit(&mut self) {
        self.undo = None;
    }

    /// Undoes every change since `begin`.
    pub fn rollback(&mut self) {
        let Some(log) = self.undo.take() else { return };
        for Undo::Restore { table, key, old } in log.into_iter().rev() {
            let Some(def) = registry().get(table.0, table.1) else {
                continue;
            };
            let current = self
                .tables
                .get_mut(&table)
                .and_then(|t| t.rows.remove(&key));
            if let Some(current) = current {
                self.unindex(def, &key, &current);
            }
            if let Some(old) = old {
                self.index(def, &key, &old);
                self.tables.entry(table).or_default().rows.insert(key, old);
            }
            self.touch(table);
        }
    }

    /// Records a change of `table`: a new store revision, which is also the table's.
    fn touch(&mut self, table: TableId) {
        self.revision += 1;
        let rev = self.revision;
        self.tables.entry(table).or_default().revision = rev;
    }

    fn log(&mut self, table: TableId, key: RowKey, old: Option<Stored>) {
        self.touch(table);
        if let Some(log) = self.undo.as_mut() {
            log.push(Undo::Restore { table, key, old });
        }
    }

    fn index(&mut self, def: &ResourceDef, key: &RowKey, obj: &Stored) {
        let refs = related_keys(RowRef::new(def, obj));
        self.add_refs(def, key, refs);
    }

    fn add_refs(&mut self, def: &ResourceDef, key: &RowKey, refs: Vec<(&'static str, RowKey)>) {
        for (field, target) in refs {
            self.refs
                .entry((def.api, def.name, field))
                .or_default()
                .entry(target)
                .or_default()
                .insert(key.clone());
        }
    }

    fn unindex(&mut self, def: &ResourceDef, key: &RowKey, obj: &Stored) {
        for (field, target) in related_keys(RowRef::new(def, obj)) {
            if let Some(m) = self.refs.get_mut(&(def.api, def.name, field)) {
                if let Some(set) = m.get_mut(&target) {
                    set.remove(key);
                    if set.is_empty() {
                        m.remove(&target);
                    }
                }
            }
        }
    }
}

/// The (field, target key) pairs of an object's stored relations.
fn related_keys(obj: RowRef<'_>) -> Vec<(&'static str, RowKey)> {
    let def = obj.def();
    let mut out = Vec::new();
    for (pos, f) in def.fields.iter().enumerate() {
        let (target, many) = match f.relation {
            Some(Relation::ToOne(t)) => (t, false),
            Some(Relation::ToMany(t)) => (t, true),
            _ => continue,
        };
        let Some(v) = obj.at(pos) else { continue };
        if v.is_null() {
            continue;
        }
        let Some(tdef) = registry().get(def.api, target) else {
            continue;
        };
        let uris: Vec<&str> = if many {
            v.as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default()
        } else {
            v.as_str().into_iter().collect()
        };
        for uri in uris {
            if let Some(k) = tdef.key_from_uri(uri) {
                out.push((f.name, k));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(v: serde_json::Value) -> Row {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn rollback_restores_rows_and_reverse_indexes() {
        let reg = registry();
        let conf = reg.get("configuration", "conference").unwrap();
        let alias = reg.get("configuration", "conference_alias").unwrap();
        let mut s = Store::new(1);
        s.put(conf, RowKey::Int(1), row(json!({"id": 1, "name": "A"})));
        s.put(
            alias,
            RowKey::Int(1),
            row(json!({"id": 1, "alias": "a", "conference": conf.uri(&RowKey::Int(1))})),
        );
        s.begin();
        s.put(
            alias,
            RowKey::Int(1),
            row(json!({"id": 1, "alias": "a", "conference": conf.uri(&RowKey::Int(2))})),
        );
        s.remove(conf, &RowKey::Int(1));
        assert!(s.referrers(alias, "conference", &RowKey::Int(1)).is_empty());
        s.rollback();
        assert_eq!(
            s.get(conf, &RowKey::Int(1)).unwrap().get("name").unwrap(),
            "A"
        );
        assert_eq!(
            s.referrers(alias, "conference", &RowKey::Int(1)),
            vec![RowKey::Int(1)]
        );
        assert!(s.referrers(alias, "conference", &RowKey::Int(2)).is_empty());
    }

    #[test]
    fn restore_reparses_integer_keys_from_json() {
        let reg = registry();
        let conf = reg.get("configuration", "conference").unwrap();
        let mut s = Store::new(1);
        s.put(conf, RowKey::Int(7), row(json!({"id": 7, "name": "A"})));
        let text = serde_json::to_string(&s.snapshot()).unwrap();
        let mut t = Store::new(1);
        t.restore(serde_json::from_str(&text).unwrap());
        assert!(t.get(conf, &RowKey::Int(7)).is_some());
        let mut obj = Row::new();
        assert_eq!(t.allocate_key(conf, &mut obj), Some(RowKey::Int(8)));
    }
}
