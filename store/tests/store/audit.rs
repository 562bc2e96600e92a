use pexdesk_store::{AuditLog, AuditQuery, Db, NewAuditEntry, Outcome, Role, REDACTED};
use serde_json::json;
use time::{Duration, OffsetDateTime};

fn entry(actor: &str, action: &str, target: &str) -> NewAuditEntry {
    NewAuditEntry {
        actor_id: Some(1),
        actor_email: Some(actor.into()),
        actor_role: Some(Role::Admin),
        client_addr: Some("192.0.2.10".into()),
        action: action.into(),
        target: Some(target.into()),
        outcome: Outcome::Success,
        ..Default::default()
    }
}

/// Every stored text column of every row, as one string.
async fn raw_rows(db: &Db) -> String {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT actor_email, actor_role, client_addr, action, target, outcome, diff, detail \
         FROM audit_log",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let mut out = String::new();
    for row in &rows {
        for i in 0..8 {
            out.push_str(
                &row.try_get::<Option<String>, _>(i)
                    .unwrap()
                    .unwrap_or_default(),
            );
            out.push('|');
        }
    }
    assert!(out.contains("service.update"));
    out
}

#[tokio::test]
async fn record_redacts_secrets() {
    each_backend!(|db| {
        let log = AuditLog::new(db.clone());
        let mut e = entry("Admin@Example.com", "service.update", "service:meet.alice");
        e.before =
            Some(json!({"name": "Alice", "pin": "123456", "guest_pin": "222333", "tag": "x"}));
        e.after = Some(json!({
            "name": "Alice's room", "pin": "654321", "guest_pin": "222333", "tag": "x",
            "credentials": {"password": "Hunter2Hunter2"},
            "nested": {"host_pin": "999888", "admin_password": "TopSecretPw1"},
        }));
        log.record(e).await.unwrap();
        let page = log.query(&AuditQuery::default()).await.unwrap();
        assert_eq!(page.total, 1);
        let got = &page.entries[0];
        assert_eq!(got.actor_email.as_deref(), Some("admin@example.com"));
        assert_eq!(got.actor_role, Some(Role::Admin));
        assert_eq!(got.outcome, Outcome::Success);
        assert_eq!(
            got.diff.as_ref().unwrap(),
            &json!({
                "name": {"before": "Alice", "after": "Alice's room"},
                "pin": {"before": REDACTED, "after": REDACTED},
                "credentials": {"before": null, "after": REDACTED},
                "nested": {"before": null, "after": {"host_pin": REDACTED, "admin_password": REDACTED}},
            })
        );
        let raw = raw_rows(&db).await;
        let mut csv = Vec::new();
        log.export_csv(&AuditQuery::default(), &mut csv)
            .await
            .unwrap();
        let csv = String::from_utf8(csv).unwrap();
        for secret in [
            "123456",
            "654321",
            "222333",
            "Hunter2Hunter2",
            "999888",
            "TopSecretPw1",
        ] {
            assert!(!raw.contains(secret), "{secret} stored: {raw}");
            assert!(!csv.contains(secret), "{secret} exported: {csv}");
        }
        assert!(csv.contains("[redacted]"));
    });
}

#[tokio::test]
async fn filters_and_pagination() {
    each_backend!(|db| {
        let log = AuditLog::new(db.clone());
        log.record(entry("alice@example.com", "login", "user:1"))
            .await
            .unwrap();
        let mut failed = entry("mallory@evil.example", "login", "user:?");
        failed.outcome = Outcome::Failure;
        failed.actor_id = None;
        failed.actor_role = None;
        log.record(failed).await.unwrap();
        log.record(entry(
            "alice@example.com",
            "user.create",
            "user:bob@example.com",
        ))
        .await
        .unwrap();
        log.record(entry(
            "bob@example.com",
            "service.update",
            "service:meet.bob_100%",
        ))
        .await
        .unwrap();
        log.record(entry(
            "alice@example.com",
            "user.delete",
            "user:carol@example.com",
        ))
        .await
        .unwrap();

        let q = |f: fn(&mut AuditQuery)| {
            let mut q = AuditQuery::default();
            f(&mut q);
            q
        };
        let all = log.query(&AuditQuery::default()).await.unwrap();
        assert_eq!(all.total, 5);
        let actions: Vec<_> = all.entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "user.delete",
                "service.update",
                "user.create",
                "login",
                "login"
            ],
            "newest first"
        );
        assert_eq!(all.entries[3].outcome, Outcome::Failure);
        assert_eq!(all.entries[3].actor_role, None);

        let by_actor = log
            .query(&q(|q| q.actor = Some("ALICE".into())))
            .await
            .unwrap();
        assert_eq!(by_actor.total, 3);
        let by_action = log
            .query(&q(|q| q.action = Some("user.".into())))
            .await
            .unwrap();
        assert_eq!(by_action.total, 2);
        assert_eq!(
            log.query(&q(|q| q.action = Some("update".into())))
                .await
                .unwrap()
                .total,
            0,
            "prefix, not substring"
        );
        let by_target = log
            .query(&q(|q| q.target = Some("Bob".into())))
            .await
            .unwrap();
        assert_eq!(by_target.total, 2);
        // LIKE wildcards in the filter are literal.
        assert_eq!(
            log.query(&q(|q| q.target = Some("100%".into())))
                .await
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            log.query(&q(|q| q.target = Some("_".into())))
                .await
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            log.query(&q(|q| q.actor = Some("%".into())))
                .await
                .unwrap()
                .total,
            0
        );
        let combined = log
            .query(&q(|q| {
                q.actor = Some("alice".into());
                q.action = Some("user".into());
            }))
            .await
            .unwrap();
        assert_eq!(combined.total, 2);

        let now = OffsetDateTime::now_utc();
        let past = log
            .query(&q(|q| {
                q.to = Some(OffsetDateTime::now_utc() - Duration::hours(1))
            }))
            .await
            .unwrap();
        assert_eq!(past.total, 0);
        let mut window = AuditQuery {
            from: Some(now - Duration::minutes(5)),
            to: Some(now + Duration::minutes(5)),
            ..Default::default()
        };
        assert_eq!(log.query(&window).await.unwrap().total, 5);
        window.from = Some(now + Duration::minutes(1));
        assert_eq!(log.query(&window).await.unwrap().total, 0);

        let mut paged = AuditQuery {
            limit: 2,
            ..Default::default()
        };
        let p1 = log.query(&paged).await.unwrap();
        paged.offset = 2;
        let p2 = log.query(&paged).await.unwrap();
        paged.offset = 4;
        let p3 = log.query(&paged).await.unwrap();
        assert_eq!((p1.total, p2.total, p3.total), (5, 5, 5));
        assert_eq!(
            (p1.entries.len(), p2.entries.len(), p3.entries.len()),
            (2, 2, 1)
        );
        let ids: Vec<i64> = [p1, p2, p3]
            .iter()
            .flat_map(|p| p.entries.iter().map(|e| e.id))
            .collect();
        assert_eq!(ids, all.entries.iter().map(|e| e.id).collect::<Vec<_>>());
    });
}

#[tokio::test]
async fn limit_cap_csv_export_and_purge() {
    each_backend!(|db| {
        let log = AuditLog::new(db.clone());
        for i in 0..205 {
            let mut e = entry(
                "alice@example.com",
                "service.update",
                &format!("service:{i}"),
            );
            e.detail = Some(if i == 0 {
                "=HYPERLINK(\"x\")".into()
            } else {
                format!("n={i}, \"quoted\"")
            });
            e.before = Some(json!({"n": i}));
            e.after = Some(json!({"n": i + 1}));
            log.record(e).await.unwrap();
        }
        log.record(entry("bob@example.com", "login", "user:2"))
            .await
            .unwrap();
        let page = log
            .query(&AuditQuery {
                limit: 10_000,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(page.total, 206);
        assert_eq!(page.entries.len(), 200, "limit capped at 200");

        let mut out = Vec::new();
        let q = AuditQuery {
            actor: Some("alice".into()),
            limit: 1,
            ..Default::default()
        };
        assert_eq!(
            log.export_csv(&q, &mut out).await.unwrap(),
            205,
            "all rows, in pages"
        );
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            header,
            [
                "time",
                "actor",
                "role",
                "client_address",
                "action",
                "target",
                "outcome",
                "diff",
                "detail"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 205);
        assert_eq!(&rows[0][1], "alice@example.com");
        assert_eq!(&rows[0][2], "admin");
        assert_eq!(&rows[0][3], "192.0.2.10");
        assert_eq!(&rows[0][5], "service:204");
        assert_eq!(&rows[0][6], "success");
        let diff: serde_json::Value = serde_json::from_str(&rows[0][7]).unwrap();
        assert_eq!(diff, json!({"n": {"before": 204, "after": 205}}));
        assert_eq!(&rows[0][8], "n=204, \"quoted\"");
        assert!(
            OffsetDateTime::parse(&rows[0][0], &time::format_description::well_known::Rfc3339)
                .is_ok()
        );
        assert_eq!(&rows[204][8], "'=HYPERLINK(\"x\")", "formula neutralised");
        let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.get(5).unwrap()).collect();
        assert_eq!(ids.len(), 205, "no row repeated across pages");

        // Retention: age half the rows by ten days, purge anything older than a week.
        let old = OffsetDateTime::now_utc() - Duration::days(10);
        let old_ms = i64::try_from(old.unix_timestamp_nanos() / 1_000_000).unwrap();
        sqlx::query("UPDATE audit_log SET at = $1 WHERE id % 2 = 0")
            .bind(old_ms)
            .execute(db.pool())
            .await
            .unwrap();
        let purged = log.purge_older_than(Duration::days(7)).await.unwrap();
        assert_eq!(purged, 103);
        assert_eq!(log.query(&AuditQuery::default()).await.unwrap().total, 103);
        assert_eq!(log.purge_older_than(Duration::days(7)).await.unwrap(), 0);
    });
}
