//! Live semantics: the lobby of a locked conference, transfers, dial routing (rules and
//! manual), quality windows and buckets.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_locked_conference_holds_new_guests_in_the_lobby() {
    let sim = guide_node().await;
    let (conf, _) = sim.start_call("meet2@example.com", 1).await;
    sim.command("conference/lock", &[("conference_id", &conf)])
        .await;
    let a = sim
        .join(json!({"alias": "meet2@example.com", "role": "guest", "display_name": "A"}))
        .await;
    let b = sim
        .join(json!({"alias": "meet2@example.com", "role": "guest", "display_name": "B"}))
        .await;
    let host = sim
        .join(json!({"alias": "meet2@example.com", "role": "chair", "display_name": "Host"}))
        .await;
    assert_eq!(
        (a["waiting"].as_bool(), b["waiting"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(
        host["waiting"], false,
        "a Host (PIN) enters a locked conference"
    );
    let pa = sim.participant(a["participant_id"].as_str().unwrap()).await;
    assert_eq!(pa["is_on_hold"], true);
    assert_eq!(pa["has_media"], false);
    assert_eq!(pa["license_type"], "nolicense");
    let streams = format!(
        "{STATUS}/participant/{}/media_stream/",
        a["participant_id"].as_str().unwrap()
    );
    assert_eq!(sim.total(&streams).await, 0);
    assert_eq!(
        sim.total(&format!("{STATUS}/participant/?is_on_hold=true"))
            .await,
        2
    );
    // Unlocking one participant admits just that one.
    sim.command(
        "participant/unlock",
        &[("participant_id", a["participant_id"].as_str().unwrap())],
    )
    .await;
    assert_eq!(
        sim.participant(a["participant_id"].as_str().unwrap()).await["is_on_hold"],
        false
    );
    assert_eq!(sim.total(&streams).await, 2);
    assert_eq!(
        sim.participant(b["participant_id"].as_str().unwrap()).await["is_on_hold"],
        true
    );
    // Unlocking the conference admits everyone left.
    sim.command("conference/unlock", &[("conference_id", &conf)])
        .await;
    assert_eq!(
        sim.total(&format!("{STATUS}/participant/?is_on_hold=true"))
            .await,
        0
    );
    assert_eq!(
        sim.participant(b["participant_id"].as_str().unwrap()).await["license_type"],
        "port"
    );
    // A dial-out into a locked conference is admitted directly.
    sim.command("conference/lock", &[("conference_id", &conf)])
        .await;
    let d = sim
        .command(
            "participant/dial",
            &[
                ("conference_alias", "meet2@example.com"),
                ("destination", "bob@example.com"),
                ("node", "10.0.0.1"),
            ],
        )
        .await;
    let dialled = sim
        .participant(d["data"]["participant_id"].as_str().unwrap())
        .await;
    assert_eq!(dialled["is_on_hold"], false);
}

#[tokio::test]
async fn a_guest_who_becomes_host_leaves_the_lobby() {
    let sim = guide_node().await;
    let (conf, _) = sim.start_call("meet@example.com", 1).await;
    sim.command("conference/lock", &[("conference_id", &conf)])
        .await;
    let g = sim
        .join(json!({"alias": "meet@example.com", "role": "guest"}))
        .await;
    let id = g["participant_id"].as_str().unwrap();
    sim.command(
        "participant/role",
        &[("participant_id", id), ("role", "chair")],
    )
    .await;
    let p = sim.participant(id).await;
    assert_eq!(
        (p["role"].as_str(), p["is_on_hold"].as_bool()),
        (Some("chair"), Some(false))
    );
}

#[tokio::test]
async fn a_transfer_moves_the_participant_with_its_role_past_pin_and_lock() {
    let sim = guide_node().await;
    let (from, ids) = sim.start_call("meet@example.com", 2).await;
    let (to, _) = sim.start_call("meet2@example.com", 1).await;
    sim.command("conference/lock", &[("conference_id", &to)])
        .await;
    let id = ids[0].as_str();
    sim.command(
        "participant/transfer",
        &[
            ("participant_id", id),
            ("conference_alias", "meet2@example.com"),
            ("role", "guest"),
        ],
    )
    .await;
    let p = sim.participant(id).await;
    assert_eq!(p["conference"], "VMR_2");
    assert_eq!(p["role"], "guest");
    assert_eq!(p["is_on_hold"], false, "the PIN and the lock are bypassed");
    assert_eq!(
        sim.total(&format!("{STATUS}/participant/?conference=VMR_2"))
            .await,
        2
    );
    assert_eq!(
        sim.total(&format!("{STATUS}/participant/?conference=VMR_1"))
            .await,
        1
    );
    // Its leg in the first conference is in history.
    let legs = sim
        .objects(&format!(
            "{HISTORY}/participant/?disconnect_reason=Transferred"
        ))
        .await;
    assert_eq!(legs.len(), 1);
    assert_eq!(
        legs[0]["conference"],
        format!("{HISTORY}/conference/{from}/")
    );
    // Transferring the last participant out ends the first conference.
    sim.command(
        "participant/transfer",
        &[
            ("participant_id", ids[1].as_str()),
            ("conference_alias", "meet2@example.com"),
            ("role", "chair"),
        ],
    )
    .await;
    assert_eq!(
        sim.get(&format!("{STATUS}/conference/{from}/"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sim.get(&format!("{HISTORY}/conference/{from}/"))
            .await
            .status,
        StatusCode::OK
    );
    let unknown = sim
        .form(
            &format!("{COMMAND}/participant/transfer/"),
            &[
                ("participant_id", id),
                ("conference_alias", "nowhere@example.com"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.json()["transfer"]["conference_alias"].is_array());
}

#[tokio::test]
async fn dial_routing_rules_are_matched_by_priority_regex_and_state() {
    let sim = guide_node().await;
    let oslo = sim.get(&format!("{CONF}/system_location/2/")).await.json()["resource_uri"].clone();
    sim.create(
        "gateway_routing_rule",
        json!({"name": "PSTN", "priority": 10, "match_string": "\\+?(\\d{7,15})", "replace_string": "\\1@sbc.example.com",
               "match_incoming_calls": false, "match_outgoing_calls": true, "outgoing_protocol": "h323",
               "outgoing_location": oslo}),
    )
    .await;
    let dial = |dest: &'static str| {
        [
            ("conference_alias", "meet@example.com"),
            ("destination", dest),
            ("routing", "routing_rule"),
            ("system_location", "London"),
        ]
    };
    // The higher-priority rule rewrites the number, picks its protocol and location.
    let v = sim.command("participant/dial", &dial("+4420794600")).await;
    let p = sim
        .participant(v["data"]["participant_id"].as_str().unwrap())
        .await;
    assert_eq!(p["destination_alias"], "4420794600@sbc.example.com");
    assert_eq!(p["protocol"], "H323");
    assert_eq!(p["system_location"], "Oslo");
    // Anything else falls through to the catch-all (priority 50).
    let v = sim.command("participant/dial", &dial("carol")).await;
    let p = sim
        .participant(v["data"]["participant_id"].as_str().unwrap())
        .await;
    assert_eq!(
        (p["protocol"].as_str(), p["system_location"].as_str()),
        (Some("SIP"), Some("London"))
    );
    // Without an enabled outgoing rule that matches, the dial fails clearly.
    let rules = sim
        .objects(&format!("{CONF}/gateway_routing_rule/?name=Outbound"))
        .await;
    sim.patch(
        rules[0]["resource_uri"].as_str().unwrap(),
        json!({"enable": false}),
    )
    .await;
    let r = sim
        .form(&format!("{COMMAND}/participant/dial/"), &dial("carol"))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let msg = r.json()["dial"]["destination"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("Call Routing Rule") && msg.contains("carol"),
        "{msg}"
    );
    // routing_rule needs a system_location.
    let r = sim
        .form(
            &format!("{COMMAND}/participant/dial/"),
            &[
                ("conference_alias", "meet@example.com"),
                ("destination", "x"),
                ("routing", "routing_rule"),
            ],
        )
        .await;
    assert!(r.json()["dial"]["system_location"].is_array());
}

#[tokio::test]
async fn manual_dial_needs_a_node_or_location_and_the_node_wins() {
    let sim = guide_node().await;
    let path = format!("{COMMAND}/participant/dial/");
    let base = [
        ("conference_alias", "meet@example.com"),
        ("destination", "dave@example.com"),
    ];
    let r = sim.form(&path, &base).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["dial"]["node"].is_array());
    let mut with_node = base.to_vec();
    with_node.extend([
        ("node", "10.0.1.1"),
        ("system_location", "London"),
        ("protocol", "teams"),
        ("role", "chair"),
    ]);
    let v = sim.command("participant/dial", &with_node).await;
    let p = sim
        .participant(v["data"]["participant_id"].as_str().unwrap())
        .await;
    assert_eq!(p["media_node"], "10.0.1.1");
    assert_eq!(
        p["system_location"], "Oslo",
        "the node overrides the location"
    );
    assert_eq!(p["protocol"], "Teams");
    let mut fqdn = base.to_vec();
    fqdn.push(("node", "conf.example.com"));
    let r = sim.form(&path, &fqdn).await;
    assert_eq!(
        r.json()["dial"]["node"],
        json!(["Enter a valid IPv4 address."])
    );
    let mut unknown = base.to_vec();
    unknown.push(("system_location", "Atlantis"));
    assert!(sim.form(&path, &unknown).await.json()["dial"]["system_location"].is_array());
    let mut location = base.to_vec();
    location.push(("system_location", "London"));
    let v = sim.command("participant/dial", &location).await;
    assert_eq!(
        sim.participant(v["data"]["participant_id"].as_str().unwrap())
            .await["media_node"],
        "10.0.0.1"
    );
    let r = sim
        .form(
            &path,
            &[
                ("conference_alias", "nobody@example.com"),
                ("destination", "x"),
                ("node", "10.0.0.1"),
            ],
        )
        .await;
    assert!(r.json()["dial"]["conference_alias"].is_array());
}

#[tokio::test]
async fn quality_follows_packet_loss_in_twenty_second_windows() {
    let sim = guide_node().await;
    let (_, ids) = sim.start_call("meet@example.com", 1).await;
    let id = ids[0].as_str();
    let loss = |rx: f64, tx: f64| json!({"rx_packet_loss": rx, "tx_packet_loss": tx});
    let path = format!("/_sim/participants/{id}/packet_loss");
    let set = |v| sim.put(&path, v);
    // Two good windows, one OK (2 %), one bad (5 % one way), one terrible (12 %).
    sim.step(20.0, 2, "off").await;
    set(loss(2.0, 0.0)).await;
    sim.step(20.0, 1, "off").await;
    set(loss(0.0, 5.0)).await;
    sim.step(20.0, 1, "off").await;
    set(loss(12.0, 12.0)).await;
    sim.step(20.0, 1, "off").await;
    let p = sim.participant(id).await;
    assert_eq!(p["historic_call_quality"], json!([1, 1, 2, 3, 4]));
    assert_eq!(p["bucketed_call_quality"], json!([0, 2, 1, 1, 1]));
    // The last three windows are 2, 3, 4: a tie, the worst wins.
    assert_eq!(p["call_quality"], "4_terrible");
    sim.step(20.0, 1, "off").await;
    assert_eq!(sim.participant(id).await["call_quality"], "4_terrible");
    set(loss(0.0, 0.0)).await;
    sim.step(20.0, 2, "off").await;
    // Last three: 4, 1, 1.
    assert_eq!(sim.participant(id).await["call_quality"], "1_good");
    let stream = &sim
        .objects(&format!(
            "{STATUS}/participant/{id}/media_stream/?type=audio"
        ))
        .await[0];
    assert_eq!(stream["rx_windowed_packet_loss"], 0.0);
    assert!(
        stream["rx_packet_loss"].as_f64().unwrap() > 0.5,
        "cumulative loss remembers the episode"
    );
    // Half a window does not close it.
    sim.step(10.0, 1, "off").await;
    assert_eq!(
        sim.participant(id).await["historic_call_quality"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
    let missing = sim
        .put("/_sim/participants/nope/packet_loss", loss(1.0, 1.0))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
