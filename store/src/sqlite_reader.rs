//! Reads of the SQLite file in place, on the caller's thread, for the one query every
//! request makes: its session and the session's account.
//!
//! sqlx runs each SQLite connection on a thread of its own, so every query through the
//! pool crosses threads twice (the query there, the rows back), and each crossing wakes a
//! sleeping thread. For the session read that is most of its cost: about 90 µs of wake-ups
//! around 10 µs of SQLite, on every page and server call. This reads the same file with
//! rusqlite (the same SQLite library, linked once) where the request already runs.
//!
//! Why blocking there is fine: the database is in WAL mode, where a reader never waits
//! for a writer (it sees the last commit), and the read is a primary-key lookup on pages
//! that are in memory after the first request. The busy timeout is zero: should SQLite
//! ever ask this reader to wait (a WAL recovery after a crash), it fails at once and the
//! caller asks the pool instead. Connections are opened read-only in behaviour
//! (`query_only`), kept for reuse, and never shared between threads at the same time.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Params, Row};

/// Idle connections kept for reuse; more are opened when requests overlap, and closed
/// when they are put back beyond this.
const KEEP_IDLE: usize = 8;

/// Why a read in place could not answer; the caller then asks the pool.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadInPlaceError {
    /// SQLite refused or failed (busy included).
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// Outside WAL a reader can wait for a writer; the pool does that off-thread.
    #[error("the database is not in WAL mode")]
    NotWal,
}

/// In-place readers of one SQLite file.
pub(crate) struct SqliteReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteReader").finish_non_exhaustive()
    }
}

impl SqliteReader {
    /// Readers of the database file at `path`, which must exist and be in WAL mode (the
    /// pool made it so); `None` when a first connection cannot be opened, so every read
    /// goes through the pool.
    pub(crate) fn open(path: &Path) -> Option<SqliteReader> {
        let reader = SqliteReader {
            path: path.to_owned(),
            idle: Mutex::new(Vec::new()),
        };
        match reader.connect() {
            Ok(conn) => {
                reader.put_back(conn);
                Some(reader)
            }
            Err(err) => {
                tracing::debug!(error = %err, "in-place SQLite reads are off");
                None
            }
        }
    }

    fn connect(&self) -> Result<Connection, ReadInPlaceError> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::ZERO)?;
        conn.pragma_update(None, "query_only", true)?;
        let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(ReadInPlaceError::NotWal);
        }
        Ok(conn)
    }

    fn take(&self) -> Result<Connection, ReadInPlaceError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match idle {
            Some(conn) => Ok(conn),
            None => self.connect(),
        }
    }

    fn put_back(&self, conn: Connection) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < KEEP_IDLE {
                idle.push(conn);
            }
        }
    }

    /// The first row of `sql` (cached as a prepared statement), mapped by `map`; `Ok(None)`
    /// when there is none. Any error (busy included) is the caller's cue to use the pool.
    pub(crate) fn query_optional<T, P, F>(
        &self,
        sql: &str,
        params: P,
        map: F,
    ) -> Result<Option<T>, ReadInPlaceError>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        let conn = self.take()?;
        let found = conn
            .prepare_cached(sql)
            .and_then(|mut statement| statement.query_row(params, map).optional());
        // A connection whose query failed is dropped: the next one starts clean.
        if found.is_ok() {
            self.put_back(conn);
        }
        Ok(found?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wal_file(dir: &Path) -> PathBuf {
        let path = dir.join("x.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "wal").unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
            .unwrap();
        path
    }

    #[test]
    fn reads_what_another_connection_committed_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = wal_file(dir.path());
        let writer = Connection::open(&path).unwrap();
        let reader = SqliteReader::open(&path).unwrap();
        let read = |id: i64| {
            reader
                .query_optional("SELECT v FROM t WHERE id = $1", [id], |row| {
                    row.get::<_, String>(0)
                })
                .unwrap()
        };
        assert_eq!(read(1), None);
        writer.execute("INSERT INTO t VALUES (1, 'a')", []).unwrap();
        assert_eq!(read(1).as_deref(), Some("a"));
        writer
            .execute("UPDATE t SET v = 'b' WHERE id = 1", [])
            .unwrap();
        assert_eq!(read(1).as_deref(), Some("b"));
        // One connection, reused.
        assert_eq!(reader.idle.lock().unwrap().len(), 1);
    }

    #[test]
    fn never_writes_and_reports_errors_instead_of_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = wal_file(dir.path());
        let reader = SqliteReader::open(&path).unwrap();
        let write =
            reader.query_optional("INSERT INTO t VALUES (2, 'x') RETURNING id", [], |row| {
                row.get::<_, i64>(0)
            });
        assert!(write.is_err(), "{write:?}");
        let missing =
            reader.query_optional("SELECT v FROM nope", [], |row| row.get::<_, String>(0));
        assert!(missing.is_err());
        // A writer holding its transaction open does not make the reader wait.
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch("BEGIN IMMEDIATE; INSERT INTO t VALUES (3, 'c');")
            .unwrap();
        let read = reader
            .query_optional("SELECT v FROM t WHERE id = 3", [], |row| {
                row.get::<_, String>(0)
            })
            .unwrap();
        assert_eq!(read, None, "uncommitted rows are not seen");
    }

    #[test]
    fn only_wal_files_are_read_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rollback.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY)")
            .unwrap();
        assert!(SqliteReader::open(&path).is_none());
        assert!(SqliteReader::open(&dir.path().join("missing.db")).is_none());
    }
}
