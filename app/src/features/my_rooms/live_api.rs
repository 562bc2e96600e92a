//! Server functions that let a room's owner host the live meeting on it. Every call
//! checks, on the server, that the room is the caller's and that the participant is in
//! that room's meeting; anything else answers "not found", so guessing ids reveals nothing.

use leptos::prelude::*;

use super::{AttendeeAction, LiveMeeting, MeetingAction};
use crate::error::AppError;

/// The meeting running on one of the caller's rooms, with its attendees.
#[server(endpoint = "my-rooms/meeting", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_meeting(room_id: i64) -> Result<LiveMeeting, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::User).await?;
    ssr::meeting(&cap, room_id).await
}

/// Acts on one attendee of the meeting on one of the caller's rooms.
#[server(endpoint = "my-rooms/meeting/attendee")]
pub async fn act_on_attendee(
    room_id: i64,
    participant_id: String,
    action: AttendeeAction,
) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::User).await?;
    ssr::attendee(&cap, room_id, participant_id, action).await
}

/// Acts on the whole meeting on one of the caller's rooms.
#[server(endpoint = "my-rooms/meeting/act")]
pub async fn act_on_meeting(room_id: i64, action: MeetingAction) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::User).await?;
    ssr::whole(&cap, room_id, action).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use pexip_api::{
        choice::Role as CallRole,
        status::{Conference as LiveConference, Participant, ParticipantId},
        Query,
    };
    use serde_json::json;

    use super::*;
    use crate::{
        auth::guard::{AuditChange, Capability},
        error::upstream_error,
        features::my_rooms::{api::ssr::get as owned_room, Attendee, MeetingState, Room},
    };

    /// The most attendees shown.
    const LIMIT: u32 = 500;

    fn back(room_id: i64) {
        crate::auth::finish_at(format!("/my-rooms/{room_id}/meeting"));
    }

    async fn running(cap: &Capability, room: &Room) -> Result<Option<LiveConference>, AppError> {
        let q = Query::new().eq("name", &room.name).limit(1);
        Ok(cap
            .upstream()
            .list::<LiveConference>(&q)
            .await
            .map_err(upstream_error)?
            .objects
            .into_iter()
            .next())
    }

    pub async fn meeting(cap: &Capability, room_id: i64) -> Result<LiveMeeting, AppError> {
        let room = owned_room(cap, room_id).await?;
        let Some(conference) = running(cap, &room).await? else {
            return Ok(LiveMeeting {
                room,
                meeting: None,
                attendees: Vec::new(),
            });
        };
        let q = Query::new()
            .eq("conference", &room.name)
            .order_by("connect_time", pexip_api::Order::Asc)
            .limit(LIMIT);
        let people = cap
            .upstream()
            .list::<Participant>(&q)
            .await
            .map_err(upstream_error)?;
        Ok(LiveMeeting {
            meeting: Some(MeetingState {
                id: conference.id.0,
                started: conference
                    .start_time
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                locked: conference.is_locked,
                guests_muted: conference.guests_muted,
            }),
            attendees: people
                .objects
                .into_iter()
                .map(|p| Attendee {
                    id: p.id.0,
                    name: if p.display_name.is_empty() {
                        p.source_alias
                    } else {
                        p.display_name
                    },
                    role: p.role.to_string(),
                    muted: p.is_muted,
                    waiting: p.is_on_hold,
                    protocol: p.protocol,
                    since: p.connect_time.map(|t| t.to_string()).unwrap_or_default(),
                })
                .collect(),
            room,
        })
    }

    pub async fn attendee(
        cap: &Capability,
        room_id: i64,
        participant_id: String,
        action: AttendeeAction,
    ) -> Result<(), AppError> {
        let room = owned_room(cap, room_id).await?;
        let id = ParticipantId(participant_id);
        let person = cap
            .upstream()
            .get::<Participant>(&id)
            .await
            .map_err(upstream_error)?;
        if person.conference != room.name {
            tracing::warn!(actor = %cap.actor().email, room_id, "refused a participant of another meeting");
            return Err(AppError::NotFound.respond());
        }
        let client = cap.upstream();
        let result = match action {
            AttendeeAction::Mute => client.mute_participant(&id).await,
            AttendeeAction::Unmute => client.unmute_participant(&id).await,
            AttendeeAction::Admit => client.unlock_participant(&id).await,
            AttendeeAction::MakeHost => client.change_participant_role(&id, CallRole::Chair).await,
            AttendeeAction::MakeGuest => client.change_participant_role(&id, CallRole::Guest).await,
            AttendeeAction::Disconnect => client.disconnect_participant(&id).await,
        };
        let action_name = serde_json::to_value(action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let entry = AuditChange::success(
            &format!("meeting.participant.{action_name}"),
            format!(
                "participant {} in room {} (#{room_id})",
                person.display_name, room.name
            ),
        )
        .diff(None, Some(json!({ "participant_id": id.0 })));
        crate::features::services::api::audited(cap, entry, result).await?;
        back(room_id);
        Ok(())
    }

    pub async fn whole(
        cap: &Capability,
        room_id: i64,
        action: MeetingAction,
    ) -> Result<(), AppError> {
        let room = owned_room(cap, room_id).await?;
        let Some(conference) = running(cap, &room).await? else {
            return Err(AppError::BadRequest {
                message: "Nobody is in this room right now.".into(),
            }
            .respond());
        };
        let id = conference.id.clone();
        let client = cap.upstream();
        let result = match action {
            MeetingAction::Lock => client.lock_conference(&id).await,
            MeetingAction::Unlock => client.unlock_conference(&id).await,
            MeetingAction::MuteGuests => client.mute_guests(&id).await,
            MeetingAction::UnmuteGuests => client.unmute_guests(&id).await,
            MeetingAction::End => client.disconnect_conference(&id).await,
        };
        let action_name = serde_json::to_value(action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let entry = AuditChange::success(
            &format!("meeting.{action_name}"),
            format!("meeting in room {} (#{room_id})", room.name),
        );
        crate::features::services::api::audited(cap, entry, result).await?;
        back(room_id);
        Ok(())
    }
}
