use pexdesk_store::{
    dummy_verifications, Password, PasswordPolicy, PolicyViolation, Role, SessionStore, StoreError,
    Users,
};
use tower_sessions_core::session::{Id, Record};
use tower_sessions_core::SessionStore as _;

use crate::common::users;

fn pw(s: &str) -> Password {
    Password::new(s)
}

const GOOD: &str = "correct horse battery";

#[tokio::test]
async fn create_get_list_count() {
    each_backend!(|db| {
        let u = users(&db);
        assert_eq!(u.count().await.unwrap(), 0);
        let a = u
            .create(" Alice@Example.COM ", Role::Admin, &pw(GOOD))
            .await
            .unwrap();
        assert_eq!(a.email, "alice@example.com");
        assert_eq!(a.role, Role::Admin);
        assert!(!a.disabled);
        assert!(a.last_login_at.is_none());
        let b = u
            .create("bob@example.com", Role::User, &pw(GOOD))
            .await
            .unwrap();
        assert_ne!(a.id, b.id);
        assert_eq!(u.get(a.id).await.unwrap().unwrap(), a);
        assert_eq!(u.get(9999).await.unwrap(), None);
        assert_eq!(
            u.find_by_email("ALICE@example.com")
                .await
                .unwrap()
                .unwrap()
                .id,
            a.id
        );
        assert_eq!(u.find_by_email("nobody@example.com").await.unwrap(), None);
        let all = u.list().await.unwrap();
        assert_eq!(
            all.iter().map(|u| u.email.as_str()).collect::<Vec<_>>(),
            ["alice@example.com", "bob@example.com"]
        );
        assert_eq!(u.count().await.unwrap(), 2);
        let h = u.set_role(b.id, Role::Helpdesk).await.unwrap();
        assert_eq!(h.role, Role::Helpdesk);
        assert!(matches!(
            u.set_role(9999, Role::User).await,
            Err(StoreError::NotFound)
        ));
        u.delete(b.id).await.unwrap();
        assert_eq!(u.get(b.id).await.unwrap(), None);
        assert!(matches!(u.delete(b.id).await, Err(StoreError::NotFound)));
    });
}

#[tokio::test]
async fn duplicate_and_invalid_email() {
    each_backend!(|db| {
        let u = users(&db);
        u.create("carol@example.com", Role::User, &pw(GOOD))
            .await
            .unwrap();
        let err = u
            .create("CAROL@Example.com", Role::Admin, &pw(GOOD))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::EmailTaken), "{err:?}");
        assert_eq!(err.to_string(), "an account with this email already exists");
        for bad in ["carol", "carol@", "@example.com", "a b@example.com"] {
            assert!(matches!(
                u.create(bad, Role::User, &pw(GOOD)).await,
                Err(StoreError::InvalidEmail)
            ));
        }
        assert_eq!(u.count().await.unwrap(), 1);
    });
}

#[tokio::test]
async fn policy_messages() {
    assert_eq!(
        PasswordPolicy::check("short").unwrap_err().to_string(),
        "the password must be at least 12 characters long"
    );
    // 12 characters but 24 bytes: characters are counted, not bytes.
    assert!(PasswordPolicy::check("ééééééééééée").is_ok());
    assert!(PasswordPolicy::check("éééééééééé").is_err());
    assert_eq!(
        PasswordPolicy::check(&"x".repeat(20))
            .unwrap_err()
            .to_string(),
        "the password must not be one character repeated"
    );
    assert_eq!(
        PasswordPolicy::check(&"xy".repeat(600)),
        Err(PolicyViolation::TooLong)
    );
    each_backend!(|db| {
        let u = users(&db);
        let err = u
            .create("dave@example.com", Role::User, &pw("dave@example.com"))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the password must not be the account's email address"
        );
        let err = u
            .create("dave@example.com", Role::User, &pw("tooshort"))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Policy(PolicyViolation::TooShort)));
        let d = u
            .create("dave@example.com", Role::User, &pw(GOOD))
            .await
            .unwrap();
        let err = u
            .set_password(d.id, &pw("aaaaaaaaaaaaaaa"))
            .await
            .unwrap_err();
        assert!(matches!(
            err,
            StoreError::Policy(PolicyViolation::Repetitive)
        ));
        u.set_password(d.id, &pw("another good password"))
            .await
            .unwrap();
        assert!(u
            .verify_login("dave@example.com", &pw(GOOD))
            .await
            .unwrap()
            .is_none());
        assert!(u
            .verify_login("dave@example.com", &pw("another good password"))
            .await
            .unwrap()
            .is_some());
        assert!(matches!(
            u.set_password(9999, &pw(GOOD)).await,
            Err(StoreError::NotFound)
        ));
    });
}

#[tokio::test]
async fn last_admin_is_protected() {
    each_backend!(|db| {
        let u = users(&db);
        let a = u
            .create("admin1@example.com", Role::Admin, &pw(GOOD))
            .await
            .unwrap();
        let user = u
            .create("user@example.com", Role::User, &pw(GOOD))
            .await
            .unwrap();
        assert!(matches!(
            u.set_role(a.id, Role::Helpdesk).await,
            Err(StoreError::LastAdmin)
        ));
        assert!(matches!(
            u.set_disabled(a.id, true).await,
            Err(StoreError::LastAdmin)
        ));
        assert!(matches!(u.delete(a.id).await, Err(StoreError::LastAdmin)));
        assert_eq!(
            u.get(a.id).await.unwrap().unwrap(),
            a,
            "unchanged after refusals"
        );
        // Promoting the last admin to admin again is fine.
        u.set_role(a.id, Role::Admin).await.unwrap();
        // A disabled second admin does not count.
        let b = u
            .create("admin2@example.com", Role::Admin, &pw(GOOD))
            .await
            .unwrap();
        assert!(u.set_disabled(b.id, true).await.unwrap().disabled);
        assert!(matches!(
            u.set_role(a.id, Role::User).await,
            Err(StoreError::LastAdmin)
        ));
        // Once it is enabled, either may go.
        u.set_disabled(b.id, false).await.unwrap();
        assert_eq!(u.set_role(a.id, Role::User).await.unwrap().role, Role::User);
        assert!(matches!(u.delete(b.id).await, Err(StoreError::LastAdmin)));
        u.set_role(a.id, Role::Admin).await.unwrap();
        u.delete(b.id).await.unwrap();
        // Non-admins are never blocked.
        u.set_disabled(user.id, true).await.unwrap();
        u.delete(user.id).await.unwrap();
        assert_eq!(
            StoreError::LastAdmin.to_string(),
            "this is the last enabled admin account; add or enable another admin first"
        );
    });
}

#[tokio::test]
async fn verify_login_paths() {
    each_backend!(|db| {
        let u = users(&db);
        let e = u
            .create("erin@example.com", Role::Helpdesk, &pw(GOOD))
            .await
            .unwrap();
        let ok = u
            .verify_login("ERIN@example.com", &pw(GOOD))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ok.id, e.id);
        assert!(ok.last_login_at.is_some());
        assert!(u
            .verify_login("erin@example.com", &pw("wrong password!!"))
            .await
            .unwrap()
            .is_none());
        let before = dummy_verifications();
        assert!(u
            .verify_login("nobody@example.com", &pw(GOOD))
            .await
            .unwrap()
            .is_none());
        assert!(
            dummy_verifications() > before,
            "unknown email must verify a dummy hash"
        );
        u.set_disabled(e.id, true).await.unwrap();
        assert!(u
            .verify_login("erin@example.com", &pw(GOOD))
            .await
            .unwrap()
            .is_none());
        u.set_disabled(e.id, false).await.unwrap();
        assert!(u
            .verify_login("erin@example.com", &pw(GOOD))
            .await
            .unwrap()
            .is_some());
    });
}

/// The production argon2id parameters hash and verify, and an unknown email
/// costs the same argon2 work (a dummy verification), not an early return.
#[tokio::test]
async fn production_hash_params() {
    let t = crate::common::sqlite().await;
    let u = Users::new(t.db.clone());
    u.create("frank@example.com", Role::User, &pw(GOOD))
        .await
        .unwrap();
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(GOOD));
    let start = std::time::Instant::now();
    assert!(u
        .verify_login("frank@example.com", &pw(GOOD))
        .await
        .unwrap()
        .is_some());
    let known = start.elapsed();
    let start = std::time::Instant::now();
    assert!(u
        .verify_login("ghost@example.com", &pw(GOOD))
        .await
        .unwrap()
        .is_none());
    let unknown = start.elapsed();
    eprintln!("known {known:?} unknown {unknown:?}");
    // Loose: the unknown path must not be an instant early return.
    assert!(unknown * 4 > known, "known {known:?} unknown {unknown:?}");
    t.cleanup().await;
}

#[tokio::test]
async fn delete_and_disable_end_sessions() {
    each_backend!(|db| {
        let u = users(&db);
        let store = SessionStore::new(db.clone());
        let g = u
            .create("gina@example.com", Role::User, &pw(GOOD))
            .await
            .unwrap();
        let mut rec = Record {
            id: Id::default(),
            data: [("user_id".to_string(), serde_json::json!(g.id))].into(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        };
        store.create(&mut rec).await.unwrap();
        assert_eq!(store.list_for_user(g.id).await.unwrap().len(), 1);
        u.set_disabled(g.id, true).await.unwrap();
        assert!(store.list_for_user(g.id).await.unwrap().is_empty());
        store.create(&mut rec).await.unwrap();
        u.delete(g.id).await.unwrap();
        assert!(store.load(&rec.id).await.unwrap().is_none());
    });
}

#[test]
fn password_debug_is_redacted() {
    let p = pw("super secret password");
    assert!(!format!("{p:?}").contains("super"));
}

/// Two admins demoted at once: exactly one demotion may succeed.
#[tokio::test]
async fn concurrent_demotions_keep_an_admin() {
    each_backend!(|db| {
        let u = users(&db);
        let a = u
            .create("a1@example.com", Role::Admin, &pw(GOOD))
            .await
            .unwrap();
        let b = u
            .create("a2@example.com", Role::Admin, &pw(GOOD))
            .await
            .unwrap();
        let (ra, rb) = tokio::join!(u.set_role(a.id, Role::User), u.set_disabled(b.id, true));
        assert!(ra.is_ok() != rb.is_ok(), "{ra:?} {rb:?}");
        let enabled_admins = u
            .list()
            .await
            .unwrap()
            .into_iter()
            .filter(|x| x.role == Role::Admin && !x.disabled)
            .count();
        assert_eq!(enabled_admins, 1);
    });
}

#[tokio::test]
async fn connect_errors_are_safe() {
    let err = pexdesk_store::Db::connect("mysql://root:hunter2@db/x")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::UnsupportedUrl));
    let err = StoreError::Database(sqlx::Error::Configuration(
        "postgres://u:hunter2@db/x: SELECT password_hash".into(),
    ));
    assert_eq!(err.to_string(), "database error");
    let t = crate::common::sqlite().await;
    assert!(!format!("{:?}", t.db).contains("sqlite://"));
    t.cleanup().await;
}
