//! Server functions of My rooms. Each starts with the guard; a `user` only ever reaches
//! services whose `primary_owner_email_address` is their own email (case-insensitive).

use leptos::prelude::*;

use super::Room;
use crate::error::AppError;

/// The signed-in person's own rooms (one filtered upstream request).
#[server(endpoint = "my-rooms/list", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_my_rooms() -> Result<Vec<Room>, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::User).await?;
    ssr::list(&cap).await
}

/// One room, if the caller may see it: its owner, or helpdesk and admin. Anyone else gets
/// "not found", so guessing ids reveals nothing.
#[server(endpoint = "my-rooms/get", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_my_room(id: i64) -> Result<Room, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::User).await?;
    ssr::get(&cap, id).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use pexip_api::{
        config::{Conference, ConferenceId},
        Query, Specifier,
    };

    use super::*;
    use crate::{
        auth::{guard::Capability, Role},
        error::upstream_error,
    };

    /// Rooms per request; an owner with more sees the first page.
    const LIMIT: u32 = 200;

    fn room(c: Conference) -> Room {
        Room {
            id: c.id.0,
            name: c.name,
            description: c.description,
            service_type: c.service_type.to_string(),
            aliases: c.aliases.into_iter().map(|a| a.alias).collect(),
            host_pin_set: !c.pin.is_empty(),
            guest_pin_set: !c.guest_pin.is_empty(),
            allow_guests: c.allow_guests,
            owner: c.primary_owner_email_address,
        }
    }

    /// Whether the actor may see this service.
    pub fn may_see(cap: &Capability, owner: &str) -> bool {
        let me = cap.actor();
        me.role.allows(Role::Helpdesk) || owner.eq_ignore_ascii_case(&me.email)
    }

    pub async fn list(cap: &Capability) -> Result<Vec<Room>, AppError> {
        let query = Query::new()
            .filter(
                "primary_owner_email_address",
                Specifier::IExact,
                cap.actor().email.as_str(),
            )
            .order_by("name", pexip_api::Order::Asc)
            .limit(LIMIT);
        let page = cap
            .upstream()
            .list::<Conference>(&query)
            .await
            .map_err(upstream_error)?;
        Ok(page.objects.into_iter().map(room).collect())
    }

    pub async fn get(cap: &Capability, id: i64) -> Result<Room, AppError> {
        let conference = cap
            .upstream()
            .get::<Conference>(&ConferenceId(id))
            .await
            .map_err(upstream_error)?;
        if !may_see(cap, &conference.primary_owner_email_address) {
            tracing::warn!(actor = %cap.actor().email, id, "refused a room the user does not own");
            return Err(AppError::NotFound.respond());
        }
        Ok(room(conference))
    }
}
