//! Portal accounts (admin only): create, change role, reset password, disable, delete,
//! and see or end a person's sessions.

pub mod api;
mod page;
mod row;

pub use page::UsersPage;

use serde::{Deserialize, Serialize};

use crate::auth::Role;

/// One portal account as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
    pub last_login_at: Option<String>,
    /// The account's live sessions.
    pub sessions: Vec<SessionRow>,
}

/// One live session of an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub handle: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub client_addr: Option<String>,
    pub user_agent: Option<String>,
}
