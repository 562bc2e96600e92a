//! `--demo` live data: a month of history, registered devices, two raised alarms, and three
//! conferences in progress (one locked, with a Guest waiting in the lobby). Deterministic under
//! the seed (ids and content; times follow the clock).

use super::backfill::{self, Plan};
use super::generate::caller;
use crate::live::conference;
use crate::live::nodes::nodes;
use crate::live::rows::row;
use crate::live::{media, participant, status, Live, LiveError};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::time::Duration;

/// Seeds the live demo.
pub fn seed(live: &mut Live<'_>, seed: u64) -> Result<(), LiveError> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0xde30_11fe);
    let plan = Plan {
        conferences: 700,
        size: 2..=8,
        span: time::Duration::days(30),
        minutes: 5..=60,
    };
    backfill::generate(live, &mut rng, &plan)?;
    registrations(live, &mut rng)?;
    alarms(live, &mut rng)?;
    in_progress(live, &mut rng)?;
    // A few minutes of media, so the calls in progress have quality readings.
    media::advance(live, Duration::from_secs(180))
}

fn in_progress(live: &mut Live<'_>, rng: &mut StdRng) -> Result<(), LiveError> {
    let people = vec![
        "Alice Adams".to_string(),
        "Bob Smith".to_string(),
        "Carol Jones".to_string(),
        "Dan Taylor".to_string(),
        "Erin Brown".to_string(),
    ];
    for (name, size, locked) in [
        ("Alice's VMR", 3, false),
        ("All hands", 12, false),
        ("Boardroom", 2, true),
    ] {
        let Some(service) = backfill::service_named(live, name)? else {
            continue;
        };
        for i in 0..size {
            let mut j = caller(rng, &service, &people, None);
            if i == 0 {
                j.role = "chair".into();
            }
            participant::join(live, &service, j)?;
        }
        if locked {
            if let Some(id) = conference::running(live.store, &service.key)? {
                conference::set_locked(live, &id, true)?;
                let mut guest = caller(rng, &service, &["Visitor".to_string()], None);
                guest.role = "guest".into();
                participant::join(live, &service, guest)?;
            }
        }
    }
    Ok(())
}

fn registrations(live: &mut Live<'_>, rng: &mut StdRng) -> Result<(), LiveError> {
    let def = status("registration_alias")?;
    let all = nodes(live.store)?;
    let media: Vec<_> = all
        .iter()
        .filter(|n| n.conferencing && !n.cloud_bursting)
        .collect();
    let devices = [
        (
            "alice.desk@example.com",
            "SIP",
            "Cisco/RoomOS RoomOS 11.14.1.4",
        ),
        ("boardroom@example.com", "SIP", "Poly/Studio X50/4.1.0"),
        ("huddle3@example.com", "SIP", "Yealink VC800 63.345.0.10"),
        (
            "4010@h323.example.com",
            "H323",
            "Polycom HDX 8000 HD (3.1.14)",
        ),
        ("training@example.com", "SIP", "Lifesize Icon 600/3.9.1"),
        (
            "bob.smith@example.com",
            "WebRTC",
            "Pexip Infinity Connect/2.14.0 (macOS 14)",
        ),
        ("oslo.room@example.com", "SIP", "Cisco/CE ce9.15.3.17"),
        (
            "4011@h323.example.com",
            "H323",
            "Cisco TelePresence SX20 (TC7.3.21)",
        ),
    ];
    for (alias, protocol, vendor) in devices {
        let node = media.choose(rng);
        let since = live.now - time::Duration::minutes(rng.gen_range(5..4000));
        let mut r = row(json!({
            "alias": alias, "registration_id": live.uuid(),
            "username": alias.split('@').next().unwrap_or(alias),
            "node": node.map(|n| n.address.clone()).unwrap_or_default(), "protocol": protocol,
            "remote_address": format!("10.{}.{}.{}", rng.gen_range(20..200), rng.gen_range(0..255), rng.gen_range(2..254)),
            "is_natted": rng.gen_bool(0.3), "push_token": "",
            "start_time": crate::engine::values::format_datetime(since), "vendor": vendor,
        }));
        if let Some(k) = live.store.allocate_key(def, &mut r) {
            live.store.put(def, k, r);
        }
    }
    Ok(())
}

fn alarms(live: &mut Live<'_>, rng: &mut StdRng) -> Result<(), LiveError> {
    let def = status("alarm")?;
    let all = nodes(live.store)?;
    let raised = [
        (
            1003,
            "NTP not synchronized",
            "warning",
            "The node's clock is not synchronised with an NTP server.",
        ),
        (
            1005,
            "Hardware IOPS warning",
            "info",
            "Disk I/O latency above 50 ms.",
        ),
    ];
    for (identifier, name, level, details) in raised {
        let Some(node) = all.choose(rng) else {
            return Ok(());
        };
        let since = live.now - time::Duration::minutes(rng.gen_range(10..600));
        let mut r = row(
            json!({"identifier": identifier, "name": name, "level": level, "details": details,
                               "instance": node.name, "node": node.address, "acknowledged": false,
                               "time_raised": crate::engine::values::format_datetime(since)}),
        );
        if let Some(k) = live.store.allocate_key(def, &mut r) {
            live.store.put(def, k, r);
        }
    }
    Ok(())
}
