//! `command/v1/conference/*` on a conference in progress: disconnect, lock, unlock,
//! mute_guests, unmute_guests, transform_layout.

use super::{Args, Body, CommandDef, CommandError, Reply};
use crate::engine::field::{DefaultValue as D, FieldDef as F};
use crate::engine::resource::ResourceDef;
use crate::live::conference;
use crate::state::AppState;
use serde_json::json;

/// Layouts `transform_layout` accepts (Pexip's layout names).
pub const LAYOUTS: &[&str] = &[
    "1:0",
    "1:7",
    "1:21",
    "2:21",
    "1:33",
    "4:0",
    "5:7",
    "9:0",
    "16:0",
    "25:0",
    "ac",
    "ac_presentation_in_mix",
    "ac_presentation_in_mix_group",
    "teams",
];

fn conference_id() -> F {
    F::required_text("conference_id", 200).help("The conference instance (its status id).")
}

fn layout(name: &'static str) -> F {
    let mut f = F::choice(name, LAYOUTS, "").nullable().default_to(D::Null);
    f.blank = true;
    f
}

/// The conference-scope commands on a conference in progress.
pub fn commands() -> Vec<CommandDef> {
    let one =
        |name, run| CommandDef::new("conference", name, Body::Form, vec![conference_id()], run);
    vec![
        one("disconnect", disconnect),
        one("lock", lock),
        one("unlock", unlock),
        one("mute_guests", mute_guests),
        one("unmute_guests", unmute_guests),
        CommandDef::new(
            "conference",
            "transform_layout",
            Body::Form,
            vec![
                conference_id(),
                layout("layout").help("The layout for everyone, e.g. 4:0 or 1:7."),
                layout("host_layout"),
                layout("guest_layout"),
                F::boolean("enable_overlay_text", false)
                    .nullable()
                    .default_to(D::Null),
                F::text("free_form_overlay_text", 250),
            ],
            transform_layout,
        ),
    ]
}

fn disconnect(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("conference_id");
    state.live(|l| conference::disconnect(l, &id, "Disconnected by an administrator"))?;
    Ok(Reply::Success(json!({})))
}

fn lock(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("conference_id");
    state.live(|l| conference::set_locked(l, &id, true))?;
    Ok(Reply::Success(json!({})))
}

fn unlock(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("conference_id");
    state.live(|l| conference::set_locked(l, &id, false))?;
    Ok(Reply::Success(json!({})))
}

fn mute_guests(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("conference_id");
    state.live(|l| conference::set_guests_muted(l, &id, true))?;
    Ok(Reply::Success(json!({})))
}

fn unmute_guests(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("conference_id");
    state.live(|l| conference::set_guests_muted(l, &id, false))?;
    Ok(Reply::Success(json!({})))
}

fn transform_layout(
    state: &AppState,
    _def: &ResourceDef,
    args: Args,
) -> Result<Reply, CommandError> {
    let id = args.text("conference_id");
    state.live(|l| {
        conference::transform_layout(
            l,
            &id,
            args.opt_text("layout").as_deref(),
            args.opt_text("host_layout").as_deref(),
            args.opt_text("guest_layout").as_deref(),
            args.opt_flag("enable_overlay_text"),
        )
    })?;
    Ok(Reply::Success(json!({})))
}
