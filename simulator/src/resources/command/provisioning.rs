//! Provisioning commands of the conference scope: `sync` (runs an LDAP sync template and
//! records it in `status/v1/conference_sync/`), `send_conference_email` (to a VMR's owner) and
//! `send_device_email` (to a device's owner). pexsim sends no mail; it checks that the objects
//! exist and can be mailed, and answers as the node does.

use super::{Args, Body, CommandDef, CommandError, Reply};
use crate::engine::field::{DefaultValue as D, FieldDef as F};
use crate::engine::resource::{ResourceDef, RowKey};
use crate::live::rows::{row, Fields};
use crate::live::{config, status, LiveError};
use crate::state::AppState;
use serde_json::json;

fn template(required: bool) -> F {
    let f = F::integer("conference_sync_template_id", D::Null).help("An LDAP sync template id.");
    if required {
        f.required()
    } else {
        f
    }
}

/// The provisioning commands of the conference scope.
pub fn commands() -> Vec<CommandDef> {
    vec![
        CommandDef::new("conference", "sync", Body::Form, vec![template(true)], sync),
        CommandDef::new(
            "conference",
            "send_conference_email",
            Body::Form,
            vec![
                F::integer("conference_id", D::Absent)
                    .required()
                    .help("The VMR's configuration id."),
                template(false),
            ],
            send_conference_email,
        ),
        CommandDef::new(
            "conference",
            "send_device_email",
            Body::Form,
            vec![
                F::integer("device_id", D::Absent)
                    .required()
                    .help("The device's configuration id."),
                template(false),
            ],
            send_device_email,
        ),
    ]
}

fn key(args: &Args, name: &str) -> RowKey {
    RowKey::Int(
        args.int(name)
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0),
    )
}

fn check_template(state: &AppState, args: &Args) -> Result<(), CommandError> {
    if args.int("conference_sync_template_id").is_none() {
        return Ok(());
    }
    let def = config("conference_sync_template")?;
    let k = key(args, "conference_sync_template_id");
    if state.read(|s| s.contains(def, &k)) {
        Ok(())
    } else {
        Err(LiveError::field(
            "conference_sync_template_id",
            "Failed to find the template.",
        )
        .into())
    }
}

fn sync(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    check_template(state, &args)?;
    let k = key(&args, "conference_sync_template_id");
    state.live(|l| {
        let template = l
            .store
            .get(config("conference_sync_template")?, &k)
            .map(|t| t.text("name"))
            .unwrap_or_default();
        let def = status("conference_sync")?;
        let id = k.to_string().parse::<i64>().unwrap_or(0);
        let r = row(json!({"id": id, "configuration_id": id, "name": template,
                           "status": "SYNC_SUCCEEDED", "last_updated": l.now_text(),
                           "conferences_created": 0, "conferences_updated": 0, "conferences_deleted": 0,
                           "last_error": ""}));
        l.store.put(def, k.clone(), r);
        Ok(())
    })?;
    Ok(Reply::Success(json!({})))
}

fn send_conference_email(
    state: &AppState,
    _def: &ResourceDef,
    args: Args,
) -> Result<Reply, CommandError> {
    check_template(state, &args)?;
    let def = config("conference")?;
    let k = key(&args, "conference_id");
    let owner = state.read(|s| {
        s.get(def, &k)
            .map(|c| c.text("primary_owner_email_address"))
    });
    match owner {
        None => Err(LiveError::field("conference_id", "Failed to find the conference.").into()),
        Some(o) if o.is_empty() => Err(LiveError::Failed(
            "The conference has no owner email address to send to.".into(),
        )
        .into()),
        Some(_) => Ok(Reply::Success(json!({}))),
    }
}

fn send_device_email(
    state: &AppState,
    _def: &ResourceDef,
    args: Args,
) -> Result<Reply, CommandError> {
    check_template(state, &args)?;
    let def = config("device")?;
    let k = key(&args, "device_id");
    if state.read(|s| s.contains(def, &k)) {
        Ok(Reply::Success(json!({})))
    } else {
        Err(LiveError::field("device_id", "Failed to find the device.").into())
    }
}
