//! The command API (`/api/admin/command/v1/{participant,conference,platform}/<name>/`): POST
//! only. Each command's parameters are a resource definition (so `<name>/schema/` answers and
//! validation uses the engine's rules); a GET on a scope lists its commands. Bodies may be
//! form-encoded, JSON or multipart. Answers: 200 `{"status": "success", "message": "", "data":
//! …}`; invalid input 400 `{"<command>": {"<field>": ["…"]}}`; an unknown participant or
//! conference 400 `{"status": "error", "message": "<names the id>", "data": null}`; a valid
//! request the node cannot carry out 200 `{"status": "error", "message": …}`.

mod args;
mod backup;
mod conference;
mod crypto;
mod dial;
mod participant;
mod platform;
mod provisioning;
mod snapshot;

pub use args::{Args, Upload};

use crate::engine::behaviour::PLAIN;
use crate::engine::errors::{json_response, ApiError};
use crate::engine::field::FieldDef;
use crate::engine::resource::{allow_header, KeyKind, Method, Mount, ResourceDef};
use crate::engine::schema::schema_of;
use crate::live::LiveError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use std::sync::{Arc, OnceLock};

/// How the guide sends a command's body (all three are accepted for every command).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    Form,
    Json,
    Multipart,
}

/// What a command answers.
pub enum Reply {
    /// 200 `{"status": "success", "message": "", "data": …}`.
    Success(Value),
    /// Any status and body (start_cloudnode's documented answers).
    Raw(StatusCode, Value),
    /// A file download.
    File {
        filename: String,
        content_type: &'static str,
        bytes: Vec<u8>,
    },
}

/// A command's handler.
pub type Run = fn(&AppState, &ResourceDef, Args) -> Result<Reply, CommandError>;

/// One command.
pub struct CommandDef {
    pub scope: &'static str,
    /// `api: "command"`, the command name, its parameters as fields.
    pub def: ResourceDef,
    pub body: Body,
    pub run: Run,
}

/// Why a command did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("{0}")]
    Live(#[from] LiveError),
    #[error("{0}")]
    Api(#[from] ApiError),
}

impl CommandDef {
    /// A command of `scope` named `name` with parameters `fields`.
    pub fn new(
        scope: &'static str,
        name: &'static str,
        body: Body,
        fields: Vec<FieldDef>,
        run: Run,
    ) -> Self {
        CommandDef {
            scope,
            def: ResourceDef {
                api: "command",
                name,
                key: KeyKind::AutoId,
                fields,
                list_methods: &[Method::Post],
                detail_methods: &[],
                behaviour: &PLAIN,
                mount: Mount::TOP,
            },
            body,
            run,
        }
    }
    /// `/api/admin/command/v1/<scope>/<name>/`
    pub fn path(&self) -> String {
        format!("{ROOT}{}/{}/", self.scope, self.def.name)
    }
}

const ROOT: &str = "/api/admin/command/v1/";
const SCOPES: &[&str] = &["participant", "conference", "platform"];

/// Every command of the guide's table.
pub fn commands() -> &'static [CommandDef] {
    static COMMANDS: OnceLock<Vec<CommandDef>> = OnceLock::new();
    COMMANDS.get_or_init(|| {
        let mut all = participant::commands();
        all.extend(conference::commands());
        all.extend(provisioning::commands());
        all.extend(platform::commands());
        all.extend(backup::commands());
        all
    })
}

fn find(scope: &str, name: &str) -> Option<&'static CommandDef> {
    commands()
        .iter()
        .find(|c| c.scope == scope && c.def.name == name)
}

/// 200 `{"status": "error", "message": …, "data": null}` (or 400 for an unknown id).
fn error_reply(status: StatusCode, message: String) -> Response {
    json_response(
        status,
        &json!({"status": "error", "message": message, "data": null}),
    )
}

fn reply(command: &str, result: Result<Reply, CommandError>) -> Response {
    match result {
        Ok(Reply::Success(data)) => json_response(
            StatusCode::OK,
            &json!({"status": "success", "message": "", "data": data}),
        ),
        Ok(Reply::Raw(status, body)) => json_response(status, &body),
        Ok(Reply::File {
            filename,
            content_type,
            bytes,
        }) => {
            let disposition = HeaderValue::from_str(&format!("attachment; filename={filename}"))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
        Err(CommandError::Live(e)) => match e {
            LiveError::UnknownParticipant(_) | LiveError::UnknownConference(_) => {
                error_reply(StatusCode::BAD_REQUEST, e.to_string())
            }
            LiveError::Field { field, message } => {
                ApiError::field(command, field, message).into_response()
            }
            LiveError::Failed(message) => error_reply(StatusCode::OK, message),
            LiveError::Internal(detail) => ApiError::Internal(detail).into_response(),
        },
        Err(CommandError::Api(e)) => e.into_response(),
    }
}

/// `GET <scope>/`: the scope's commands, like an API root.
fn listing(scope: Option<&str>) -> Value {
    let mut out = Map::new();
    match scope {
        None => {
            for s in SCOPES {
                out.insert((*s).into(), json!({"list_endpoint": format!("{ROOT}{s}/")}));
            }
        }
        Some(scope) => {
            for c in commands().iter().filter(|c| c.scope == scope) {
                out.insert(
                    c.def.name.into(),
                    json!({"list_endpoint": c.path(), "schema": format!("{}schema/", c.path())}),
                );
            }
        }
    }
    Value::Object(out)
}

fn allow(methods: &[Method]) -> Response {
    ApiError::MethodNotAllowed(allow_header(methods)).into_response()
}

/// The handler for everything under `/api/admin/command/`.
pub async fn handle(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let Some(rest) = path
        .strip_prefix(ROOT)
        .or_else(|| (path == ROOT.trim_end_matches('/')).then_some(""))
    else {
        return ApiError::NotFound.into_response();
    };
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    let known = match parts.as_slice() {
        [] => true,
        [scope] => SCOPES.contains(scope),
        [scope, name] | [scope, name, "schema"] => find(scope, name).is_some(),
        _ => false,
    };
    if !known {
        return ApiError::NotFound.into_response();
    }
    let get = req.method() == axum::http::Method::GET || req.method() == axum::http::Method::HEAD;
    if !path.ends_with('/') {
        if get {
            let query = req
                .uri()
                .query()
                .map(|q| format!("?{q}"))
                .unwrap_or_default();
            if let Ok(v) = HeaderValue::from_str(&format!("{path}/{query}")) {
                return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response();
            }
        }
        return ApiError::NotFound.into_response();
    }
    if req.method() == axum::http::Method::OPTIONS {
        let methods = if parts.len() == 2 { "POST" } else { "GET" };
        return (
            StatusCode::OK,
            [(header::ALLOW, HeaderValue::from_static(methods))],
            methods,
        )
            .into_response();
    }
    match parts.as_slice() {
        [] | [_] if get => json_response(StatusCode::OK, &listing(parts.first().copied())),
        [] | [_] => allow(&[Method::Get]),
        [scope, name, "schema"] if get => match find(scope, name) {
            Some(c) => json_response(StatusCode::OK, &schema_of(&c.def, &[Method::Post], &[])),
            None => ApiError::NotFound.into_response(),
        },
        [_, _, _] => allow(&[Method::Get]),
        [scope, name] if req.method() == axum::http::Method::POST => match find(scope, name) {
            Some(c) => run(&state, c, req).await,
            None => ApiError::NotFound.into_response(),
        },
        _ => allow(&[Method::Post]),
    }
}

async fn run(state: &Arc<AppState>, command: &'static CommandDef, req: Request) -> Response {
    let raw = match args::read(req, state.config.max_body_bytes).await {
        Ok(raw) => raw,
        Err(e) => return ApiError::bad(e.to_string()).into_response(),
    };
    let checked = state.read(|s| args::check(s, &command.def, raw));
    let args = match checked {
        Ok(a) => a,
        Err(errors) => return ApiError::validation(command.def.name, errors).into_response(),
    };
    // Commands may be slow (the backup key derivation): off the async threads.
    let state = state.clone();
    let result = tokio::task::spawn_blocking(move || (command.run)(&state, &command.def, args))
        .await
        .unwrap_or_else(|e| {
            Err(CommandError::Live(LiveError::Internal(format!(
                "command task: {e}"
            ))))
        });
    reply(command.def.name, result)
}
