//! The services pages' server functions against pexsim: every effect is checked through
//! pexsim's own API, not only through what pexdesk answers.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use pexdesk_store::{AuditQuery, Role};
use pexip_api::{
    config::{Conference, ConferenceAlias, ConferenceId},
    Query, Specifier,
};
use serde_json::Value;

use crate::authz_matrix::multipart_csv;
use crate::common::{app_on_pexsim, TestApp, HOST, ORIGIN};

const STAFF: &[(&str, Role)] = &[("helpdesk@example.com", Role::Helpdesk)];

async fn find(node: &pexip_api::client::Client, name: &str) -> Option<Conference> {
    node.list::<Conference>(&Query::new().eq("name", name))
        .await
        .unwrap()
        .objects
        .into_iter()
        .next()
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// A same-origin POST of `body` as `content_type`.
async fn post(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: String,
    cookie: &str,
) -> crate::common::Reply {
    app.send(
        Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::COOKIE, cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

async fn post_json(app: &TestApp, path: &str, body: &str, cookie: &str) -> crate::common::Reply {
    post(app, path, "application/json", body.to_owned(), cookie).await
}

/// Uploads `csv` as the file `file_name` to the import's check step.
async fn check_import(
    app: &TestApp,
    file_name: &str,
    csv: &str,
    cookie: &str,
) -> crate::common::Reply {
    let (content_type, body) = multipart_csv(file_name, csv);
    post(
        app,
        "/api/services/import/check",
        &content_type,
        body,
        cookie,
    )
    .await
}

/// An edit form of the test VMR, with this PIN and version (and `extra` fields).
fn edit_form(id: i64, pin: &str, version: &str, extra: &str) -> String {
    format!(
        "id={id}&form[name]=Board+room+IT&form[pin]={pin}&form[version]={version}\
         &form[host_view]=one_main_seven_pips&form[call_type]=video&form[enable_chat]=default{extra}"
    )
}

#[tokio::test]
async fn a_vmr_is_created_with_two_aliases_and_a_pin_then_edited_and_deleted() {
    let (app, _sim, node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let form = "form[service_type]=conference&form[name]=Board+room+IT&form[pin]=1234\
        &form[allow_guests]=on&form[guests_can_present]=on&form[host_view]=one_main_seven_pips\
        &form[guest_view]=&form[call_type]=video&form[crypto_mode]=&form[enable_chat]=default\
        &form[aliases]=board-it%40example.com%0D%0A5599";
    let created = app.post_form("/api/services/create", form, Some(&me)).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let id: i64 = json(&created.body).as_i64().unwrap();
    let vmr = node.get::<Conference>(&ConferenceId(id)).await.unwrap();
    assert_eq!(vmr.name, "Board room IT");
    assert_eq!(vmr.pin, "1234");
    assert!(vmr.allow_guests);
    let mut aliases: Vec<&str> = vmr.aliases.iter().map(|a| a.alias.as_str()).collect();
    aliases.sort_unstable();
    assert_eq!(aliases, vec!["5599", "board-it@example.com"]);

    // The detail page's data, with and without PINs.
    let hidden = app
        .get(&format!("/api/services/get?id={id}&pins=false"), Some(&me))
        .await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);
    assert!(
        !hidden.body.contains("1234"),
        "PINs stay on the server until asked for"
    );
    let shown = json(
        &app.get(&format!("/api/services/get?id={id}&pins=true"), Some(&me))
            .await
            .body,
    );
    assert_eq!(shown["form"]["pin"], "1234");
    let version = shown["form"]["version"].as_str().unwrap().to_owned();

    // A bad PIN is refused beside its field, and nothing changes on the node.
    let bad = app
        .post_form(
            "/api/services/update",
            &edit_form(id, "12", &version, ""),
            Some(&me),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert!(
        bad.body.contains("pin") && bad.body.contains("4 to 20 digits"),
        "{}",
        bad.body
    );
    assert_eq!(
        node.get::<Conference>(&ConferenceId(id)).await.unwrap().pin,
        "1234"
    );

    // A good edit sends only what changed.
    let good = app
        .post_form(
            "/api/services/update",
            &edit_form(
                id,
                "9876",
                &version,
                "&form[allow_guests]=on&form[guests_can_present]=on",
            ),
            Some(&me),
        )
        .await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.body);
    assert_eq!(
        node.get::<Conference>(&ConferenceId(id)).await.unwrap().pin,
        "9876"
    );

    // The same stale version again: someone changed it meanwhile.
    let stale = app
        .post_form(
            "/api/services/update",
            &edit_form(id, "5555", &version, ""),
            Some(&me),
        )
        .await;
    assert_eq!(stale.status, StatusCode::BAD_REQUEST);
    assert!(
        stale.body.contains("changed this service"),
        "{}",
        stale.body
    );

    let deleted = app
        .post_form("/api/services/delete", &format!("id={id}"), Some(&me))
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert!(find(&node, "Board room IT").await.is_none());
    let gone = node
        .list::<ConferenceAlias>(&Query::new().eq("alias", "board-it@example.com"))
        .await
        .unwrap();
    assert!(gone.objects.is_empty(), "aliases go with their service");

    let audit = app
        .portal
        .audit
        .query(&AuditQuery {
            target: Some("Board room IT".into()),
            limit: 50,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = audit.entries.iter().map(|e| e.action.as_str()).collect();
    for a in ["service.create", "service.update", "service.delete"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let text = serde_json::to_string(
        &audit
            .entries
            .iter()
            .map(|e| e.diff.clone())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(
        !text.contains("9876") && !text.contains("1234"),
        "PINs are redacted: {text}"
    );
}

#[tokio::test]
async fn an_alias_held_by_another_service_is_refused_naming_it() {
    let (app, _sim, node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let taken = node
        .list::<ConferenceAlias>(&Query::new().limit(1))
        .await
        .unwrap()
        .objects
        .remove(0);
    let holder = node
        .get::<Conference>(&taken.conference.id().unwrap())
        .await
        .unwrap();
    let form = format!(
        "form[name]=Thief&form[service_type]=conference&form[host_view]=one_main_seven_pips&form[call_type]=video&form[enable_chat]=default&form[aliases]={}",
        taken.alias.replace('@', "%40")
    );
    let reply = app
        .post_form("/api/services/create", &form, Some(&me))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(
        reply.body.contains(&holder.name),
        "names the holder: {}",
        reply.body
    );
    assert!(find(&node, "Thief").await.is_none(), "nothing was created");
    let still = node.get::<Conference>(&holder.id).await.unwrap();
    assert!(
        still.aliases.iter().any(|a| a.alias == taken.alias),
        "the alias did not move"
    );

    // The same through the service page's "add alias".
    let other = find(&node, &holder.name).await.unwrap();
    let mine = node
        .list::<Conference>(
            &Query::new()
                .filter("id", Specifier::Gt, other.id.0)
                .limit(1),
        )
        .await
        .unwrap()
        .objects
        .remove(0);
    let add = app
        .post_form(
            "/api/services/aliases/add",
            &format!(
                "service_id={}&alias={}&description=",
                mine.id.0,
                taken.alias.replace('@', "%40")
            ),
            Some(&me),
        )
        .await;
    assert_eq!(add.status, StatusCode::BAD_REQUEST);
    assert!(add.body.contains(&holder.name), "{}", add.body);
}

#[tokio::test]
async fn a_refused_plain_form_keeps_what_was_typed_for_one_page_view() {
    let (app, _sim, _node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let reply = app
        .post_page_form(
            "/api/services/create",
            "form%5Bname%5D=Kept+room&form%5Bpin%5D=12&form%5Bservice_type%5D=conference",
            "/services/new",
            &me,
        )
        .await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    let location = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
    let error = location
        .split_once("__err=")
        .map(|(_, e)| e.split('&').next().unwrap().to_owned())
        .unwrap();
    let read = |error: String| {
        let app = &app;
        let me = me.clone();
        async move {
            app.get(
                &format!("/api/forms/rejected?action=%2Fapi%2Fservices%2Fcreate&error={error}"),
                Some(&me),
            )
            .await
            .body
        }
    };
    let kept = read(error.clone()).await;
    assert!(
        kept.contains("Kept room") && kept.contains("\"12\""),
        "{kept}"
    );
    assert_eq!(
        read(error.clone()).await,
        kept,
        "reading changes nothing: a page may render twice"
    );
    assert_eq!(
        read("another".into()).await,
        "null",
        "only for the refusal the page shows"
    );

    // The next post that goes through drops them.
    let ok = app.post_page_form("/api/services/create", "form%5Bname%5D=Kept+room+2&form%5Bservice_type%5D=conference&form%5Bhost_view%5D=one_main_seven_pips&form%5Bcall_type%5D=video&form%5Benable_chat%5D=default", "/services/new", &me).await;
    assert!(ok.status.is_redirection(), "{}", ok.status);
    assert!(!ok.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .contains("__err"));
    assert_eq!(read(error).await, "null");
}

#[tokio::test]
async fn search_matches_any_field_and_pages_exactly() {
    let (app, _sim, node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let owner = "alice@example.com";
    let by_owner = node
        .list::<Conference>(&Query::new().filter(
            "primary_owner_email_address",
            Specifier::IContains,
            owner,
        ))
        .await
        .unwrap()
        .meta
        .total_count;
    assert!(by_owner > 0);
    let reply = app
        .get(
            "/api/services/list?params[q]=alice%40example.com&params[per_page]=20",
            Some(&me),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let page = json(&reply.body);
    let rows = page["rows"].as_array().unwrap();
    assert!(
        rows.len() as u64 >= by_owner,
        "owner matches are found by the all-fields search"
    );
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "sorted by name");

    // The type chips narrow it; a field search is exact.
    let vmr_only = json(
        &app.get(
            "/api/services/list?params[q]=a&params[field]=Name&params[types][0]=Vmr",
            Some(&me),
        )
        .await
        .body,
    );
    assert!(vmr_only["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["service_type"] == "conference"));
    assert!(matches!(
        vmr_only["total"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .map(String::as_str),
        Some("Exact")
    ));
}

#[tokio::test]
async fn bulk_delete_goes_through_deleted_objects_and_reports_what_went() {
    let (app, _sim, node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let victims = node
        .list::<Conference>(&Query::new().eq("service_type", "test_call").limit(3))
        .await
        .unwrap()
        .objects;
    assert!(!victims.is_empty());
    let ids: Vec<String> = victims.iter().map(|c| c.id.0.to_string()).collect();
    let reply = app
        .post_form(
            "/api/services/bulk-delete",
            &format!("ids={}", ids.join("%2C")),
            Some(&me),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let report = json(&reply.body);
    assert_eq!(report["deleted"].as_array().unwrap().len(), victims.len());
    for v in &victims {
        assert!(
            node.get::<Conference>(&v.id).await.is_err(),
            "{} is gone",
            v.name
        );
    }
}

#[tokio::test]
async fn the_export_streams_every_matching_service_as_csv() {
    let (app, _sim, node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let total = node
        .list::<Conference>(&Query::new().limit(1))
        .await
        .unwrap()
        .meta
        .total_count;
    let reply = app.get("/api/services/export.csv", Some(&me)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("pexdesk-services.csv"));
    let mut reader = csv::Reader::from_reader(reply.body.as_bytes());
    assert_eq!(reader.headers().unwrap().get(1), Some("name"));
    assert_eq!(reader.records().count() as u64, total);
    let bad = app
        .get("/api/services/export.csv?sort=colour", Some(&me))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

/// 300 rows, 5 bad in five different ways.
fn import_file(prefix: &str) -> (String, Vec<u64>) {
    let mut csv = String::from(
        "name,service_type,aliases,pin,guest_pin,primary_owner_email_address,ivr_theme\n",
    );
    let mut bad_lines = Vec::new();
    for i in 0..300u64 {
        let line = i + 2;
        let row = match i {
            10 => format!("{prefix} {i},conference,{prefix}-{i}@example.com,12,,,\n"),
            50 => format!("{prefix} {i},conference,{prefix}-{i}@example.com,,5678,,\n"),
            90 => format!("{prefix} {i},conference,{prefix}-1@example.com,,,,\n"),
            130 => format!(
                "{prefix} {i},conference,{prefix}-{i}@example.com,,,nobody@nowhere.example,\n"
            ),
            170 => format!("{prefix} {i},conference,{prefix}-{i}@example.com,,,,No such theme\n"),
            _ => format!(
                "{prefix} {i},conference,{prefix}-{i}@example.com,{},,,\n",
                1000 + i
            ),
        };
        if [10, 50, 90, 130, 170].contains(&i) {
            bad_lines.push(line);
        }
        csv.push_str(&row);
    }
    (csv, bad_lines)
}

#[tokio::test]
async fn a_csv_import_of_300_rows_shows_the_5_bad_ones_and_lands_the_rest_in_bulk() {
    let (app, _sim, node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let (csv, bad_lines) = import_file("Imported");
    let checked = check_import(&app, "rooms.csv", &csv, &me).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    let plan = json(&checked.body);
    let rows = plan["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 300);
    let bad: Vec<u64> = rows
        .iter()
        .filter(|r| !r["errors"].as_array().unwrap().is_empty())
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        bad, bad_lines,
        "exactly the five bad rows: {}",
        checked.body
    );
    let messages = serde_json::to_string(rows).unwrap();
    for expected in [
        "4 to 20 digits",
        "needs a Host PIN",
        "also on line",
        "not a user",
        "no theme named",
    ] {
        assert!(messages.contains(expected), "{expected}");
    }

    let valid: Vec<&Value> = rows
        .iter()
        .filter(|r| r["errors"].as_array().unwrap().is_empty())
        .collect();
    let mut landed = 0;
    let mut writes = 0;
    for chunk in valid.chunks(100) {
        let body = serde_json::json!({ "rows": chunk }).to_string();
        let reply = post_json(&app, "/api/services/import/apply", &body, &me).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let report = json(&reply.body);
        landed += report["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["error"].is_null())
            .count();
        writes += report["write_requests"].as_u64().unwrap();
    }
    assert_eq!(landed, 295);
    assert_eq!(writes, 3, "three bulk requests of up to 100 rows");
    let on_node = node
        .list::<Conference>(
            &Query::new()
                .filter("name", Specifier::StartsWith, "Imported ")
                .limit(1),
        )
        .await
        .unwrap()
        .meta
        .total_count;
    assert_eq!(on_node, 295);
    let audit = app
        .portal
        .audit
        .query(&AuditQuery {
            action: Some("service.import".into()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(audit.entries.len(), 3, "one audit entry per applied chunk");

    // Running the same file again is safe: the landed rows are now updates.
    let again = check_import(&app, "rooms.csv", &csv, &me).await;
    let again = json(&again.body);
    let updates = again["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"].get("Update").is_some())
        .count();
    assert_eq!(updates, 295, "every landed row is now an update");
}

#[tokio::test]
async fn a_file_that_is_not_csv_is_refused_clearly() {
    let (app, _sim, _node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    for (name, content, expected) in [
        ("photo.png", "\u{89}PNG", "is not a CSV file"),
        (
            "rooms.csv",
            "title,colour\nx,y\n",
            "Unknown columns: title, colour",
        ),
        ("rooms.csv", "name\n", "no rows"),
    ] {
        let reply = check_import(&app, name, content, &me).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{name}: {}",
            reply.body
        );
        assert!(reply.body.contains(expected), "{name}: {}", reply.body);
    }
}

#[tokio::test]
async fn the_list_page_renders_on_a_slow_node() {
    // The current user is known long before the node answers: the page must still render
    // (an early version read a disposed signal once the slow list resolved).
    let (app, sim, _node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let rule = serde_json::json!({
        "path_prefix": "/api/admin/configuration/v1/conference/",
        "latency_ms": 150
    });
    let added = reqwest::Client::new()
        .post(format!("{}/_sim/faults", sim.base_url()))
        .basic_auth("admin", Some(pexsim::DEFAULT_PASSWORD))
        .json(&rule)
        .send()
        .await
        .unwrap();
    assert!(added.status().is_success());
    for path in ["/services?q=room", "/services?q=room&in=name", "/services"] {
        let page = app.get(path, Some(&me)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        assert!(page.body.contains("Showing"), "{path}: {}", page.body);
    }
}

#[tokio::test]
async fn the_list_page_carries_its_rows_once_as_html() {
    let (app, _sim, node) = app_on_pexsim(STAFF).await;
    let me = app.sign_in("helpdesk@example.com").await;
    let first = node
        .list::<Conference>(
            &Query::new()
                .order_by("name", pexip_api::Order::Asc)
                .limit(20),
        )
        .await
        .unwrap()
        .objects;
    assert!(!first.is_empty());
    let page = app.get("/services", Some(&me)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for c in &first {
        let row = format!(r#"<a href="/services/{}" class="service-name">"#, c.id.0);
        assert!(page.body.contains(&row), "row {} is in the page", c.name);
    }
    // The list's resource travels empty: the browser keeps the server's HTML instead of
    // decoding the rows a second time from JSON.
    assert!(
        page.body.contains(r#"__RESOLVED_RESOURCES[0] = """#),
        "{}",
        page.body
    );
    for key in ["pin_set", "allow_guests", "service_type"] {
        assert!(!page.body.contains(key), "{key} is not in the page");
    }
}
