//! The `--demo` organisation: locations and nodes, people, services of every type with
//! aliases and owners, ADPs, routing rules, themes, licences, backups.

use super::{create, uri};
use crate::engine::errors::ApiError;
use crate::engine::registry::registry;
use crate::engine::resource::RowKey;
use crate::engine::store::{Row, Store};
use base64::Engine;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;

const FIRST: &[&str] = &[
    "Bob", "Carol", "Dan", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Karl", "Laura",
    "Mallory", "Niaj", "Olivia", "Peggy", "Quentin", "Rupert", "Sybil", "Trent", "Ursula",
    "Victor", "Wendy", "Xavier", "Yolanda", "Zoe", "Aaron", "Beatriz", "Chen", "Dmitri", "Elif",
    "Fatima", "Gustav", "Hana", "Ingrid", "Jonas", "Kemal", "Lena", "Mateo", "Nora",
];
const LAST: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Wright", "Walker", "Roberts", "Thompson", "Evans", "Nakamura", "Garcia", "Müller", "Rossi",
    "Kowalski", "Larsen",
];
const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Sales",
    "Marketing",
    "Finance",
    "Support",
    "People",
    "Legal",
];
const LOCATIONS: &[(&str, &str, &str)] = &[
    ("London", "Primary data centre, Docklands", "10.1"),
    ("New York", "US East, Manhattan", "10.2"),
    ("Singapore", "APAC hub", "10.3"),
];

/// Seeds the demo organisation (about 60 services, 40 users, 3 locations with 6 nodes…).
pub fn seed_demo(store: &mut Store, seed: u64) {
    if let Err(e) = seed_all(store, seed) {
        tracing::error!(error = %e, "seeding the demo organisation failed");
    }
}

fn when(day: u32, minute: u32) -> String {
    format!(
        "2026-{:02}-{:02}T{:02}:{:02}:00",
        1 + (day / 28) % 12,
        1 + day % 28,
        8 + (minute / 60) % 10,
        minute % 60
    )
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
        .collect()
}

fn seed_all(store: &mut Store, seed: u64) -> Result<(), ApiError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut locations = Vec::new();
    for (i, (name, description, net)) in LOCATIONS.iter().enumerate() {
        let k = create(
            store,
            "system_location",
            json!({"name": name, "description": description}),
            Some(&when(i as u32, 0)),
        )?;
        let loc = uri("system_location", &k);
        for (j, kind) in ["CONFERENCING", "PROXYING"].iter().enumerate() {
            let short = &slug(name)[..3.min(name.len())];
            let role = if j == 0 { "conf" } else { "edge" };
            create(
                store,
                "worker_vm",
                json!({"name": format!("{short}-{role}-01"), "hostname": format!("{short}-{role}-01"),
                       "domain": "example.com", "address": format!("{net}.0.{}", 11 + j), "netmask": "255.255.255.0",
                       "gateway": format!("{net}.0.1"), "system_location": loc, "node_type": kind,
                       "vm_cpu_count": if j == 0 { 24 } else { 4 }, "vm_system_memory": if j == 0 { 32768 } else { 4096 },
                       "description": format!("{name} {} node", kind.to_lowercase())}),
                Some(&when(i as u32, 5 + j as u32)),
            )?;
        }
        locations.push(loc);
    }
    super::bursting::seed_bursting(store, &locations)?;
    let mut themes = Vec::new();
    for (i, name) in ["Corporate theme", "Town hall theme"].iter().enumerate() {
        let k = create(
            store,
            "ivr_theme",
            json!({"name": name}),
            Some(&when(2, i as u32)),
        )?;
        themes.push(uri("ivr_theme", &k));
    }
    let mut people = vec![("Alice".to_string(), "Adams".to_string(), "Engineering")];
    let mut names: Vec<(usize, usize)> = (0..FIRST.len())
        .map(|i| (i, (i * 7 + 3) % LAST.len()))
        .collect();
    names.shuffle(&mut rng);
    for (f, l) in names {
        people.push((
            FIRST[f].to_string(),
            LAST[l].to_string(),
            DEPARTMENTS[rng.gen_range(0..DEPARTMENTS.len())],
        ));
    }
    let mut emails = Vec::new();
    for (i, (first, last, dept)) in people.iter().enumerate() {
        let email = if i == 0 {
            "alice@example.com".to_string()
        } else {
            format!("{}.{}@example.com", slug(first), slug(last))
        };
        create(
            store,
            "end_user",
            json!({"primary_email_address": email, "first_name": first, "last_name": last,
                   "display_name": format!("{first} {last}"), "department": dept, "title": "Staff",
                   "telephone_number": format!("+44 20 7946 {:04}", 100 + i)}),
            Some(&when(3, i as u32)),
        )?;
        emails.push((email, format!("{first} {last}"), *dept));
    }
    let mut services = Vec::new();
    let mut number = 8000;
    let mut service = |store: &mut Store,
                       rng: &mut StdRng,
                       name: String,
                       kind: &str,
                       owner: &str,
                       tag: &str,
                       day: u32|
     -> Result<RowKey, ApiError> {
        number += 1;
        let mut body = json!({"name": name, "service_type": kind, "primary_owner_email_address": owner, "tag": tag,
                              "description": format!("{name} ({kind})"),
                              "aliases": [{"alias": format!("meet.{}@example.com", slug(&name))},
                                          {"alias": number.to_string(), "description": "Numeric alias"}]});
        if kind == "conference" && rng.gen_bool(0.4) {
            body["pin"] = json!(format!("{:06}", rng.gen_range(100_000..999_999)));
            body["allow_guests"] = json!(true);
            body["guest_pin"] = json!(format!("{:06}", rng.gen_range(100_000..999_999)));
        }
        if kind == "two_stage_dialing" {
            body["match_string"] = json!("(\\d{4})");
        }
        create(store, "conference", body, Some(&when(day, number % 600)))
    };
    for (i, room) in ["Alice's VMR", "Alice team standup", "Alice 1:1 room"]
        .iter()
        .enumerate()
    {
        services.push(service(
            store,
            &mut rng,
            room.to_string(),
            "conference",
            "alice@example.com",
            "Engineering",
            10 + i as u32,
        )?);
    }
    for (i, (email, display, dept)) in emails.iter().enumerate().skip(1) {
        services.push(service(
            store,
            &mut rng,
            format!("{display} VMR"),
            "conference",
            email,
            dept,
            12 + i as u32,
        )?);
    }
    let lectures = [
        "All hands",
        "Town hall",
        "Quarterly results",
        "Engineering demo day",
        "Sales kickoff",
        "Training auditorium",
    ];
    for (i, name) in lectures.iter().enumerate() {
        let owner = &emails[(i * 5 + 2) % emails.len()].0;
        let k = service(
            store,
            &mut rng,
            name.to_string(),
            "lecture",
            owner,
            "Company",
            60 + i as u32,
        )?;
        if let (Some(def), Some(theme)) = (
            registry().get("configuration", "conference"),
            themes.get(i % 2),
        ) {
            if let Some(mut row) = store.get(def, &k).map(|r| r.to_row()) {
                row.insert("ivr_theme".into(), json!(theme));
                store.put(def, k.clone(), row);
            }
        }
        services.push(k);
    }
    for (i, name) in [
        "Main reception",
        "London reception",
        "New York reception",
        "Singapore reception",
    ]
    .iter()
    .enumerate()
    {
        services.push(service(
            store,
            &mut rng,
            name.to_string(),
            "two_stage_dialing",
            "",
            "Reception",
            70 + i as u32,
        )?);
    }
    for (i, name) in ["Test call", "Test call (audio)"].iter().enumerate() {
        services.push(service(
            store,
            &mut rng,
            name.to_string(),
            "test_call",
            "",
            "Support",
            75 + i as u32,
        )?);
    }
    for (i, name) in ["Welcome video", "Hold music"].iter().enumerate() {
        services.push(service(
            store,
            &mut rng,
            name.to_string(),
            "media_playback",
            "",
            "Marketing",
            78 + i as u32,
        )?);
    }
    for (i, name) in [
        "Boardroom",
        "Innovation lab",
        "Helpdesk bridge",
        "Partner bridge",
        "Interview room",
    ]
    .iter()
    .enumerate()
    {
        let owner = &emails[(i * 3 + 1) % emails.len()].0;
        services.push(service(
            store,
            &mut rng,
            name.to_string(),
            "conference",
            owner,
            "Facilities",
            80 + i as u32,
        )?);
    }
    let adps = [
        ("recorder@rec.example.com", "Recorder", "sip"),
        ("stream@live.example.com", "Live stream", "rtmp"),
        ("boardroom-codec@example.com", "Boardroom codec", "sip"),
        ("10.1.5.20", "London room system", "h323"),
        ("captions@example.com", "Captioning service", "sip"),
    ];
    for (i, (alias, name, protocol)) in adps.iter().enumerate() {
        let targets: Vec<String> = services
            .iter()
            .skip(i * 7)
            .take(2 + i % 2)
            .map(|k| uri("conference", k))
            .collect();
        create(
            store,
            "automatic_participant",
            json!({"alias": alias, "remote_display_name": name, "protocol": protocol, "conference": targets,
                      "description": format!("Dial {name} when the conference starts"),
                      "streaming": *protocol == "rtmp"}),
            Some(&when(90, i as u32)),
        )?;
    }
    let rules = [
        ("Route to SfB", "9(.*)", "\\1", "mssip", true),
        (
            "Outbound to registered devices",
            ".*@example\\.com",
            "",
            "sip",
            false,
        ),
        (
            "PSTN via SBC",
            "\\+?(\\d{7,15})",
            "\\1@sbc.example.com",
            "sip",
            false,
        ),
        ("H.323 dial-out", "h323:(.*)", "\\1", "h323", false),
        ("Teams interop", "teams\\.(.*)", "\\1", "teams", true),
        ("Google Meet", "meet\\.google\\.(.*)", "\\1", "gms", true),
        ("Partners", ".*@partner\\.example\\.org", "", "sip", true),
        (
            "Legacy bridge",
            "7(\\d{4})",
            "\\1@legacy.example.com",
            "sip",
            true,
        ),
        (
            "Lab numbers",
            "55(\\d{3})",
            "lab\\1@example.com",
            "sip",
            true,
        ),
        ("Catch-all external", ".*", "", "sip", false),
    ];
    for (i, (name, m, r, proto, incoming)) in rules.iter().enumerate() {
        create(
            store,
            "gateway_routing_rule",
            json!({"name": name, "priority": 10 * (i + 1), "match_string": m, "replace_string": r, "outgoing_protocol": proto,
                      "match_incoming_calls": incoming, "match_outgoing_calls": !incoming,
                      "outgoing_location": locations[i % locations.len()]}),
            Some(&when(95, i as u32)),
        )?;
    }
    create(
        store,
        "licence",
        json!({"entitlement_id": "A1B2-C3D4-E5F6"}),
        Some(&when(1, 0)),
    )?;
    create(
        store,
        "licence",
        json!({"entitlement_id": "SrF1FPcyRjitSHOhtU_XGQ=="}),
        Some(&when(1, 1)),
    )?;
    create(
        store,
        "event_sink",
        json!({"name": "pexdesk", "url": "http://127.0.0.1:3000/events", "version": 2}),
        None,
    )?;
    seed_backups(store, &mut rng);
    Ok(())
}

fn seed_backups(store: &mut Store, rng: &mut StdRng) {
    let Some(def) = registry().get("configuration", "system_backup") else {
        return;
    };
    for day in [7u32, 14] {
        let filename = format!("pexip_backup_mgr_32_76214.0.0_26_02_{day:02}_02_00_00.tar.pexbak");
        let content: Vec<u8> = (0..4096).map(|_| rng.gen()).collect();
        let mut row = Row::new();
        row.insert("filename".into(), json!(filename));
        row.insert("date".into(), json!(format!("2026-02-{day:02}T02:00:00")));
        row.insert("build".into(), json!("76214.0.0"));
        row.insert("version".into(), json!("32"));
        row.insert("size".into(), json!(content.len()));
        row.insert(
            "content_base64".into(),
            json!(base64::engine::general_purpose::STANDARD.encode(&content)),
        );
        store.put(def, RowKey::Str(filename), row);
    }
}
