//! The connection pool, backend selection and migrations.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

use crate::sqlite_reader::SqliteReader;
use crate::StoreError;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, the embedded default.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// A connection pool plus the backend it talks to, and for a SQLite file, readers of it
/// in place (see `sqlite_reader`). Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    reader: Option<Arc<SqliteReader>>,
}

/// Shows the backend only: never the URL, which may hold a password.
impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

impl Db {
    /// Connects to `url` and applies the migrations.
    ///
    /// `sqlite://path/to/file.db` creates the file and its folder when
    /// missing and switches the database to WAL mode with foreign keys on;
    /// `postgres://…` (or `postgresql://…`) connects to PostgreSQL.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        Self::connect_with(url, 10).await
    }

    /// As [`Db::connect`], with an explicit pool size.
    pub async fn connect_with(url: &str, max_connections: u32) -> Result<Db, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let (url, file) = match backend {
            Backend::Sqlite => prepare_sqlite(url)?,
            Backend::Postgres => (url.to_owned(), None),
        };
        let options: AnyConnectOptions = url.parse().map_err(StoreError::Database)?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            // A ping before every checkout doubles each query's round trips. A SQLite file
            // connection cannot go stale; a PostgreSQL one can (a restart, a failover), so
            // there the ping stays.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        if backend == Backend::Sqlite {
            // Persistent in the file; a no-op ("memory") for in-memory databases.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await.map_err(StoreError::Migration)?;
        let reader = file
            .and_then(|path| SqliteReader::open(&path))
            .map(Arc::new);
        tracing::debug!(
            ?backend,
            in_place_reads = reader.is_some(),
            "database ready"
        );
        Ok(Db {
            pool,
            backend,
            reader,
        })
    }

    /// The engine behind this pool.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether reads of a SQLite file can be made in place (always, once it is in WAL
    /// mode; never for PostgreSQL or an in-memory database).
    pub fn reads_in_place(&self) -> bool {
        self.reader.is_some()
    }

    /// The in-place reader of a SQLite file, if any.
    pub(crate) fn reader(&self) -> Option<&SqliteReader> {
        self.reader.as_deref()
    }

    /// The underlying pool, for callers that need a raw query.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes every connection; later queries fail.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn backend_of(url: &str) -> Result<Backend, StoreError> {
    let scheme = url
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match scheme.as_str() {
        "sqlite" => Ok(Backend::Sqlite),
        "postgres" | "postgresql" => Ok(Backend::Postgres),
        _ => Err(StoreError::UnsupportedUrl),
    }
}

/// Creates the SQLite file's folder and asks SQLite to create the file. Returns the URL
/// to connect to, and the file's path unless the database is in memory.
fn prepare_sqlite(url: &str) -> Result<(String, Option<PathBuf>), StoreError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or(StoreError::UnsupportedUrl)?;
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let in_memory = path == ":memory:" || path.is_empty();
    if !in_memory {
        if let Some(parent) = Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(StoreError::Io)?;
            }
        }
    }
    let has_mode = query.is_some_and(|q| q.split('&').any(|kv| kv.starts_with("mode=")));
    let memory_mode = query.is_some_and(|q| q.split('&').any(|kv| kv == "mode=memory"));
    let url = match (query, has_mode || in_memory) {
        (_, true) => url.to_owned(),
        (Some(_), false) => format!("{url}&mode=rwc"),
        (None, false) => format!("{url}?mode=rwc"),
    };
    let file = (!in_memory && !memory_mode).then(|| PathBuf::from(path));
    Ok((url, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(backend_of("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(backend_of("postgresql://h/db").unwrap(), Backend::Postgres);
        assert!(backend_of("mysql://h/db").is_err());
    }

    #[test]
    fn sqlite_url_gets_rwc() {
        let dir = std::env::temp_dir().join(format!("pexdesk-store-{}", uuid::Uuid::new_v4()));
        let url = format!("sqlite://{}/sub/x.db", dir.display());
        assert_eq!(
            prepare_sqlite(&url).unwrap(),
            (format!("{url}?mode=rwc"), Some(dir.join("sub/x.db")))
        );
        assert!(dir.join("sub").is_dir());
        std::fs::remove_dir_all(dir).unwrap();
        assert_eq!(
            prepare_sqlite("sqlite::memory:").unwrap(),
            ("sqlite::memory:".to_owned(), None)
        );
        assert_eq!(prepare_sqlite("sqlite://x.db?mode=memory").unwrap().1, None);
    }
}
