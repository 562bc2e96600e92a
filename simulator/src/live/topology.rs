//! Where a conference runs: one `conference_shard` per Conferencing Node with participants,
//! and a `backplane` (with audio and video streams) from the conference's first node to each
//! other node it spans. Recomputed after every change to the conference.

use super::media::{put_stream, StreamSpec};
use super::nodes::nodes;
use super::rows::{row, Fields};
use super::{archive, conference, status, Live, LiveError};
use crate::engine::resource::RowKey;
use serde_json::json;
use std::collections::BTreeMap;

/// Brings the shards and backplanes of a conference in line with its participants.
pub fn refresh(live: &mut Live<'_>, id: &str) -> Result<(), LiveError> {
    let Ok(conf) = conference::get(live.store, id) else {
        return Ok(());
    };
    let (participants, shards, backplanes) = (
        status("participant")?,
        status("conference_shard")?,
        status("backplane")?,
    );
    let conf_key = RowKey::Str(id.to_string());
    let conf_uri = status("conference")?.uri(&conf_key);
    // Participants per media node.
    let mut per_node: BTreeMap<String, i64> = BTreeMap::new();
    for k in conference::participants(live.store, id)? {
        if let Some(p) = live.store.get(participants, &k) {
            *per_node.entry(p.text("media_node")).or_default() += 1;
        }
    }
    let all = nodes(live.store)?;
    let location_of = |addr: &str| {
        all.iter()
            .find(|n| n.address == addr)
            .map(|n| (n.location.clone(), n.name.clone()))
            .unwrap_or_default()
    };
    // Shards.
    let existing: Vec<(RowKey, String)> = live
        .store
        .referrers(shards, "conference_ref", &conf_key)
        .into_iter()
        .filter_map(|k| {
            live.store
                .get(shards, &k)
                .map(|s| (k.clone(), s.text("node")))
        })
        .collect();
    for (k, node) in &existing {
        if !per_node.contains_key(node) {
            live.store.remove(shards, k);
        }
    }
    for (node, count) in &per_node {
        let key = match existing.iter().find(|(_, n)| n == node) {
            Some((k, _)) => k.clone(),
            None => RowKey::Str(live.uuid()),
        };
        let r = row(json!({
            "id": key.to_string(), "conference": conf.text("name"), "node": node,
            "system_location": location_of(node).0, "service_type": conf.text("service_type"),
            "tag": conf.text("tag"), "start_time": conf.text("start_time"),
            "is_locked": conf.flag("is_locked"), "is_started": conf.flag("is_started"),
            "guests_muted": conf.flag("guests_muted"), "participant_count": count,
            "conference_ref": conf_uri,
        }));
        if live.store.get(shards, &key).map(|s| s.to_row()) != Some(r.clone()) {
            live.store.put(shards, key, r);
        }
    }
    // Backplanes: from the home node to every other node in use. When the home node has no
    // participants left, the conference is re-homed on the first node that has.
    let mut home = conf.text("home_node");
    if !per_node.contains_key(&home) {
        if let Some(first) = per_node.keys().next() {
            home = first.clone();
            let def = status("conference")?;
            live.store.update(def, &conf_key, |c| {
                c.insert("home_node".into(), json!(home));
            });
        }
    }
    let current: Vec<(RowKey, String, String)> = live
        .store
        .referrers(backplanes, "conference_ref", &conf_key)
        .into_iter()
        .filter_map(|k| {
            live.store
                .get(backplanes, &k)
                .map(|b| (k.clone(), b.text("media_node"), b.text("remote_media_node")))
        })
        .collect();
    for (k, local, remote) in &current {
        if *local != home || *remote == home || !per_node.contains_key(remote) {
            if let Some(b) = live.store.get(backplanes, k).map(|b| b.to_row()) {
                archive::backplane(live, &b, id, "Conference moved off the node")?;
            }
            live.store.remove(backplanes, k);
        }
    }
    if !per_node.contains_key(&home) {
        return Ok(());
    }
    let (home_location, _) = location_of(&home);
    for remote in per_node.keys().filter(|n| **n != home) {
        if current.iter().any(|(_, l, r)| *l == home && r == remote) {
            continue;
        }
        let bid = live.uuid();
        let (_, remote_name) = location_of(remote);
        let r = row(json!({
            "id": bid, "conference": conf.text("name"), "type": "geo", "protocol": "TLS",
            "connect_time": live.now_text(), "service_tag": conf.text("tag"),
            "system_location": home_location, "media_node": home, "proxy_node": "",
            "remote_conference_name": conf.text("name"), "remote_media_node": remote,
            "remote_node_name": remote_name, "conference_ref": conf_uri,
        }));
        live.store.put(backplanes, RowKey::Str(bid.clone()), r);
        let uri = backplanes.uri(&RowKey::Str(bid.clone()));
        let stream_def = status("backplane_media_stream")?;
        for (index, kind, codec, kbps) in [(0, "audio", "opus", 64), (1, "video", "VP8", 1920)] {
            put_stream(
                live,
                stream_def,
                StreamSpec {
                    owner_field: "backplane",
                    owner_uri: uri.clone(),
                    owner_id: &bid,
                    index,
                    kind,
                    node: home.clone(),
                    codec,
                    kbps,
                },
            );
        }
    }
    Ok(())
}

/// Removes the shards of an ending conference and archives its backplanes.
pub fn clear(live: &mut Live<'_>, id: &str) -> Result<(), LiveError> {
    let (shards, backplanes) = (status("conference_shard")?, status("backplane")?);
    let key = RowKey::Str(id.to_string());
    for k in live.store.referrers(shards, "conference_ref", &key) {
        live.store.remove(shards, &k);
    }
    for k in live.store.referrers(backplanes, "conference_ref", &key) {
        if let Some(b) = live.store.get(backplanes, &k).map(|b| b.to_row()) {
            archive::backplane(live, &b, id, "Conference ended")?;
        }
        live.store.remove(backplanes, &k);
    }
    Ok(())
}
