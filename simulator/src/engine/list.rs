//! List operations: the filtered, ordered, paginated GET; DELETE of every match; bulk PATCH.

use super::errors::ApiError;
use super::filter::{column_pos, compile, matches, value_matches, Compiled};
use super::query::{page_uri, parse, ListQuery};
use super::render::{render, View};
use super::resource::{Method, ResourceDef, RowKey};
use super::schema::DEFAULT_LIMIT;
use super::semijoin::semi_join;
use super::store::{RowRef, Store};
use super::write::{delete_object, write_object, Mode};
use serde_json::{json, Value};
use std::cmp::Ordering;

pub const MAX_LIMIT: usize = 10_000;

/// One ordering key: field position in the definition and direction.
struct SortKey {
    pos: usize,
    desc: bool,
}

fn sort_keys(def: &'static ResourceDef, order_by: &[String]) -> Result<Vec<SortKey>, ApiError> {
    order_by
        .iter()
        .map(|raw| {
            let (name, desc) = match raw.strip_prefix('-') {
                Some(n) => (n, true),
                None => (raw.as_str(), false),
            };
            let pos = def.fields.iter().position(|f| f.name == name);
            let (pos, f) = pos
                .and_then(|p| def.fields.get(p).map(|f| (p, f)))
                .ok_or_else(|| {
                    ApiError::bad(format!("No matching '{name}' field for ordering on."))
                })?;
            if !f.orderable {
                return Err(ApiError::bad(format!(
                    "The '{name}' field does not allow ordering."
                )));
            }
            Ok(SortKey { pos, desc })
        })
        .collect()
}

type Entry<'s> = (&'s RowKey, RowRef<'s>);

/// The filters of a query, checked and compiled once per request.
fn compile_all(def: &'static ResourceDef, q: &ListQuery) -> Result<Vec<Compiled>, ApiError> {
    q.filters.iter().map(|f| compile(def, f)).collect()
}

/// What matched: the objects themselves, or (when every filter was answered by a column or a
/// relation mask) just their positions in key order, so that a page needs only its own rows.
enum Matches<'s> {
    Entries(Vec<Entry<'s>>),
    Positions(Vec<usize>),
}

/// The objects at `hits` (positions in key order).
fn at_positions<'s>(store: &'s Store, def: &'static ResourceDef, hits: &[usize]) -> Vec<Entry<'s>> {
    let len = store.len(def);
    if hits.len() * 8 > len {
        // Many hits: one ordered walk of the table beats a lookup per hit.
        let mut next = hits.iter().peekable();
        return store
            .rows(def)
            .enumerate()
            .filter(|(i, _)| next.next_if_eq(&i).is_some())
            .map(|(_, e)| e)
            .collect();
    }
    let keys = store.key_column(def);
    hits.iter()
        .filter_map(|&i| store.entry(def, keys.get(i)?))
        .collect()
}

/// The objects matching every compiled filter, in store (key) order.
fn matching<'s>(
    store: &'s Store,
    def: &'static ResourceDef,
    compiled: &[Compiled],
    scope: Option<&[RowKey]>,
) -> Vec<Entry<'s>> {
    match matches_of(store, def, compiled, scope) {
        Matches::Entries(e) => e,
        Matches::Positions(hits) => at_positions(store, def, &hits),
    }
}

/// The objects matching every compiled filter, in store (key) order. With a `scope`, only those
/// objects are candidates (a sub-resource list).
fn matches_of<'s>(
    store: &'s Store,
    def: &'static ResourceDef,
    compiled: &[Compiled],
    scope: Option<&[RowKey]>,
) -> Matches<'s> {
    if let Some(keys) = scope {
        return Matches::Entries(
            keys.iter()
                .filter_map(|k| store.entry(def, k))
                .filter(|(k, r)| compiled.iter().all(|c| matches(store, def, k, *r, c)))
                .collect(),
        );
    }
    let mut on_columns = Vec::new();
    let mut masks = Vec::new();
    let mut on_rows = Vec::new();
    for c in compiled {
        if let Some(pos) = column_pos(c) {
            on_columns.push((store.column(def, pos), c));
        } else if let Some(mask) = semi_join(store, def, c) {
            masks.push(mask);
        } else {
            on_rows.push(c);
        }
    }
    let row_ok = |(k, r): &Entry<'s>| on_rows.iter().all(|c| matches(store, def, k, *r, c));
    if on_columns.is_empty() && masks.is_empty() {
        return Matches::Entries(store.rows(def).filter(row_ok).collect());
    }
    // Filters on the object's own fields scan dense columns (in key order), relation lookups
    // give masks over the same order; only the rows they keep are visited for the other filters.
    let len = on_columns
        .iter()
        .map(|(col, _)| col.len())
        .chain(masks.iter().map(Vec::len))
        .min()
        .unwrap_or(0);
    let hits: Vec<usize> = (0..len)
        .filter(|&i| {
            masks.iter().all(|m| m.get(i).copied().unwrap_or(false))
                && on_columns
                    .iter()
                    .all(|(col, c)| col.get(i).is_some_and(|v| value_matches(v, c)))
        })
        .collect();
    if on_rows.is_empty() {
        return Matches::Positions(hits);
    }
    Matches::Entries(
        at_positions(store, def, &hits)
            .into_iter()
            .filter(row_ok)
            .collect(),
    )
}

/// The query's order; ties keep store (key) order, as a stable sort would.
fn compare(keys: &[SortKey], a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
    for k in keys {
        let ord = cmp_values(a.1.at(k.pos), b.1.at(k.pos));
        let ord = if k.desc { ord.reverse() } else { ord };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    a.0.cmp(b.0)
}

/// The total count of matches and the rows of the page `[offset, offset + limit)`.
fn page<'s>(
    store: &'s Store,
    def: &'static ResourceDef,
    q: &ListQuery,
    compiled: &'s [Compiled],
    scope: Option<&[RowKey]>,
) -> Result<(usize, Vec<Entry<'s>>), ApiError> {
    let keys = sort_keys(def, &q.order_by)?;
    if keys.is_empty() {
        let entries = match matches_of(store, def, compiled, scope) {
            Matches::Positions(hits) => {
                // The total is the number of hits; only the page's rows are fetched.
                let page: Vec<usize> = hits.iter().skip(q.offset).take(q.limit).copied().collect();
                return Ok((hits.len(), at_positions(store, def, &page)));
            }
            Matches::Entries(e) => e,
        };
        let mut total = 0;
        let mut rows = Vec::new();
        for entry in entries {
            if total >= q.offset && rows.len() < q.limit {
                rows.push(entry);
            }
            total += 1;
        }
        return Ok((total, rows));
    }
    let mut rows: Vec<Entry<'s>> = matching(store, def, compiled, scope);
    let total = rows.len();
    let want = q.offset.saturating_add(q.limit);
    if want == 0 || q.offset >= total {
        return Ok((total, Vec::new()));
    }
    if want < total {
        // Only the first `want` in order matter: partition them out, then sort just those.
        rows.select_nth_unstable_by(want - 1, |a, b| compare(&keys, a, b));
        rows.truncate(want);
    }
    rows.sort_unstable_by(|a, b| compare(&keys, a, b));
    Ok((total, rows.split_off(q.offset)))
}

/// Orders JSON values: null first, then booleans, numbers, strings (ordinal).
fn cmp_values(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    fn rank(v: Option<&Value>) -> u8 {
        match v {
            None | Some(Value::Null) => 0,
            Some(Value::Bool(_)) => 1,
            Some(Value::Number(_)) => 2,
            Some(Value::String(_)) => 3,
            _ => 4,
        }
    }
    match (a, b) {
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Some(Value::String(x)), Some(Value::String(y))) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Restricts a list to some objects, served at another path (a sub-resource such as
/// `participant/<id>/media_stream/`).
pub struct Scope<'a> {
    /// The list's path, for `next` and `previous`.
    pub path: String,
    /// The candidate objects, in key order.
    pub keys: &'a [RowKey],
}

/// `GET <list>`: the envelope with `meta` and `objects`.
pub fn get_list(
    store: &Store,
    def: &'static ResourceDef,
    raw_query: &str,
) -> Result<Value, ApiError> {
    get_list_in(store, def, raw_query, None)
}

/// `GET` of a list, optionally restricted to a [`Scope`].
pub fn get_list_in(
    store: &Store,
    def: &'static ResourceDef,
    raw_query: &str,
    scope: Option<Scope<'_>>,
) -> Result<Value, ApiError> {
    let q = parse(raw_query, DEFAULT_LIMIT, MAX_LIMIT)?;
    let compiled = compile_all(def, &q)?;
    let keys = scope.as_ref().map(|s| s.keys);
    let (total, objects): (usize, Vec<Value>) = match keys {
        None if q.filters.is_empty() && q.order_by.is_empty() => {
            // Fast path: no filter, store order; no need to visit every row.
            let page = store.rows(def).skip(q.offset).take(q.limit);
            (
                store.len(def),
                page.map(|(k, r)| render(store, def, k, r, View::List))
                    .collect(),
            )
        }
        _ => {
            let (total, rows) = page(store, def, &q, &compiled, keys)?;
            (
                total,
                rows.into_iter()
                    .map(|(k, r)| render(store, def, k, r, View::List))
                    .collect(),
            )
        }
    };
    let path = scope.map_or_else(|| def.list_path(), |s| s.path);
    let next = (q.offset + q.limit < total)
        .then(|| page_uri(&path, &q.kept_pairs, q.limit, q.offset + q.limit));
    // Tastypie: `previous` is null when `offset - limit < 0`.
    let previous = q
        .offset
        .checked_sub(q.limit)
        .map(|o| page_uri(&path, &q.kept_pairs, q.limit, o));
    Ok(json!({
        "meta": {"limit": q.limit, "next": next, "offset": q.offset, "previous": previous, "total_count": total},
        "objects": objects,
    }))
}

/// `DELETE <list>`: deletes every object matching the filters (all of them without filters).
pub fn delete_list(
    store: &mut Store,
    def: &'static ResourceDef,
    raw_query: &str,
) -> Result<usize, ApiError> {
    let q = parse(raw_query, DEFAULT_LIMIT, MAX_LIMIT)?;
    let compiled = compile_all(def, &q)?;
    let keys: Vec<RowKey> = matching(store, def, &compiled, None)
        .into_iter()
        .map(|(k, _)| k.clone())
        .collect();
    for k in &keys {
        if store.contains(def, k) {
            delete_object(store, def, k)?;
        }
    }
    Ok(keys.len())
}

/// `PATCH <list>` with `{"objects": [...], "deleted_objects": [...]}`.
pub fn bulk_patch(
    store: &mut Store,
    def: &'static ResourceDef,
    body: &Value,
) -> Result<(), ApiError> {
    let obj = body
        .as_object()
        .ok_or_else(|| ApiError::bad("Invalid data sent: expected a JSON object."))?;
    let objects = obj
        .get("objects")
        .ok_or_else(|| ApiError::bad("Invalid data sent: missing 'objects'"))?;
    let objects = objects
        .as_array()
        .ok_or_else(|| ApiError::bad("Invalid data sent: 'objects' must be a list."))?;
    let deleted = match obj.get("deleted_objects") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad(
                "Invalid data sent: 'deleted_objects' must be a list.",
            ))
        }
    };
    if !objects.is_empty() && !def.allows_detail(Method::Patch) {
        return Err(ApiError::MethodNotAllowed(super::resource::allow_header(
            def.detail_methods,
        )));
    }
    if !deleted.is_empty() && !def.allows_detail(Method::Delete) {
        return Err(ApiError::MethodNotAllowed(super::resource::allow_header(
            def.detail_methods,
        )));
    }
    for item in objects {
        let fields = item.as_object().ok_or_else(|| {
            ApiError::bad("Invalid data sent: each object must be a JSON object.")
        })?;
        match fields.get("resource_uri").and_then(Value::as_str) {
            None => {
                write_object(store, def, None, fields, Mode::Create)?;
            }
            Some(uri) => {
                let key = def
                    .key_from_uri(uri)
                    .ok_or_else(|| ApiError::bad(format!("Invalid resource URI '{uri}'.")))?;
                let mode = if store.contains(def, &key) {
                    Mode::Patch
                } else {
                    Mode::Replace
                };
                write_object(store, def, Some(&key), fields, mode)?;
            }
        }
    }
    for uri in deleted {
        let uri = uri
            .as_str()
            .ok_or_else(|| ApiError::bad("Invalid data sent: 'deleted_objects' must hold URIs."))?;
        let key = def
            .key_from_uri(uri)
            .ok_or_else(|| ApiError::bad(format!("Invalid resource URI '{uri}'.")))?;
        match delete_object(store, def, &key) {
            Err(ApiError::NotFound) => {
                return Err(ApiError::bad(format!("No object at '{uri}' to delete.")))
            }
            other => other?,
        }
    }
    Ok(())
}
