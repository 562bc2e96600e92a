//! Hosting the live meeting on one of my rooms: who is in it, who waits, and the host's
//! controls. Every control is a small form, so it works without JavaScript too.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{
    live_api::{my_meeting, ActOnAttendee, ActOnMeeting},
    Attendee, LiveMeeting,
};
use crate::{
    auth::Role,
    error::{AppError, ErrorPage},
    ui::gate::RoleGate,
};

/// `/my-rooms/:id/meeting`
#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())));
    let attendee = ServerAction::<ActOnAttendee>::new();
    let whole = ServerAction::<ActOnMeeting>::new();
    let meeting = Resource::new(
        move || (id.get(), attendee.version().get() + whole.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => my_meeting(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let failed = move || {
        [attendee.value().get(), whole.value().get()]
            .into_iter()
            .flatten()
            .filter_map(Result::err)
            .next()
            .map(|e| e.to_string())
    };
    view! {
        <RoleGate role=Role::User children=move |_| view! {
                <Transition fallback=|| view! { <p class="text-muted">"Loading the meeting…"</p> }>
                    {move || meeting.get().map(|r| match r {
                        Ok(m) => view! { <Meeting m attendee whole /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    })}
                </Transition>
                <p role="alert" class="mt-3 text-sm text-red-700 dark:text-red-300">{failed}</p>
        } />
    }
}

#[component]
fn Meeting(
    m: LiveMeeting,
    attendee: ServerAction<ActOnAttendee>,
    whole: ServerAction<ActOnMeeting>,
) -> impl IntoView {
    let room_id = m.room.id;
    let title = format!("Meeting in {}", m.room.name);
    let refresh = format!("/my-rooms/{room_id}/meeting");
    view! {
        <Title text=title.clone() />
        <nav aria-label="Breadcrumb" class="text-sm text-muted">
            <a href="/my-rooms" class="hover:underline">"My rooms"</a>" / "
        </nav>
        <div class="mt-1 flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-bold tracking-tight">{title}</h1>
            <a class="btn-secondary" href=refresh>"Refresh"</a>
        </div>
        {match m.meeting {
            None => view! {
                <p class="mt-4 rounded-lg border border-dashed border-line p-6 text-muted" role="status">
                    "Nobody is in this room right now. When someone joins, the meeting shows here."
                </p>
            }.into_any(),
            Some(state) => {
                let waiting = m.attendees.iter().filter(|a| a.waiting).count();
                let summary = format!(
                    "{} in the meeting{}{}",
                    m.attendees.len() - waiting,
                    if waiting > 0 { format!(", {waiting} waiting to be let in") } else { String::new() },
                    if state.locked { " · locked" } else { "" },
                );
                let (lock, lock_label) = if state.locked { ("unlock", "Unlock the meeting") } else { ("lock", "Lock the meeting") };
                let (mute, mute_label) = if state.guests_muted { ("unmute_guests", "Unmute all Guests") } else { ("mute_guests", "Mute all Guests") };
                view! {
                    <p class="mt-2 text-sm" role="status">{summary}</p>
                    <div class="mt-3 flex flex-wrap gap-2">
                        <MeetingButton whole room_id action=lock label=lock_label danger=false />
                        <MeetingButton whole room_id action=mute label=mute_label danger=false />
                        <MeetingButton whole room_id action="end" label="End the meeting for everyone" danger=true />
                    </div>
                    <ul class="mt-4 divide-y divide-line rounded-lg border border-line" aria-label="Attendees">
                        {m.attendees.into_iter().map(|a| view! { <AttendeeRow a room_id attendee /> }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

#[component]
fn MeetingButton(
    whole: ServerAction<ActOnMeeting>,
    room_id: i64,
    action: &'static str,
    label: &'static str,
    danger: bool,
) -> impl IntoView {
    view! {
        <ActionForm action=whole>
            <input type="hidden" name="room_id" value=room_id.to_string() />
            <input type="hidden" name="action" value=action />
            <button type="submit" class=if danger { "btn-danger" } else { "btn-secondary" }>{label}</button>
        </ActionForm>
    }
}

#[component]
fn AttendeeRow(a: Attendee, room_id: i64, attendee: ServerAction<ActOnAttendee>) -> impl IntoView {
    let role = if a.role == "chair" { "Host" } else { "Guest" };
    let detail = format!(
        "{role} · {}{}{}",
        a.protocol,
        if a.muted { " · muted" } else { "" },
        if a.waiting {
            " · waiting to be let in"
        } else {
            ""
        }
    );
    let mut actions: Vec<(&'static str, String)> = Vec::new();
    if a.waiting {
        actions.push(("admit", format!("Let {} in", a.name)));
    }
    actions.push(if a.muted {
        ("unmute", format!("Unmute {}", a.name))
    } else {
        ("mute", format!("Mute {}", a.name))
    });
    actions.push(if a.role == "chair" {
        ("make_guest", format!("Make {} a Guest", a.name))
    } else {
        ("make_host", format!("Make {} a Host", a.name))
    });
    actions.push(("disconnect", format!("Disconnect {}", a.name)));
    let id = a.id.clone();
    view! {
        <li class="flex flex-wrap items-center gap-2 p-3" aria-label=a.name.clone()>
            <span class="grow text-sm">
                <span class="font-medium">{a.name.clone()}</span>
                <span class="block text-xs text-muted">{detail}</span>
            </span>
            {actions.into_iter().map(|(action, label)| {
                let id = id.clone();
                let short = match action {
                    "admit" => "Let in",
                    "unmute" => "Unmute",
                    "mute" => "Mute",
                    "make_guest" => "Make Guest",
                    "make_host" => "Make Host",
                    _ => "Disconnect",
                };
                let class = if action == "disconnect" { "btn-danger" } else { "btn-secondary" };
                view! {
                    <ActionForm action=attendee>
                        <input type="hidden" name="room_id" value=room_id.to_string() />
                        <input type="hidden" name="participant_id" value=id />
                        <input type="hidden" name="action" value=action />
                        <button type="submit" class=class aria-label=label>{short}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </li>
    }
}
