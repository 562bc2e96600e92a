//! Media streams: created when a participant is admitted (audio, video unless audio-only, and
//! presentation while presenting), then evolved by [`advance`]: packets flow at the stream's
//! rate, a share is lost per the participant's packet loss, bitrates, jitter and frame rates
//! drift, and every 20 seconds a quality window closes (see [`super::quality`]).

use super::quality::{buckets, live_quality, window_reading, WINDOW_MS};
use super::rows::{row, Fields};
use super::{events, status, Live, LiveError};
use crate::engine::resource::{ResourceDef, RowKey};
use crate::engine::store::{Row, RowBuf};
use rand::Rng;
use serde_json::json;
use std::time::Duration;

/// Codecs (audio, video) by protocol.
fn codecs(protocol: &str) -> (&'static str, &'static str) {
    match protocol {
        "WebRTC" => ("opus", "VP8"),
        "H323" => ("G.722.1C", "H.264"),
        "Teams" | "MSSIP" => ("SILK", "H.264"),
        "RTMP" => ("AAC", "H.264"),
        _ => ("G.722", "H.264"),
    }
}

/// A resolution for a video bitrate.
fn resolution(kbps: i64) -> &'static str {
    match kbps {
        k if k >= 1800 => "1920x1080",
        k if k >= 900 => "1280x720",
        k if k >= 450 => "768x448",
        _ => "640x360",
    }
}

/// Packets per second of a stream.
fn packets_per_second(kind: &str, kbps: i64) -> f64 {
    match kind {
        "audio" => 50.0,
        _ => (kbps.max(16) as f64 * 1000.0 / 8.0 / 1100.0).max(5.0),
    }
}

/// One stream of an owner (a participant or a backplane).
pub struct StreamSpec<'a> {
    pub owner_field: &'static str,
    pub owner_uri: String,
    pub owner_id: &'a str,
    pub index: u32,
    pub kind: &'static str,
    pub node: String,
    pub codec: &'static str,
    pub kbps: i64,
}

/// Creates a stream row.
pub fn put_stream(live: &mut Live<'_>, def: &ResourceDef, s: StreamSpec<'_>) {
    let (res, fps) = match s.kind {
        "audio" => ("", 0.0),
        "presentation" => ("1920x1080", 10.0),
        _ => (resolution(s.kbps), 30.0),
    };
    let key = format!("{}:{}", s.owner_id, s.index);
    let r = row(json!({
        "stream_key": key, s.owner_field: s.owner_uri, "id": s.index.to_string(), "type": s.kind,
        "node": s.node, "start_time": live.now_text(), "end_time": "",
        "rx_bitrate": s.kbps, "tx_bitrate": s.kbps, "rx_codec": s.codec, "tx_codec": s.codec,
        "rx_fps": fps, "tx_fps": fps, "rx_resolution": res, "tx_resolution": res,
        "nominal_kbps": s.kbps,
    }));
    live.store.put(def, RowKey::Str(key), r);
}

/// The streams a participant's call has once admitted.
pub fn create_streams(live: &mut Live<'_>, p: &Row) -> Result<(), LiveError> {
    let (participants, streams) = (status("participant")?, status("media_stream")?);
    let id = p.text("id");
    let uri = participants.uri(&RowKey::Str(id.clone()));
    let (audio, video) = codecs(&p.text("protocol"));
    let call_type = p.text("call_type");
    let audio_kbps = if call_type == "audio" {
        p.int("bandwidth").max(16)
    } else {
        64
    };
    if call_type != "video-only" {
        put_stream(
            live,
            streams,
            StreamSpec {
                owner_field: "participant",
                owner_uri: uri.clone(),
                owner_id: &id,
                index: 0,
                kind: "audio",
                node: p.text("media_node"),
                codec: audio,
                kbps: audio_kbps.min(64),
            },
        );
    }
    if call_type != "audio" {
        put_stream(
            live,
            streams,
            StreamSpec {
                owner_field: "participant",
                owner_uri: uri.clone(),
                owner_id: &id,
                index: 1,
                kind: "video",
                node: p.text("media_node"),
                codec: video,
                kbps: (p.int("bandwidth") - 64).max(128),
            },
        );
    }
    if p.flag("is_presenting") {
        set_presentation(live, p, true)?;
    }
    Ok(())
}

/// Adds or removes the presentation stream (index 2) of a participant.
pub fn set_presentation(live: &mut Live<'_>, p: &Row, on: bool) -> Result<(), LiveError> {
    let (participants, streams) = (status("participant")?, status("media_stream")?);
    let id = p.text("id");
    let key = RowKey::Str(format!("{id}:2"));
    if !on {
        live.store.remove(streams, &key);
        return Ok(());
    }
    if live.store.contains(streams, &key) {
        return Ok(());
    }
    let (_, video) = codecs(&p.text("protocol"));
    put_stream(
        live,
        streams,
        StreamSpec {
            owner_field: "participant",
            owner_uri: participants.uri(&RowKey::Str(id.clone())),
            owner_id: &id,
            index: 2,
            kind: "presentation",
            node: p.text("media_node"),
            codec: video,
            kbps: (p.int("bandwidth") / 3).max(256),
        },
    );
    Ok(())
}

/// The field positions of one direction of a stream.
struct Direction {
    bitrate: usize,
    carry: usize,
    count: usize,
    lost: usize,
    loss: usize,
    window_lost: usize,
    window_total: usize,
    windowed: usize,
    jitter: usize,
    fps: usize,
    /// Received packets count the lost ones out; sent packets do not.
    receive: bool,
}

/// Where a stream's fields are (resolved once per step, not once per value).
struct Layout {
    kind: usize,
    nominal: usize,
    rx: Direction,
    tx: Direction,
}

impl Layout {
    fn of(def: &ResourceDef) -> Result<Layout, LiveError> {
        let pos = |name: &str| {
            def.pos(name)
                .ok_or_else(|| LiveError::Internal(format!("{} has no field {name}", def.name)))
        };
        let dir = |d: &str, count: &str, receive: bool| -> Result<Direction, LiveError> {
            Ok(Direction {
                bitrate: pos(&format!("{d}_bitrate"))?,
                carry: pos(&format!("{d}_carry"))?,
                count: pos(count)?,
                lost: pos(&format!("{d}_packets_lost"))?,
                loss: pos(&format!("{d}_packet_loss"))?,
                window_lost: pos(&format!("w_{d}_lost"))?,
                window_total: pos(&format!("w_{d}_total"))?,
                windowed: pos(&format!("{d}_windowed_packet_loss"))?,
                jitter: pos(&format!("{d}_jitter"))?,
                fps: pos(&format!("{d}_fps"))?,
                receive,
            })
        };
        Ok(Layout {
            kind: pos("type")?,
            nominal: pos("nominal_kbps")?,
            rx: dir("rx", "rx_packets_received", true)?,
            tx: dir("tx", "tx_packets_sent", false)?,
        })
    }
}

fn int_at(s: &RowBuf<'_>, pos: usize) -> i64 {
    s.get_at(pos)
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(0)
}

/// Moves one stream `ms` forward with the given packet loss (%) each way.
fn evolve(
    live: &mut Live<'_>,
    l: &Layout,
    s: &mut RowBuf<'_>,
    ms: u64,
    loss_rx: f64,
    loss_tx: f64,
) {
    let kind = s
        .get_at(l.kind)
        .and_then(serde_json::Value::as_str)
        .unwrap_or("audio");
    let (video, presentation) = (kind != "audio", kind == "presentation");
    let nominal = int_at(s, l.nominal).max(1);
    let rng = &mut live.state.rng;
    for (d, loss) in [(&l.rx, loss_rx), (&l.tx, loss_tx)] {
        let drift: f64 = rng.gen_range(-0.03..0.03);
        let current = int_at(s, d.bitrate).max(1) as f64 * (1.0 + drift);
        let bitrate = current.clamp(nominal as f64 * 0.7, nominal as f64).round() as i64;
        let pps = packets_per_second(if video { "video" } else { "audio" }, bitrate);
        let packets = (pps * ms as f64 / 1000.0).round() as i64;
        let carry = s
            .get_at(d.carry)
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(0.0);
        let lost_f = packets as f64 * loss / 100.0 + carry;
        let lost = (lost_f.floor() as i64).min(packets);
        let count = int_at(s, d.count) + if d.receive { packets - lost } else { packets };
        let lost_total = int_at(s, d.lost) + lost;
        let base = if d.receive { count + lost_total } else { count };
        let cumulative = if base > 0 {
            100.0 * lost_total as f64 / base as f64
        } else {
            0.0
        };
        let (wl, wt) = (
            int_at(s, d.window_lost) + lost,
            int_at(s, d.window_total) + packets,
        );
        let jitter: f64 = rng.gen_range(0.1..1.5) + loss * 0.4;
        s.set_at(d.bitrate, json!(bitrate));
        s.set_at(d.carry, json!(lost_f - lost as f64));
        s.set_at(d.count, json!(count));
        s.set_at(d.lost, json!(lost_total));
        s.set_at(d.loss, json!(round2(cumulative)));
        s.set_at(d.window_lost, json!(wl));
        s.set_at(d.window_total, json!(wt));
        s.set_at(d.jitter, json!(round2(jitter)));
        if video {
            let fps: f64 = if presentation {
                rng.gen_range(5.0..15.0)
            } else {
                rng.gen_range(24.0..30.5)
            };
            s.set_at(d.fps, json!(fps.round()));
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Closes the quality window of a participant's streams: each stream's windowed loss, and the
/// participant's reading for the window.
fn close_window(l: &Layout, streams: &mut [(RowKey, RowBuf<'_>)]) -> u8 {
    let mut sums = [0u64; 4];
    for (_, s) in streams.iter_mut() {
        for (i, d) in [&l.rx, &l.tx].iter().enumerate() {
            let (lost, total) = (int_at(s, d.window_lost), int_at(s, d.window_total));
            let windowed = if total > 0 {
                100.0 * lost as f64 / total as f64
            } else {
                0.0
            };
            s.set_at(d.windowed, json!(round2(windowed)));
            s.set_at(d.window_lost, json!(0));
            s.set_at(d.window_total, json!(0));
            if let Some(slot) = sums.get_mut(i * 2) {
                *slot += u64::try_from(lost).unwrap_or(0);
            }
            if let Some(slot) = sums.get_mut(i * 2 + 1) {
                *slot += u64::try_from(total).unwrap_or(0);
            }
        }
    }
    window_reading(sums[0], sums[1], sums[2], sums[3])
}

/// Moves every live call `dt` forward: media statistics, quality windows, bandwidth.
/// `participant_updated` is emitted when a participant's `call_quality` changes.
pub fn advance(live: &mut Live<'_>, dt: Duration) -> Result<(), LiveError> {
    let (participants, streams) = (status("participant")?, status("media_stream")?);
    let layout = Layout::of(streams)?;
    let total_ms = u64::try_from(dt.as_millis()).unwrap_or(u64::MAX);
    for pk in live.store.keys(participants) {
        let Some(mut p) = live.store.buffer(participants, &pk) else {
            continue;
        };
        if p.flag("is_on_hold") {
            continue;
        }
        let mut rows: Vec<(RowKey, RowBuf<'_>)> = live
            .store
            .referrers(streams, "participant", &pk)
            .into_iter()
            .filter_map(|k| live.store.buffer(streams, &k).map(|r| (k, r)))
            .collect();
        let (loss_rx, loss_tx) = (p.float("loss_rx"), p.float("loss_tx"));
        let mut window = u64::try_from(p.int("window_ms"))
            .unwrap_or(0)
            .min(WINDOW_MS);
        let mut readings = p.readings("historic_call_quality");
        let mut remaining = total_ms;
        while remaining > 0 {
            let chunk = remaining.min(WINDOW_MS - window);
            for (_, s) in rows.iter_mut() {
                evolve(live, &layout, s, chunk, loss_rx, loss_tx);
            }
            window += chunk;
            remaining -= chunk;
            if window >= WINDOW_MS {
                readings.push(close_window(&layout, &mut rows));
                window = 0;
            }
        }
        let before = p.text("call_quality");
        let quality = live_quality(&readings);
        let (rx, tx) = rows.iter().fold((0, 0), |(a, b), (_, s)| {
            (a + s.int("rx_bitrate"), b + s.int("tx_bitrate"))
        });
        p.set("window_ms", json!(window));
        p.set("call_quality", json!(quality));
        p.set("bucketed_call_quality", json!(buckets(&readings)));
        p.set("historic_call_quality", json!(readings));
        p.set("rx_bandwidth", json!(rx));
        p.set("tx_bandwidth", json!(tx));
        for (k, s) in rows {
            live.store.put_buffer(&k, s);
        }
        live.store.put_buffer(&pk, p);
        if before != quality {
            if let Some(row) = live.store.get(participants, &pk).map(|r| r.to_row()) {
                let event = events::participant("participant_updated", &row, live.now, None);
                live.emit(event);
            }
        }
    }
    advance_backplanes(live, total_ms)
}

/// Backplane streams carry the mixed media between nodes, without loss.
fn advance_backplanes(live: &mut Live<'_>, ms: u64) -> Result<(), LiveError> {
    let def = status("backplane_media_stream")?;
    let layout = Layout::of(def)?;
    for k in live.store.keys(def) {
        let Some(mut s) = live.store.buffer(def, &k) else {
            continue;
        };
        evolve(live, &layout, &mut s, ms, 0.0, 0.0);
        let mut one = [(k.clone(), s)];
        close_window(&layout, &mut one);
        let [(_, s)] = one;
        live.store.put_buffer(&k, s);
    }
    Ok(())
}
