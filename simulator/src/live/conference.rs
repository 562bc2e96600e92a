//! Conference transitions: start on a service (found by alias), lock and unlock (admitting the
//! lobby), mute and unmute Guests, layout, disconnect, and the end into history once empty.

use super::events;
use super::participant;
use super::rows::{row, Fields};
use super::{archive, config, status, topology, Live, LiveError};
use crate::engine::resource::RowKey;
use crate::engine::store::{Row, Store};
use serde_json::{json, Value};

/// A configured service and the alias that reached it.
#[derive(Debug, Clone)]
pub struct Service {
    pub key: RowKey,
    pub row: Row,
    pub alias: String,
}

/// Finds the service of an alias (exact, then case-insensitive). `None`: no such alias.
pub fn resolve_alias(store: &Store, alias: &str) -> Result<Option<Service>, LiveError> {
    let (aliases, services) = (config("conference_alias")?, config("conference")?);
    let pos = aliases
        .pos("alias")
        .ok_or_else(|| LiveError::Internal("conference_alias has no alias field".into()))?;
    let column = store.column(aliases, pos);
    let keys = store.key_column(aliases);
    let wanted = alias.trim();
    let hit = column
        .iter()
        .position(|v| v.as_str() == Some(wanted))
        .or_else(|| {
            column
                .iter()
                .position(|v| v.as_str().is_some_and(|a| a.eq_ignore_ascii_case(wanted)))
        });
    let Some(alias_row) = hit
        .and_then(|i| keys.get(i))
        .and_then(|k| store.get(aliases, k))
    else {
        return Ok(None);
    };
    let Some(key) = alias_row
        .value("conference")
        .and_then(Value::as_str)
        .and_then(|u| services.key_from_uri(u))
    else {
        return Ok(None);
    };
    Ok(store.get(services, &key).map(|r| Service {
        key: key.clone(),
        row: r.to_row(),
        alias: alias_row.text("alias"),
    }))
}

/// The running conference of a service, if any.
pub fn running(store: &Store, service: &RowKey) -> Result<Option<String>, LiveError> {
    let def = status("conference")?;
    let id = service.to_string().parse::<i64>().ok();
    Ok(store
        .rows(def)
        .find(|(_, c)| c.value("service_id").and_then(Value::as_i64) == id)
        .map(|(k, _)| k.to_string()))
}

/// The status row of a conference.
pub fn get(store: &Store, id: &str) -> Result<Row, LiveError> {
    let def = status("conference")?;
    store
        .get(def, &RowKey::Str(id.to_string()))
        .map(|r| r.to_row())
        .ok_or_else(|| LiveError::UnknownConference(id.to_string()))
}

/// The participants of a conference (keys, in order).
pub fn participants(store: &Store, id: &str) -> Result<Vec<RowKey>, LiveError> {
    Ok(store.referrers(
        status("participant")?,
        "conference_ref",
        &RowKey::Str(id.to_string()),
    ))
}

/// Starts the conference of `service` (or returns the running one). `node` is where its first
/// participant is.
pub fn start(live: &mut Live<'_>, service: &Service, node: &str) -> Result<String, LiveError> {
    if let Some(id) = running(live.store, &service.key)? {
        return Ok(id);
    }
    let def = status("conference")?;
    let id = live.uuid();
    let s = &service.row;
    let r = row(json!({
        "id": id, "name": s.text("name"), "service_type": s.text("service_type"),
        "is_locked": false, "is_started": false, "guests_muted": s.flag("mute_all_guests"),
        "start_time": live.now_text(), "tag": s.text("tag"), "direct_media_available": false,
        "layout": "", "host_layout": "", "guest_layout": "",
        "enable_overlay_text": s.flag("enable_overlay_text"),
        "service_id": service.key.to_string().parse::<i64>().unwrap_or(0),
        "joined_count": 0, "home_node": node, "alias": service.alias,
    }));
    let event = events::conference("conference_started", &r, node, live.now);
    live.store.put(def, RowKey::Str(id.clone()), r);
    live.emit(event);
    Ok(id)
}

/// Changes conference fields; emits `conference_updated` and refreshes its shards when
/// something changed. Returns whether it did.
pub fn update(live: &mut Live<'_>, id: &str, changes: &[(&str, Value)]) -> Result<bool, LiveError> {
    let mut conf = get(live.store, id)?;
    if changes.iter().all(|(f, v)| conf.get(*f) == Some(v)) {
        return Ok(false);
    }
    for (f, v) in changes {
        conf.insert((*f).to_string(), v.clone());
    }
    let node = conf.text("home_node");
    let event = events::conference("conference_updated", &conf, &node, live.now);
    live.store
        .put(status("conference")?, RowKey::Str(id.to_string()), conf);
    live.emit(event);
    topology::refresh(live, id)?;
    Ok(true)
}

/// `is_started`: a Host is in (not waiting).
pub fn refresh_started(live: &mut Live<'_>, id: &str) -> Result<(), LiveError> {
    let def = status("participant")?;
    let started = participants(live.store, id)?.iter().any(|k| {
        live.store
            .get(def, k)
            .is_some_and(|p| p.text("role") == "chair" && !p.flag("is_on_hold"))
    });
    update(live, id, &[("is_started", json!(started))]).map(drop)
}

/// Locks or unlocks; unlocking admits everyone waiting in the lobby.
pub fn set_locked(live: &mut Live<'_>, id: &str, locked: bool) -> Result<(), LiveError> {
    update(live, id, &[("is_locked", json!(locked))])?;
    if !locked {
        let def = status("participant")?;
        for k in participants(live.store, id)? {
            if live
                .store
                .get(def, &k)
                .is_some_and(|p| p.flag("is_on_hold"))
            {
                participant::admit(live, &k.to_string())?;
            }
        }
    }
    Ok(())
}

/// Mutes or unmutes every Guest (and Guests who join later, while muted).
pub fn set_guests_muted(live: &mut Live<'_>, id: &str, muted: bool) -> Result<(), LiveError> {
    update(live, id, &[("guests_muted", json!(muted))])?;
    let def = status("participant")?;
    for k in participants(live.store, id)? {
        if live
            .store
            .get(def, &k)
            .is_some_and(|p| p.text("role") == "guest")
        {
            participant::set_muted(live, &k.to_string(), muted)?;
        }
    }
    Ok(())
}

/// `transform_layout`: absent values leave the current ones.
pub fn transform_layout(
    live: &mut Live<'_>,
    id: &str,
    layout: Option<&str>,
    host_layout: Option<&str>,
    guest_layout: Option<&str>,
    overlay: Option<bool>,
) -> Result<(), LiveError> {
    get(live.store, id)?;
    let mut changes = Vec::new();
    for (field, v) in [
        ("layout", layout),
        ("host_layout", host_layout),
        ("guest_layout", guest_layout),
    ] {
        if let Some(v) = v {
            changes.push((field, json!(v)));
        }
    }
    if let Some(o) = overlay {
        changes.push(("enable_overlay_text", json!(o)));
    }
    update(live, id, &changes).map(drop)
}

/// Disconnects everyone; the conference then ends into history.
pub fn disconnect(live: &mut Live<'_>, id: &str, reason: &str) -> Result<(), LiveError> {
    get(live.store, id)?;
    for k in participants(live.store, id)? {
        participant::leave(live, &k.to_string(), reason)?;
    }
    end_if_empty(live, id).map(drop)
}

/// Ends the conference if nobody is left: it moves to history (`conference_ended`).
pub fn end_if_empty(live: &mut Live<'_>, id: &str) -> Result<bool, LiveError> {
    let Ok(conf) = get(live.store, id) else {
        return Ok(false);
    };
    if !participants(live.store, id)?.is_empty() {
        return Ok(false);
    }
    topology::clear(live, id)?;
    archive::conference(live, &conf)?;
    live.store
        .remove(status("conference")?, &RowKey::Str(id.to_string()));
    let node = conf.text("home_node");
    let event = events::conference("conference_ended", &conf, &node, live.now);
    live.emit(event);
    Ok(true)
}

/// Counts one more participant ever joined (history `participant_count`).
pub fn count_join(live: &mut Live<'_>, id: &str) -> Result<(), LiveError> {
    let def = status("conference")?;
    live.store.update(def, &RowKey::Str(id.to_string()), |c| {
        let n = c.int("joined_count") + 1;
        c.insert("joined_count".into(), json!(n));
    });
    Ok(())
}
