//! The server-side services every server function may reach, provided as context by the
//! server binary. Only the guard (`auth::guard`) hands them out.

use std::{sync::Arc, time::Duration};

use pexdesk_store::{AuditLog, LoginThrottle, SessionStore, Users};
use pexip_api::client::Client;

use crate::lookups::Lookups;

/// Session lifetimes.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// A session unused for this long ends (enforced by the cookie and the store).
    pub idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub absolute: Duration,
}

/// pexdesk's own services. Cheap to clone.
#[derive(Clone)]
pub struct Portal {
    pub users: Users,
    pub sessions: SessionStore,
    pub audit: AuditLog,
    pub throttle: Arc<LoginThrottle>,
    pub session_policy: SessionPolicy,
    /// The Management Node client. Reach it only through `Capability::upstream`.
    pub upstream: Client,
    /// Themes and locations for the forms, cached briefly.
    pub lookups: Arc<Lookups>,
}
