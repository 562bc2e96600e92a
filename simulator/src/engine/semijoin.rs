//! Relation lookups evaluated bottom-up ("semi-joins"): instead of following the relation from
//! every candidate row, the related table's cached column is scanned once and its hits are
//! mapped back to the keys of the listed resource. This is what makes
//! `history/v1/participant/?media_streams__tx_packet_loss__gte=0.5` fast over 100,000 rows.

use super::columns::NO_LINK;
use super::field::Relation;
use super::filter::{value_matches, Compiled};
use super::resource::ResourceDef;
use super::store::{key_position, Store};
use serde_json::Value;

/// Marks (in `mask`, over `owner`'s key order) the objects a stored relation value (a URI or a
/// list of URIs) names.
fn mark_uris(owner: &ResourceDef, keys: &[super::resource::RowKey], v: &Value, mask: &mut [bool]) {
    let mut one = |uri: &str| {
        if let Some(slot) = owner
            .key_segment(uri)
            .and_then(|s| key_position(owner, keys, s))
            .and_then(|p| mask.get_mut(p))
        {
            *slot = true;
        }
    };
    match v {
        Value::String(uri) => one(uri),
        Value::Array(items) => items.iter().filter_map(Value::as_str).for_each(one),
        _ => {}
    }
}

fn is_to_one(def: &ResourceDef, field: &str) -> Option<usize> {
    let pos = def.pos(field)?;
    matches!(def.fields.get(pos)?.relation, Some(Relation::ToOne(_))).then_some(pos)
}

/// Evaluates a lookup through relations that ends on a plain field (for example
/// `media_streams__tx_packet_loss__gte=0.5`) bottom-up: the last resource's cached column is
/// scanned once into a mask over its key order, and the mask is carried back hop by hop to
/// `def` — through the cached link column of a to-one field (an array read per row, no URI
/// parsing), or for to-many fields through the reverse index. Returns a mask over `def`'s key
/// order. A filter on a forward relation of the object itself (`conference=<id>`) reads the
/// reverse index. `None` when the filter has no hops (and is not such a filter) or ends on a
/// relation: it is evaluated row by row instead.
pub fn semi_join(store: &Store, def: &ResourceDef, c: &Compiled) -> Option<Vec<bool>> {
    let own_keys = store.key_column(def);
    if let Some(wanted) = c.wanted_keys() {
        let mut mask = vec![false; own_keys.len()];
        for k in wanted {
            for rk in store
                .referrer_set(def, c.field.name, k)
                .into_iter()
                .flatten()
            {
                if let Some(slot) = own_keys
                    .binary_search(rk)
                    .ok()
                    .and_then(|p| mask.get_mut(p))
                {
                    *slot = true;
                }
            }
        }
        return Some(mask);
    }
    let leaf = c.hops.last()?.target;
    if c.field.relation.is_some() {
        return None;
    }
    let mut mask: Vec<bool> = store
        .column(leaf, c.pos)
        .iter()
        .map(|v| value_matches(v, c))
        .collect();
    for i in (0..c.hops.len()).rev() {
        let hop = c.hops.get(i)?;
        let owner = match i {
            0 => def,
            _ => c.hops.get(i - 1)?.target,
        };
        let target = hop.target;
        let owner_len = store.len(owner);
        let mut next = vec![false; owner_len];
        match hop.field.relation? {
            Relation::Reverse { via, .. } => match is_to_one(target, via) {
                Some(via_pos) => {
                    let links = store.link_column(target, via_pos, owner);
                    for (link, _) in links.iter().zip(&mask).filter(|(_, hit)| **hit) {
                        if let Some(slot) =
                            next.get_mut(*link as usize).filter(|_| *link != NO_LINK)
                        {
                            *slot = true;
                        }
                    }
                }
                None => {
                    let (vias, owner_keys) = (
                        store.column(target, target.pos(via)?),
                        store.key_column(owner),
                    );
                    for (v, _) in vias.iter().zip(&mask).filter(|(_, hit)| **hit) {
                        mark_uris(owner, &owner_keys, v, &mut next);
                    }
                }
            },
            Relation::ToOne(_) => {
                let links = store.link_column(owner, owner.pos(hop.field.name)?, target);
                for (slot, link) in next.iter_mut().zip(links.iter()) {
                    *slot = *link != NO_LINK && mask.get(*link as usize).copied().unwrap_or(false);
                }
            }
            Relation::ToMany(_) => {
                let (target_keys, owner_keys) = (store.key_column(target), store.key_column(owner));
                for (tk, _) in target_keys.iter().zip(&mask).filter(|(_, hit)| **hit) {
                    for rk in store
                        .referrer_set(owner, hop.field.name, tk)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(slot) = owner_keys
                            .binary_search(rk)
                            .ok()
                            .and_then(|p| next.get_mut(p))
                        {
                            *slot = true;
                        }
                    }
                }
            }
        }
        mask = next;
    }
    Some(mask)
}
