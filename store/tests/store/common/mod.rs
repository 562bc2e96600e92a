//! Yields a fresh `Db` per backend.

use pexdesk_store::{Backend, Db, HashParams, Users};

/// Cheap argon2 parameters so the suite stays fast in debug builds; one
/// test exercises the production parameters.
pub const TEST_HASH: HashParams = HashParams {
    m_cost_kib: 64,
    t_cost: 1,
    p_cost: 1,
};

pub fn users(db: &Db) -> Users {
    Users::with_hash_params(db.clone(), TEST_HASH)
}

pub struct TestDb {
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
}

impl TestDb {
    pub async fn cleanup(self) {
        self.db.close().await;
        if let Some((base, schema)) = self.schema {
            let admin = connect_raw(&base).await;
            sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
        }
    }
}

async fn connect_raw(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .unwrap()
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist yet: connect must create it.
    let url = format!("sqlite://{}/data/pexdesk.db", dir.path().display());
    let db = Db::connect(&url).await.unwrap();
    assert!(dir.path().join("data/pexdesk.db").is_file());
    assert_eq!(db.backend(), Backend::Sqlite);
    // Sessions are read in place: every session test below goes that way on SQLite.
    assert!(db.reads_in_place());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    TestDb {
        db,
        _dir: Some(dir),
        schema: None,
    }
}

pub async fn postgres(base: &str) -> TestDb {
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let admin = connect_raw(base).await;
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
    let db = Db::connect_with(&url, 3).await.unwrap();
    assert_eq!(db.backend(), Backend::Postgres);
    assert!(!db.reads_in_place());
    TestDb {
        db,
        _dir: None,
        schema: Some((base.to_owned(), schema)),
    }
}

/// SQLite always; PostgreSQL too when PEXDESK_TEST_DATABASE_URL is set.
pub async fn backends() -> Vec<TestDb> {
    let mut out = vec![sqlite().await];
    if let Ok(url) = std::env::var("PEXDESK_TEST_DATABASE_URL") {
        if !url.trim().is_empty() {
            out.push(postgres(url.trim()).await);
        }
    }
    out
}

/// Runs the body once per backend with `$db: Db` bound.
macro_rules! each_backend {
    (|$db:ident| $body:block) => {{
        for tdb in crate::common::backends().await {
            let $db = tdb.db.clone();
            eprintln!("backend: {:?}", $db.backend());
            $body
            tdb.cleanup().await;
        }
    }};
}
