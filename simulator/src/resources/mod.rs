//! Resource definitions by API, and the endpoints whose shape the generic engine does not
//! cover (uploads, licence activation and return, request export, backup download, the load
//! statistics of nodes and locations). The command API has its own handler ([`command`]).

pub mod command;
pub mod configuration;
pub mod history;
pub mod readonly;
pub mod status;

use crate::engine::errors::{json_response, ApiError};
use crate::engine::http::{absolute, Route};
use crate::engine::registry::registry;
use crate::engine::render::{render, View};
use crate::engine::resource::{ResourceDef, RowKey};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::Value;
use std::sync::Arc;

/// Every resource definition of every API.
pub fn all() -> Vec<ResourceDef> {
    let mut defs = configuration::defs();
    defs.extend(status::defs());
    defs.extend(history::defs());
    defs
}

/// Before a GET: the status tables derived from the configuration are brought up to date
/// (cheap when the configuration did not change).
pub fn before_read(state: &AppState, route: &Route) {
    let api = match route {
        Route::Root(api) => api.as_str(),
        Route::List(d) | Route::Schema(d) | Route::Detail(d, _) | Route::Sub(d, _, _) => d.api,
    };
    if api == "status" {
        if let Err(e) = state.live(crate::live::platform::sync) {
            tracing::error!(error = %e, "syncing the platform status failed");
        }
    }
}

/// An endpoint with its own handler.
pub enum Special {
    ThemeUpload(Option<String>),
    LicenceAdd,
    LicenceReturn {
        fid: String,
        offline: bool,
    },
    RequestExport(String),
    RequestUpload(String),
    BackupDownload(String),
    /// `status/v1/worker_vm/<id>/statistics/`, `status/v1/system_location/<id>/statistics/`.
    Statistics(&'static ResourceDef, String),
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// Picks the special handler for a request, if any. These paths also answer without the
/// trailing slash, because the guide's own examples call them that way.
pub fn special(
    route: &Route,
    method: &Method,
    headers: &HeaderMap,
    query: &str,
) -> Option<Special> {
    let offline = query.split('&').any(|p| {
        matches!(
            p,
            "offline_mode=True" | "offline_mode=true" | "offline_mode=1"
        )
    });
    match route {
        Route::List(d)
            if d.name == "ivr_theme" && method == Method::POST && is_multipart(headers) =>
        {
            Some(Special::ThemeUpload(None))
        }
        Route::Detail(d, k)
            if d.name == "ivr_theme"
                && (method == Method::PATCH || method == Method::PUT)
                && is_multipart(headers) =>
        {
            Some(Special::ThemeUpload(Some(k.clone())))
        }
        Route::List(d) if d.name == "licence" && method == Method::POST => {
            Some(Special::LicenceAdd)
        }
        Route::Detail(d, k) if d.name == "licence" && method == Method::DELETE => {
            Some(Special::LicenceReturn {
                fid: k.clone(),
                offline,
            })
        }
        Route::Detail(d, k) if d.name == "licence_request" && method == Method::POST => {
            Some(Special::RequestUpload(k.clone()))
        }
        Route::Sub(d, k, sub)
            if d.name == "licence_request" && sub == "export" && method == Method::GET =>
        {
            Some(Special::RequestExport(k.clone()))
        }
        Route::Detail(d, k) if d.name == "system_backup" && method == Method::GET => {
            Some(Special::BackupDownload(k.clone()))
        }
        Route::Sub(d, k, sub)
            if d.api == "status"
                && matches!(d.name, "worker_vm" | "system_location")
                && sub == "statistics"
                && method == Method::GET =>
        {
            Some(Special::Statistics(d, k.clone()))
        }
        _ => None,
    }
}

fn def(name: &str) -> Result<&'static ResourceDef, ApiError> {
    registry()
        .get("configuration", name)
        .ok_or(ApiError::NotFound)
}

fn location(state: &AppState, headers: &HeaderMap, status: StatusCode, path: &str) -> Response {
    match HeaderValue::from_str(&absolute(state, headers, path)) {
        Ok(v) => (status, [(header::LOCATION, v)]).into_response(),
        Err(_) => status.into_response(),
    }
}

impl Special {
    pub async fn run(self, state: Arc<AppState>, req: Request) -> Response {
        let headers = req.headers().clone();
        let result = match self {
            Special::ThemeUpload(key) => {
                return configuration::theme::upload(state, key, req).await
            }
            Special::LicenceAdd => licence_add(&state, &headers, req).await,
            Special::LicenceReturn { fid, offline } => state
                .transaction(|s| configuration::licence::return_licence(s, &fid, offline))
                .map(|loc| match loc {
                    Some(uri) => location(&state, &headers, StatusCode::ACCEPTED, &uri),
                    None => StatusCode::NO_CONTENT.into_response(),
                }),
            Special::RequestExport(seq) => def("licence_request").and_then(|d| {
                let key = RowKey::Str(seq);
                state
                    .read(|s| {
                        s.get(d, &key)
                            .map(|row| render(s, d, &key, row, View::Detail))
                    })
                    .map(|v| json_response(StatusCode::OK, &v))
                    .ok_or(ApiError::NotFound)
            }),
            Special::RequestUpload(seq) => request_upload(&state, &seq, req).await,
            Special::BackupDownload(name) => backup_download(&state, &name),
            Special::Statistics(def, key) => {
                before_read(&state, &Route::List(def));
                statistics(&state, def, &key)
            }
        };
        result.unwrap_or_else(IntoResponse::into_response)
    }
}

async fn licence_add(
    state: &AppState,
    headers: &HeaderMap,
    req: Request,
) -> Result<Response, ApiError> {
    let body = Bytes::from_request(req, &())
        .await
        .map_err(|_| ApiError::bad("The request body could not be read."))?;
    let value: Value =
        serde_json::from_slice(&body).map_err(|_| ApiError::bad("Request is not valid JSON."))?;
    let obj = value
        .as_object()
        .cloned()
        .ok_or_else(|| ApiError::bad("Request is not a JSON object."))?;
    let licence = def("licence")?;
    let (key, request_uri) = state.transaction(|s| configuration::licence::add(s, &obj))?;
    Ok(match request_uri {
        Some(uri) => location(state, headers, StatusCode::ACCEPTED, &uri),
        None => location(state, headers, StatusCode::CREATED, &licence.uri(&key)),
    })
}

async fn request_upload(state: &AppState, seq: &str, req: Request) -> Result<Response, ApiError> {
    let mut multipart = Multipart::from_request(req, &()).await.map_err(|_| {
        ApiError::field(
            "licence_request",
            "response_xml",
            "Upload the response as multipart/form-data.",
        )
    })?;
    let mut response = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| ApiError::bad("Invalid multipart/form-data body."))?
    {
        if field.name() == Some("response_xml") {
            response = Some(
                field
                    .text()
                    .await
                    .map_err(|_| ApiError::bad("The response_xml file could not be read."))?,
            );
        }
    }
    let response = response.ok_or_else(|| {
        ApiError::field("licence_request", "response_xml", "This field is required.")
    })?;
    state.transaction(|s| configuration::licence::complete_request(s, seq, &response))?;
    Ok(StatusCode::OK.into_response())
}

fn backup_download(state: &AppState, name: &str) -> Result<Response, ApiError> {
    let d = def("system_backup")?;
    let content = state
        .read(|s| {
            s.get(d, &RowKey::Str(name.to_string())).map(|r| {
                r.get("content_base64")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            })
        })
        .ok_or(ApiError::NotFound)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|e| ApiError::Internal(format!("backup content: {e}")))?;
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        name.replace('"', "")
    ))
    .unwrap_or(HeaderValue::from_static("attachment"));
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// The load of a node or a location: one object `{"media_load": …}` (for a location, the
/// average of its Conferencing Nodes).
fn statistics(
    state: &AppState,
    def: &'static ResourceDef,
    key: &str,
) -> Result<Response, ApiError> {
    let key = def.parse_key(key).ok_or(ApiError::NotFound)?;
    let load = state
        .read(|s| {
            s.get(def, &key)
                .map(|r| r.get("media_load").cloned().unwrap_or(Value::from(0.0)))
        })
        .ok_or(ApiError::NotFound)?;
    Ok(json_response(
        StatusCode::OK,
        &serde_json::json!({"media_load": load}),
    ))
}
