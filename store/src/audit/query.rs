//! Audit log filters and pagination.

use time::OffsetDateTime;

use super::{AuditEntry, Outcome};
use crate::time_util::{from_ms, to_ms};
use crate::{Db, StoreError};

/// The largest page a query returns.
pub const MAX_LIMIT: u32 = 200;

/// Filters and a page window. All filters are optional and combine with AND.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditQuery {
    /// Substring of the actor's email, case-insensitive.
    pub actor: Option<String>,
    /// Prefix of the action, case-insensitive ("user." matches "user.create").
    pub action: Option<String>,
    /// Substring of the target, case-insensitive.
    pub target: Option<String>,
    /// Entries at or after this time.
    pub from: Option<OffsetDateTime>,
    /// Entries at or before this time.
    pub to: Option<OffsetDateTime>,
    /// Entries to skip (newest first).
    pub offset: u64,
    /// Page size, capped at 200.
    pub limit: u32,
}

impl Default for AuditQuery {
    fn default() -> Self {
        AuditQuery {
            actor: None,
            action: None,
            target: None,
            from: None,
            to: None,
            offset: 0,
            limit: 50,
        }
    }
}

/// One page of results.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AuditPage {
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// How many entries match the filters in all.
    pub total: u64,
}

enum Bind {
    Text(String),
    Int(i64),
}

/// A WHERE clause with `$N` placeholders and its values.
pub(super) struct Filter {
    sql: String,
    binds: Vec<Bind>,
}

fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().to_lowercase().chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Filter {
    pub(super) fn new(q: &AuditQuery) -> Filter {
        let mut f = Filter {
            sql: String::new(),
            binds: Vec::new(),
        };
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        if let Some(a) = nonempty(&q.actor) {
            f.push(
                "LOWER(actor_email) LIKE",
                Bind::Text(format!("%{}%", like_escape(&a))),
                true,
            );
        }
        if let Some(a) = nonempty(&q.action) {
            f.push(
                "LOWER(action) LIKE",
                Bind::Text(format!("{}%", like_escape(&a))),
                true,
            );
        }
        if let Some(t) = nonempty(&q.target) {
            f.push(
                "LOWER(target) LIKE",
                Bind::Text(format!("%{}%", like_escape(&t))),
                true,
            );
        }
        if let Some(from) = q.from {
            f.push("at >=", Bind::Int(to_ms(from)), false);
        }
        if let Some(to) = q.to {
            f.push("at <=", Bind::Int(to_ms(to)), false);
        }
        f
    }

    fn push(&mut self, lhs: &str, bind: Bind, like: bool) {
        self.sql.push_str(if self.sql.is_empty() {
            " WHERE "
        } else {
            " AND "
        });
        self.binds.push(bind);
        self.sql.push_str(&format!("{lhs} ${}", self.binds.len()));
        if like {
            self.sql.push_str(" ESCAPE '\\'");
        }
    }

    /// Adds `id < $N` (for keyset paging).
    pub(super) fn before_id(&mut self, id: i64) {
        self.push("id <", Bind::Int(id), false);
    }

    fn next(&self) -> usize {
        self.binds.len() + 1
    }

    fn bind_all<'q>(
        &'q self,
        mut query: sqlx::query::QueryAs<'q, sqlx::Any, Row, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, Row, sqlx::any::AnyArguments<'q>> {
        for b in &self.binds {
            query = match b {
                Bind::Text(s) => query.bind(s.as_str()),
                Bind::Int(i) => query.bind(*i),
            };
        }
        query
    }
}

type Row = (
    i64,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

const COLUMNS: &str =
    "id, at, actor_id, actor_email, actor_role, client_addr, action, target, outcome, diff, detail";

fn entry(r: Row) -> Result<AuditEntry, StoreError> {
    let (
        id,
        at,
        actor_id,
        actor_email,
        actor_role,
        client_addr,
        action,
        target,
        outcome,
        diff,
        detail,
    ) = r;
    Ok(AuditEntry {
        id,
        at: from_ms(at)?,
        actor_id,
        actor_email,
        actor_role: actor_role.and_then(|r| r.parse().ok()),
        client_addr,
        action,
        target,
        outcome: Outcome::parse(&outcome)?,
        diff: diff
            .map(|d| serde_json::from_str(&d))
            .transpose()
            .map_err(|_| StoreError::Corrupt("diff".into()))?,
        detail,
    })
}

/// Rows matching `f`, ordered by `order`, at most `limit` from `offset`.
pub(super) async fn fetch(
    db: &Db,
    f: &Filter,
    order: &str,
    limit: u32,
    offset: u64,
) -> Result<Vec<AuditEntry>, StoreError> {
    let n = f.next();
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log{} ORDER BY {order} LIMIT ${n} OFFSET ${}",
        f.sql,
        n + 1
    );
    let rows: Vec<Row> = f
        .bind_all(sqlx::query_as(&sql))
        .bind(i64::from(limit))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(db.pool())
        .await?;
    rows.into_iter().map(entry).collect()
}

pub(super) async fn page(db: &Db, q: &AuditQuery) -> Result<AuditPage, StoreError> {
    let f = Filter::new(q);
    let count_sql = format!("SELECT COUNT(*) FROM audit_log{}", f.sql);
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for b in &f.binds {
        count = match b {
            Bind::Text(s) => count.bind(s.as_str()),
            Bind::Int(i) => count.bind(*i),
        };
    }
    let total = count.fetch_one(db.pool()).await?;
    let limit = q.limit.clamp(1, MAX_LIMIT);
    let entries = fetch(db, &f, "at DESC, id DESC", limit, q.offset).await?;
    Ok(AuditPage {
        entries,
        total: u64::try_from(total).unwrap_or(0),
    })
}
