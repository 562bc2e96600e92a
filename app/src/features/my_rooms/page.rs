//! The My rooms page: cards that read well on a phone.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{api::list_my_rooms, service_type_label, Room};
use crate::{auth::Role, ui::gate::RoleGate};

/// The signed-in person's rooms.
#[component]
pub fn MyRoomsPage() -> impl IntoView {
    let rooms = Resource::new(|| (), |_| list_my_rooms());
    view! {
        <RoleGate role=Role::User children=move |me| view! {
                <Title text="My rooms" />
                <h1 class="text-2xl font-bold tracking-tight">"My rooms"</h1>
                <p class="mt-1 text-muted">{format!("Services owned by {}.", me.email)}</p>
                <Transition fallback=|| view! { <p class="mt-6 text-muted">"Loading your rooms…"</p> }>
                    {move || rooms.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! {
                            <p class="mt-6 rounded-lg border border-dashed border-line p-6 text-muted" role="status">
                                "You do not own any rooms yet. Ask your helpdesk to create one with your email as its owner."
                            </p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="mt-6 grid gap-3 md:grid-cols-2" aria-label="My rooms">
                                {list.into_iter().map(|room| view! { <RoomCard room /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! {
                            <p role="alert" class="mt-6 rounded-lg border border-red-500/40 p-4 text-sm">{e.to_string()}</p>
                        }.into_any(),
                    })}
                </Transition>
        } />
    }
}

#[component]
fn RoomCard(room: Room) -> impl IntoView {
    let pin = match (room.host_pin_set, room.guest_pin_set) {
        (false, _) => "No PIN",
        (true, false) => "Host PIN set",
        (true, true) => "Host and guest PINs set",
    };
    let guests = if room.allow_guests {
        "Guests allowed"
    } else {
        "No guests"
    };
    view! {
        <li class="rounded-lg border border-line p-4" aria-label=room.name.clone()>
            <p class="font-semibold">{room.name.clone()}</p>
            <p class="text-sm text-muted">{service_type_label(&room.service_type).to_owned()}</p>
            {(!room.description.is_empty()).then(|| view! { <p class="mt-1 text-sm">{room.description.clone()}</p> })}
            <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt class="text-muted">"Dial"</dt>
                <dd>
                    <ul>
                        {room.aliases.into_iter().map(|a| view! { <li class="break-all font-mono">{a}</li> }).collect_view()}
                    </ul>
                </dd>
                <dt class="text-muted">"PIN"</dt>
                <dd>{pin}</dd>
                <dt class="text-muted">"Guests"</dt>
                <dd>{guests}</dd>
            </dl>
            <a class="btn-secondary mt-3" href=format!("/my-rooms/{}/meeting", room.id)
                aria-label=format!("Host the meeting in {}", room.name)>"Host the meeting"</a>
        </li>
    }
}
