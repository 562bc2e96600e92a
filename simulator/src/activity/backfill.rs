//! Generated history: ended conferences with participants, quality readings and media streams,
//! spread over a past period (the `--demo` month, or `preload_history` for benchmarks).
//! Deterministic for a given generator.

use crate::engine::resource::RowKey;
use crate::engine::values::format_datetime;
use crate::live::conference::Service;
use crate::live::nodes::nodes;
use crate::live::quality::{buckets, overall_quality};
use crate::live::rows::{row, Fields};
use crate::live::{archive, config, history, Live, LiveError};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::json;
use std::ops::RangeInclusive;
use time::Duration;

/// What to generate.
pub struct Plan {
    pub conferences: usize,
    /// Participants per conference.
    pub size: RangeInclusive<usize>,
    /// How far back the first conference starts.
    pub span: Duration,
    /// Call length (minutes).
    pub minutes: RangeInclusive<i64>,
}

const PROTOCOLS: &[(&str, &str, &str)] = &[
    ("WebRTC", "opus", "VP8"),
    ("SIP", "G.722", "H.264"),
    ("H323", "G.722.1C", "H.264"),
    ("Teams", "SILK", "H.264"),
];
const NAMES: &[&str] = &[
    "Alice Adams",
    "Bob Smith",
    "Carol Jones",
    "Dan Taylor",
    "Erin Brown",
    "Frank Wilson",
    "Grace Patel",
    "Heidi Walker",
    "Ivan Garcia",
    "Judy Rossi",
    "Boardroom",
    "Huddle 3",
];

/// Generates ended conferences per `plan`; returns the number of participants.
pub fn generate(live: &mut Live<'_>, rng: &mut StdRng, plan: &Plan) -> Result<usize, LiveError> {
    let services = service_names(live)?;
    let all = nodes(live.store)?;
    let media: Vec<_> = all
        .iter()
        .filter(|n| n.conferencing && !n.cloud_bursting)
        .collect();
    let (hc, hp, hs) = (
        history("conference")?,
        history("participant")?,
        history("media_stream")?,
    );
    let n = plan.conferences.max(1);
    let span = plan.span.whole_seconds().max(1);
    let mut total = 0;
    for i in 0..plan.conferences {
        let offset = span - span * i64::try_from(i).unwrap_or(0) / i64::try_from(n).unwrap_or(1);
        let start = live.now - Duration::seconds(offset) + Duration::seconds(rng.gen_range(0..600));
        let (name, service_type, tag, alias) = services.choose(rng).cloned().unwrap_or_else(|| {
            (
                format!("Meeting {i}"),
                "conference".into(),
                String::new(),
                String::new(),
            )
        });
        let conf_id = live.uuid();
        let conf_uri = hc.uri(&RowKey::Str(conf_id.clone()));
        let mut end = start;
        let count = rng.gen_range(plan.size.clone());
        for _ in 0..count {
            let joined = start + Duration::seconds(rng.gen_range(0..300));
            let left = joined
                + Duration::minutes(rng.gen_range(plan.minutes.clone()))
                + Duration::seconds(rng.gen_range(0..59));
            let left = left.min(live.now - Duration::seconds(1));
            end = end.max(left);
            let seconds = (left - joined).whole_seconds().max(1);
            let (protocol, audio, video) =
                *PROTOCOLS.choose(rng).unwrap_or(&("SIP", "G.722", "H.264"));
            let node = media.choose(rng);
            let windows = usize::try_from(seconds / 20).unwrap_or(0).min(360);
            let lossy = rng.gen_bool(0.15);
            let mut readings = vec![1u8; windows];
            if lossy && windows > 2 {
                let at = rng.gen_range(0..windows - 1);
                let len = rng.gen_range(1..=4).min(windows - at);
                let bad = *[2u8, 3, 4].choose(rng).unwrap_or(&3);
                for r in readings.iter_mut().skip(at).take(len) {
                    *r = bad;
                }
            }
            let tx_loss = if lossy {
                rng.gen_range(0.5..6.0)
            } else {
                rng.gen_range(0.0..0.3)
            };
            let rx_loss = if lossy {
                rng.gen_range(0.2..4.0)
            } else {
                rng.gen_range(0.0..0.3)
            };
            let bandwidth = *[768i64, 1024, 1280, 1920, 2048]
                .choose(rng)
                .unwrap_or(&1280);
            let pid = live.uuid();
            let display = NAMES.choose(rng).copied().unwrap_or("Guest");
            let address = format!(
                "10.{}.{}.{}",
                rng.gen_range(20..200),
                rng.gen_range(0..255),
                rng.gen_range(2..254)
            );
            let p = row(json!({
                "id": pid, "call_uuid": pid, "conversation_id": pid, "parent_id": "", "av_id": "", "presentation_id": "",
                "conference": conf_uri, "conference_name": name, "local_alias": alias,
                "remote_alias": format!("{}@example.com", display.to_lowercase().replace(' ', ".")),
                "display_name": display, "role": if rng.gen_bool(0.7) { "chair" } else { "guest" },
                "call_direction": if rng.gen_bool(0.9) { "in" } else { "out" }, "protocol": protocol,
                "service_type": service_type, "service_tag": tag, "call_tag": "",
                "system_location": node.map(|n| n.location.clone()).unwrap_or_default(),
                "start_time": format_datetime(joined), "end_time": format_datetime(left), "duration": seconds,
                "disconnect_reason": if rng.gen_bool(0.9) { "Call disconnected" } else { "Remote disconnect" },
                "remote_address": address, "remote_port": rng.gen_range(1024..65535),
                "media_node": node.map(|n| n.address.clone()).unwrap_or_default(),
                "signalling_node": node.map(|n| n.address.clone()).unwrap_or_default(),
                "proxy_node": "None", "vendor": "", "encryption": if rng.gen_bool(0.9) { "On" } else { "Off" },
                "has_media": true, "is_streaming": false, "bandwidth": bandwidth,
                "rx_bandwidth": bandwidth - 40, "tx_bandwidth": bandwidth - 60,
                "license_count": 1, "license_type": "port",
                "call_quality": overall_quality(&readings), "bucketed_call_quality": buckets(&readings),
                "historic_call_quality": readings,
            }));
            let pkey = RowKey::Str(pid.clone());
            let p_uri = hp.uri(&pkey);
            live.store.put(hp, pkey, p);
            for (index, kind, codec, kbps, pps) in [
                (0, "audio", audio, 64i64, 50i64),
                (
                    1,
                    "video",
                    video,
                    bandwidth - 64,
                    (bandwidth - 64) * 1000 / 8 / 1100,
                ),
            ] {
                let packets = pps * seconds;
                let lost_tx = (packets as f64 * tx_loss / 100.0) as i64;
                let lost_rx = (packets as f64 * rx_loss / 100.0) as i64;
                let res = if kind == "audio" { "" } else { "1280x720" };
                let mut s = row(json!({
                    "stream_id": index.to_string(), "stream_type": kind, "participant": p_uri,
                    "node": node.map(|n| n.address.clone()).unwrap_or_default(),
                    "start_time": format_datetime(joined), "end_time": format_datetime(left),
                    "rx_bitrate": kbps, "tx_bitrate": kbps, "rx_codec": codec, "tx_codec": codec,
                    "rx_fps": if kind == "audio" { 0.0 } else { 30.0 }, "tx_fps": if kind == "audio" { 0.0 } else { 30.0 },
                    "rx_packet_loss": (rx_loss * 100.0).round() / 100.0, "tx_packet_loss": (tx_loss * 100.0).round() / 100.0,
                    "rx_packets_lost": lost_rx, "tx_packets_lost": lost_tx,
                    "rx_packets_received": packets - lost_rx, "tx_packets_sent": packets,
                    "rx_resolution": res, "tx_resolution": res,
                }));
                if let Some(k) = live.store.allocate_key(hs, &mut s) {
                    live.store.put(hs, k, s);
                }
            }
            total += 1;
        }
        let h = row(json!({
            "id": conf_id, "name": name, "service_type": service_type, "tag": tag,
            "start_time": format_datetime(start), "end_time": format_datetime(end),
            "duration": (end - start).whole_seconds().max(0), "participant_count": count,
            "instant_message_count": 0,
        }));
        live.store.put(hc, RowKey::Str(conf_id), h);
    }
    archive::rebuild_order(live)?;
    archive::enforce_retention(live)?;
    Ok(total)
}

/// (name, service_type, tag, alias) of the configured VMRs and auditoriums.
fn service_names(live: &Live<'_>) -> Result<Vec<(String, String, String, String)>, LiveError> {
    let (services, aliases) = (config("conference")?, config("conference_alias")?);
    Ok(live
        .store
        .rows(services)
        .filter(|(_, s)| matches!(s.text("service_type").as_str(), "conference" | "lecture"))
        .take(1000)
        .map(|(k, s)| {
            let alias = live
                .store
                .referrers(aliases, "conference", k)
                .first()
                .and_then(|a| live.store.get(aliases, a))
                .map(|a| a.text("alias"))
                .unwrap_or_default();
            (s.text("name"), s.text("service_type"), s.text("tag"), alias)
        })
        .collect())
}

/// Services as the live node uses them (for demo conferences in progress).
pub fn service_named(live: &Live<'_>, name: &str) -> Result<Option<Service>, LiveError> {
    let (services, aliases) = (config("conference")?, config("conference_alias")?);
    let found = live
        .store
        .rows(services)
        .find(|(_, s)| s.text("name") == name)
        .map(|(k, s)| (k.clone(), s.to_row()));
    let Some((key, r)) = found else {
        return Ok(None);
    };
    let alias = live
        .store
        .referrers(aliases, "conference", &key)
        .first()
        .and_then(|a| live.store.get(aliases, a))
        .map(|a| a.text("alias"))
        .unwrap_or_default();
    Ok(Some(Service { key, row: r, alias }))
}

/// `preload_history`: about `participants` history participants, ten per conference (fewer
/// conferences than the retention limit), calls of 2 to 10 minutes over the past week.
pub fn preload(
    live: &mut Live<'_>,
    rng: &mut StdRng,
    participants: usize,
) -> Result<usize, LiveError> {
    let conferences = participants.div_ceil(10).min(live.state.history_cap.max(1));
    let per = participants.div_ceil(conferences.max(1));
    let plan = Plan {
        conferences,
        size: per..=per,
        span: Duration::days(7),
        minutes: 2..=10,
    };
    generate(live, rng, &plan)
}
