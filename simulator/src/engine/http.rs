//! The HTTP face of the engine: routes `/api/admin/<api>/v1/...` to list, detail and schema
//! operations, enforcing methods, the trailing slash and JSON bodies.

use super::errors::{json_response, ApiError};
use super::list::{bulk_patch, delete_list, get_list, get_list_in, Scope};
use super::registry::registry;
use super::render::{render, View};
use super::resource::{allow_header, Method, ResourceDef};
use super::schema::{api_root, schema};
use super::write::{delete_object, write_object, Mode};
use crate::engine::behaviour::Created;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::Arc;

/// Where a path under `/api/admin/` leads.
pub enum Route {
    Root(String),
    List(&'static ResourceDef),
    Schema(&'static ResourceDef),
    Detail(&'static ResourceDef, String),
    Sub(&'static ResourceDef, String, String),
}

/// Parses `/api/admin/<api>/v1/<name>/[<key>/[<sub>/]]`.
pub fn route(path: &str) -> Option<Route> {
    let rest = path.strip_prefix("/api/admin/")?;
    let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let (api, version) = (parts.first()?, parts.get(1)?);
    if *version != "v1" || !registry().has_api(api) {
        return None;
    }
    if parts.len() == 2 {
        return Some(Route::Root(api.to_string()));
    }
    let def = registry().routable(api, parts.get(2)?)?;
    match &parts[3..] {
        [] => Some(Route::List(def)),
        ["schema"] => Some(Route::Schema(def)),
        [key] => Some(Route::Detail(def, percent_decode(key))),
        [key, sub] => Some(Route::Sub(def, percent_decode(key), sub.to_string())),
        _ => None,
    }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The generic handler for everything under `/api/admin/`.
pub async fn api(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let Some(route) = route(&path) else {
        return ApiError::NotFound.into_response();
    };
    if let Some(special) = crate::resources::special(&route, req.method(), req.headers(), &query) {
        return special.run(state, req).await;
    }
    if !path.ends_with('/') {
        return missing_slash(req.method(), &path, &query);
    }
    if req.method() == axum::http::Method::GET || req.method() == axum::http::Method::HEAD {
        crate::resources::before_read(&state, &route);
    }
    let method = req.method().clone();
    let headers = req.headers().clone();
    let body = match axum::body::to_bytes(req.into_body(), state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(_) => return ApiError::bad("The request body is too large.").into_response(),
    };
    handle(&state, route, &method, &query, &headers, &body)
        .unwrap_or_else(IntoResponse::into_response)
}

/// Tastypie needs the slash: GET and HEAD are redirected (301) to the slashed URL, anything
/// else is 404.
fn missing_slash(method: &axum::http::Method, path: &str, query: &str) -> Response {
    if method == axum::http::Method::GET || method == axum::http::Method::HEAD {
        let target = if query.is_empty() {
            format!("{path}/")
        } else {
            format!("{path}/?{query}")
        };
        match HeaderValue::from_str(&target) {
            Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response(),
            Err(_) => ApiError::NotFound.into_response(),
        }
    } else {
        ApiError::NotFound.into_response()
    }
}

fn parse_json(body: &Bytes) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    serde_json::from_slice(body).map_err(|_| ApiError::bad("Request is not valid JSON."))
}

fn json_object(body: &Bytes) -> Result<serde_json::Map<String, Value>, ApiError> {
    match parse_json(body)? {
        Value::Object(o) => Ok(o),
        _ => Err(ApiError::bad("Request is not a JSON object.")),
    }
}

/// The absolute URL of a path, from the request's `Host`.
pub fn absolute(state: &AppState, headers: &HeaderMap, path: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("{}://{host}{path}", state.scheme())
}

fn options(methods: &[Method]) -> Response {
    let allow = allow_header(methods);
    let value = HeaderValue::from_str(&allow).unwrap_or(HeaderValue::from_static("GET"));
    (StatusCode::OK, [(header::ALLOW, value)], allow).into_response()
}

fn not_allowed(methods: &[Method]) -> ApiError {
    ApiError::MethodNotAllowed(allow_header(methods))
}

fn handle(
    state: &AppState,
    route: Route,
    method: &axum::http::Method,
    query: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, ApiError> {
    let full = query.contains("fullschema=true") || query.contains("fullschema=True");
    if method == axum::http::Method::OPTIONS {
        return Ok(match route {
            Route::List(d) => options(d.list_methods),
            Route::Detail(d, _) => options(d.detail_methods),
            _ => options(&[Method::Get]),
        });
    }
    let m = Method::from_http(method).ok_or_else(|| not_allowed(&[Method::Get]))?;
    match route {
        Route::Root(api) if m == Method::Get => {
            Ok(json_response(StatusCode::OK, &api_root(&api, full)))
        }
        Route::Schema(def) if m == Method::Get => Ok(json_response(StatusCode::OK, &schema(def))),
        Route::Root(_) | Route::Schema(_) => Err(not_allowed(&[Method::Get])),
        Route::List(def) => {
            if !def.allows_list(m) {
                return Err(not_allowed(def.list_methods));
            }
            list(state, def, m, query, headers, body)
        }
        Route::Detail(def, key) => {
            if !def.allows_detail(m) {
                return Err(not_allowed(def.detail_methods));
            }
            detail(state, def, m, &key, headers, body)
        }
        Route::Sub(def, key, segment) => match m {
            Method::Get => sub_list(state, def, &key, &segment, query),
            _ if registry().child(def.api, def.name, &segment).is_some() => {
                Err(not_allowed(&[Method::Get]))
            }
            _ => Err(ApiError::NotFound),
        },
    }
}

/// `GET <parent>/<key>/<segment>/`: the objects of the mounted resource that point at the
/// parent object, in the list envelope. 404 when the parent object does not exist.
fn sub_list(
    state: &AppState,
    parent: &'static ResourceDef,
    key: &str,
    segment: &str,
    query: &str,
) -> Result<Response, ApiError> {
    let (child, via) = registry()
        .child(parent.api, parent.name, segment)
        .ok_or(ApiError::NotFound)?;
    let parent_key = parent.parse_key(key).ok_or(ApiError::NotFound)?;
    state
        .read(|s| {
            if !s.contains(parent, &parent_key) {
                return Err(ApiError::NotFound);
            }
            let keys = s.referrers(child, via, &parent_key);
            let scope = Scope {
                path: format!("{}{}/", parent.uri(&parent_key), segment),
                keys: &keys,
            };
            get_list_in(s, child, query, Some(scope))
        })
        .map(|v| json_response(StatusCode::OK, &v))
}

fn list(
    state: &AppState,
    def: &'static ResourceDef,
    m: Method,
    query: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, ApiError> {
    match m {
        Method::Get => state
            .read(|s| get_list(s, def, query))
            .map(|v| json_response(StatusCode::OK, &v)),
        Method::Post => {
            let obj = json_object(body)?;
            let (key, created) = state.transaction(|s| {
                let key = write_object(s, def, None, &obj, Mode::Create)?;
                let created = def.behaviour.created(s, &key, &obj);
                Ok((key, created))
            })?;
            Ok(created_response(state, headers, &def.uri(&key), created))
        }
        Method::Patch => {
            let v = parse_json(body)?;
            state.transaction(|s| bulk_patch(s, def, &v))?;
            Ok(StatusCode::ACCEPTED.into_response())
        }
        Method::Delete => {
            state.transaction(|s| delete_list(s, def, query))?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Method::Put => Err(not_allowed(def.list_methods)),
    }
}

fn detail(
    state: &AppState,
    def: &'static ResourceDef,
    m: Method,
    key: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, ApiError> {
    let key = def.parse_key(key).ok_or(ApiError::NotFound)?;
    match m {
        Method::Get => state
            .read(|s| {
                s.get(def, &key)
                    .map(|row| render(s, def, &key, row, View::Detail))
            })
            .map(|v| json_response(StatusCode::OK, &v))
            .ok_or(ApiError::NotFound),
        Method::Patch => {
            let obj = json_object(body)?;
            state.transaction(|s| {
                if s.get(def, &key).is_none() {
                    return Err(ApiError::NotFound);
                }
                write_object(s, def, Some(&key), &obj, Mode::Patch)
            })?;
            Ok(StatusCode::ACCEPTED.into_response())
        }
        Method::Put => {
            let obj = json_object(body)?;
            let (existed, created) = state.transaction(|s| {
                let existed = s.get(def, &key).is_some();
                let k = write_object(s, def, Some(&key), &obj, Mode::Replace)?;
                Ok((existed, def.behaviour.created(s, &k, &obj)))
            })?;
            if existed {
                Ok(StatusCode::NO_CONTENT.into_response())
            } else {
                Ok(created_response(state, headers, &def.uri(&key), created))
            }
        }
        Method::Delete => {
            state.transaction(|s| delete_object(s, def, &key))?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Method::Post => Err(not_allowed(def.detail_methods)),
    }
}

fn created_response(
    state: &AppState,
    headers: &HeaderMap,
    uri: &str,
    created: Created,
) -> Response {
    let location = |path: &str| {
        HeaderValue::from_str(&absolute(state, headers, path))
            .unwrap_or(HeaderValue::from_static("/"))
    };
    match created {
        Created::Default => {
            (StatusCode::CREATED, [(header::LOCATION, location(uri))]).into_response()
        }
        Created::Accepted { location: to } => {
            (StatusCode::ACCEPTED, [(header::LOCATION, location(&to))]).into_response()
        }
        Created::WithBody { content_type, body } => (
            StatusCode::CREATED,
            [
                (header::LOCATION, location(uri)),
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            ],
            body,
        )
            .into_response(),
    }
}
