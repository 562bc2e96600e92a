use std::collections::HashMap;

use pexdesk_store::{session_handle, Role, SessionAccount, SessionStore, ACCOUNT_KEY};
use serde_json::json;
use time::{Duration, OffsetDateTime};
use tower_sessions_core::session::{Id, Record};
use tower_sessions_core::{ExpiredDeletion, SessionStore as _};

fn record(user_id: Option<i64>, expires_in: Duration) -> Record {
    let mut data: HashMap<String, serde_json::Value> = HashMap::new();
    data.insert("csrf".into(), json!("abc"));
    if let Some(id) = user_id {
        data.insert("user_id".into(), json!(id));
        data.insert("client_addr".into(), json!("192.0.2.7"));
        data.insert("user_agent".into(), json!("Mozilla/5.0 test"));
    }
    Record {
        id: Id::default(),
        data,
        expiry_date: OffsetDateTime::now_utc() + expires_in,
    }
}

async fn count(db: &pexdesk_store::Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn round_trip() {
    each_backend!(|db| {
        let store = SessionStore::new(db.clone());
        let mut rec = record(None, Duration::hours(1));
        store.create(&mut rec).await.unwrap();
        let loaded = store.load(&rec.id).await.unwrap().unwrap();
        assert_eq!(loaded.id, rec.id);
        assert_eq!(loaded.data, rec.data);
        assert!((loaded.expiry_date - rec.expiry_date).abs() < Duration::milliseconds(2));
        // Login: the app stores the user id; save updates the row.
        rec.data.insert("user_id".into(), json!(42));
        rec.data.insert("client_addr".into(), json!("2001:db8::1"));
        store.save(&rec).await.unwrap();
        let loaded = store.load(&rec.id).await.unwrap().unwrap();
        assert_eq!(loaded.data["user_id"], json!(42));
        let listed = store.list_for_user(42).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].client_addr.as_deref(), Some("2001:db8::1"));
        assert_eq!(listed[0].handle, session_handle(&rec.id));
        assert_eq!(listed[0].handle.len(), 16);
        assert!(!listed[0].handle.contains(&rec.id.to_string()));
        store.delete(&rec.id).await.unwrap();
        assert!(store.load(&rec.id).await.unwrap().is_none());
        assert!(store.load(&Id::default()).await.unwrap().is_none());
        // Saving a record that was never created inserts it.
        let fresh = record(Some(5), Duration::hours(1));
        store.save(&fresh).await.unwrap();
        assert!(store.load(&fresh.id).await.unwrap().is_some());
    });
}

#[tokio::test]
async fn create_redraws_a_colliding_id() {
    each_backend!(|db| {
        let store = SessionStore::new(db.clone());
        let mut a = record(Some(1), Duration::hours(1));
        store.create(&mut a).await.unwrap();
        let mut b = record(Some(2), Duration::hours(1));
        b.id = a.id;
        store.create(&mut b).await.unwrap();
        assert_ne!(a.id, b.id);
        assert_eq!(
            store.load(&a.id).await.unwrap().unwrap().data["user_id"],
            json!(1)
        );
    });
}

#[tokio::test]
async fn list_and_delete_for_user() {
    each_backend!(|db| {
        let store = SessionStore::new(db.clone());
        let mut s1 = record(Some(7), Duration::hours(1));
        let mut s2 = record(Some(7), Duration::hours(2));
        let mut other = record(Some(8), Duration::hours(1));
        let mut expired = record(Some(7), -Duration::minutes(1));
        for r in [&mut s1, &mut s2, &mut other, &mut expired] {
            store.create(r).await.unwrap();
        }
        let listed = store.list_for_user(7).await.unwrap();
        assert_eq!(listed.len(), 2, "expired sessions are not listed");
        let info = &listed[0];
        assert_eq!(info.user_agent.as_deref(), Some("Mozilla/5.0 test"));
        assert_eq!(info.client_addr.as_deref(), Some("192.0.2.7"));
        assert!(info.created_at <= info.last_seen_at);
        // Another user's handle does not end this user's session.
        let h1 = session_handle(&s1.id);
        assert!(!store.delete_for_user(8, &h1).await.unwrap());
        assert!(store.delete_for_user(7, &h1).await.unwrap());
        assert!(!store.delete_for_user(7, &h1).await.unwrap());
        assert!(store.load(&s1.id).await.unwrap().is_none());
        assert!(store.load(&s2.id).await.unwrap().is_some());
        assert_eq!(
            store.delete_all_for_user(7).await.unwrap(),
            2,
            "s2 and the expired one"
        );
        assert!(store.load(&other.id).await.unwrap().is_some());
    });
}

#[tokio::test]
async fn expired_deletion() {
    each_backend!(|db| {
        let store = SessionStore::new(db.clone());
        let mut live = record(Some(1), Duration::hours(1));
        let mut dead = record(Some(1), -Duration::seconds(5));
        store.create(&mut live).await.unwrap();
        store.create(&mut dead).await.unwrap();
        assert!(
            store.load(&dead.id).await.unwrap().is_none(),
            "expired never loads"
        );
        assert_eq!(count(&db).await, 2);
        store.delete_expired().await.unwrap();
        assert_eq!(count(&db).await, 1);
        assert!(store.load(&live.id).await.unwrap().is_some());
    });
}

#[tokio::test]
async fn load_reads_the_account_with_the_session_and_save_never_stores_it() {
    each_backend!(|db| {
        let users = crate::common::users(&db);
        let store = SessionStore::new(db.clone());
        let pw = pexdesk_store::Password::new("a-long-enough-password-1");
        let account = users
            .create("Desk@Example.com", Role::Helpdesk, &pw)
            .await
            .unwrap();
        let mut rec = record(Some(account.id), Duration::hours(1));
        store.create(&mut rec).await.unwrap();

        let loaded = store.load(&rec.id).await.unwrap().unwrap();
        let expected = SessionAccount {
            id: account.id,
            email: "desk@example.com".into(),
            role: Role::Helpdesk,
            disabled: false,
        };
        assert_eq!(
            loaded.data[ACCOUNT_KEY],
            serde_json::to_value(&expected).unwrap()
        );

        // Saving the loaded record (as after any change) keeps the account out of the row.
        store.save(&loaded).await.unwrap();
        let stored: String = sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1")
            .bind(rec.id.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert!(!stored.contains(ACCOUNT_KEY), "{stored}");
        assert!(!stored.contains("desk@example.com"), "{stored}");

        // The account is read fresh on every load: a change shows on the next one. (The
        // account store ends a disabled account's sessions; this row is changed behind its
        // back, as an interrupted change could leave it.)
        users.set_role(account.id, Role::User).await.unwrap();
        sqlx::query("UPDATE users SET disabled = 1 WHERE id = $1")
            .bind(account.id)
            .execute(db.pool())
            .await
            .unwrap();
        let loaded = store.load(&rec.id).await.unwrap().unwrap();
        let now: SessionAccount = serde_json::from_value(loaded.data[ACCOUNT_KEY].clone()).unwrap();
        assert_eq!((now.role, now.disabled), (Role::User, true));

        // A copy smuggled into the stored data never stands in for the account.
        let forged =
            json!({"id": account.id, "email": "x@example.com", "role": "admin", "disabled": false});
        sqlx::query("UPDATE sessions SET data = $1 WHERE id = $2")
            .bind(json!({ "user_id": account.id, ACCOUNT_KEY: forged }).to_string())
            .bind(rec.id.to_string())
            .execute(db.pool())
            .await
            .unwrap();
        let loaded = store.load(&rec.id).await.unwrap().unwrap();
        assert_eq!(loaded.data[ACCOUNT_KEY]["role"], json!("user"));

        // No account (an id no account has, or an anonymous session): no entry.
        let mut orphan = record(Some(account.id + 1_000), Duration::hours(1));
        store.create(&mut orphan).await.unwrap();
        let loaded = store.load(&orphan.id).await.unwrap().unwrap();
        assert!(!loaded.data.contains_key(ACCOUNT_KEY));
        let mut anonymous = record(None, Duration::hours(1));
        store.create(&mut anonymous).await.unwrap();
        let loaded = store.load(&anonymous.id).await.unwrap().unwrap();
        assert_eq!(loaded.data, anonymous.data);
    });
}
