//! Realistic callers: protocols (WebRTC, SIP, H.323, Teams, RTMP), vendor strings, aliases,
//! addresses, call rates, encryption and roles, drawn from a seeded generator.

use crate::live::conference::Service;
use crate::live::participant::Joiner;
use crate::live::rows::Fields;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

const WEBRTC_VENDORS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
    "Pexip Infinity Connect/2.14.0 (Windows 10)",
];
const SIP_VENDORS: &[&str] = &[
    "Cisco/CE ce9.15.3.17",
    "Cisco/RoomOS RoomOS 11.14.1.4",
    "Polycom/RealPresence Group 500/6.2.2",
    "Poly/Studio X50/4.1.0",
    "Yealink VC800 63.345.0.10",
    "Lifesize Icon 600/3.9.1",
];
const H323_VENDORS: &[&str] = &[
    "TANDBERG (Tandberg 257)",
    "Polycom HDX 8000 HD (3.1.14)",
    "Cisco TelePresence SX20 (TC7.3.21)",
];
const TEAMS_VENDORS: &[&str] = &["Microsoft Teams (Pexip Teams Connector)"];
const FALLBACK_NAMES: &[&str] = &[
    "Ada Lovelace",
    "Grace Hopper",
    "Alan Turing",
    "Katherine Johnson",
    "Linus Pauling",
    "Marie Curie",
    "Niels Bohr",
    "Hedy Lamarr",
    "Tim Berners-Lee",
    "Barbara Liskov",
];
const ROOMS: &[&str] = &[
    "Boardroom",
    "Huddle 3",
    "Oslo room",
    "Training room",
    "Lab 2",
];

/// A caller for `service`. `people` are display names to draw from (end users).
pub fn caller(
    rng: &mut StdRng,
    service: &Service,
    people: &[String],
    location: Option<String>,
) -> Joiner {
    let protocol = *[
        ("WebRTC", 45),
        ("SIP", 25),
        ("H323", 8),
        ("Teams", 18),
        ("RTMP", 4),
    ]
    .choose_weighted(rng, |(_, w)| *w)
    .map(|(p, _)| p)
    .unwrap_or(&"WebRTC");
    let person = people.choose(rng).cloned().unwrap_or_else(|| {
        FALLBACK_NAMES
            .choose(rng)
            .copied()
            .unwrap_or("Guest")
            .to_string()
    });
    let handle: String = person
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
        .collect();
    let ip = match rng.gen_range(0..3) {
        0 => format!(
            "10.{}.{}.{}",
            rng.gen_range(20..200),
            rng.gen_range(0..255),
            rng.gen_range(2..254)
        ),
        1 => format!("203.0.113.{}", rng.gen_range(2..254)),
        _ => format!("198.51.100.{}", rng.gen_range(2..254)),
    };
    let (vendor, source, display, bandwidth, encrypted, port) = match protocol {
        "WebRTC" => (
            WEBRTC_VENDORS.choose(rng).copied().unwrap_or(""),
            format!("Infinity_Connect_{ip}"),
            person.clone(),
            *[1024, 1280, 2048].choose(rng).unwrap_or(&1280),
            true,
            rng.gen_range(49152..65535),
        ),
        "SIP" => {
            let room = ROOMS.choose(rng).copied().unwrap_or("Room");
            (
                SIP_VENDORS.choose(rng).copied().unwrap_or(""),
                format!("{}@example.com", room.to_lowercase().replace(' ', ".")),
                room.to_string(),
                *[768, 1536, 1920, 4096].choose(rng).unwrap_or(&1920),
                rng.gen_bool(0.9),
                5061,
            )
        }
        "H323" => (
            H323_VENDORS.choose(rng).copied().unwrap_or(""),
            format!("{}@h323.example.com", rng.gen_range(4000..4999)),
            format!("Legacy room {}", rng.gen_range(1..20)),
            *[768, 1152, 1536].choose(rng).unwrap_or(&768),
            rng.gen_bool(0.6),
            1720,
        ),
        "Teams" => (
            TEAMS_VENDORS.first().copied().unwrap_or(""),
            format!("{handle}@contoso.onmicrosoft.com"),
            person.clone(),
            1536,
            true,
            rng.gen_range(50000..50059),
        ),
        _ => (
            "Wowza Streaming Engine 4.8",
            "rtmps://live.example.com/app/stream".to_string(),
            "Live stream".to_string(),
            2048,
            true,
            443,
        ),
    };
    let has_guest_pin = !service.row.text("guest_pin").is_empty();
    let lecture = service.row.text("service_type") == "lecture";
    let role = if protocol == "RTMP" {
        "guest"
    } else if lecture {
        if rng.gen_bool(0.1) {
            "chair"
        } else {
            "guest"
        }
    } else if has_guest_pin {
        if rng.gen_bool(0.4) {
            "chair"
        } else {
            "guest"
        }
    } else {
        "chair"
    };
    let audio_only = protocol == "SIP" && rng.gen_bool(0.1);
    Joiner {
        display_name: display,
        role: role.to_string(),
        protocol: protocol.to_string(),
        call_direction: "in".to_string(),
        call_type: if audio_only { "audio" } else { "video" }.to_string(),
        source_alias: source,
        destination_alias: service.alias.clone(),
        remote_address: ip,
        remote_port: port,
        vendor: vendor.to_string(),
        encryption: if encrypted { "On" } else { "Off" }.to_string(),
        bandwidth: if audio_only { 64 } else { bandwidth },
        system_location: location,
        node: None,
        via_proxy: protocol == "WebRTC" && rng.gen_bool(0.5),
        is_streaming: protocol == "RTMP",
        loss_rx: rng.gen_range(0.0..0.3),
        loss_tx: rng.gen_range(0.0..0.2),
        bypass_lock: false,
    }
}
