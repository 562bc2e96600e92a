//! `configuration/ivr_theme`: JSON create, and multipart upload of the theme `package` zip.

use crate::engine::behaviour::PLAIN;
use crate::engine::errors::{ApiError, FieldErrors};
use crate::engine::field::{DefaultValue as D, Embed, FieldDef as F, FieldType};
use crate::engine::registry::registry;
use crate::engine::resource::{KeyKind, Mount, ResourceDef, RowKey, ALL_METHODS};
use crate::engine::values::now_string;
use crate::engine::write::{write_object, Mode};
use crate::state::AppState;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use std::io::Cursor;
use std::sync::Arc;

pub fn def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "ivr_theme",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 250).query(),
            F::of_type("uuid", FieldType::String, D::Uuid).query().help("Unique identifier for the theme."),
            F::of_type("package", FieldType::File, D::Null)
                .help("The theme ZIP. Upload with multipart/form-data (field 'package'); reads as the file name."),
            F::integer("package_size", D::Null).readonly().help("pexsim: size of the uploaded package in bytes."),
            F::of_type("package_contents", FieldType::List, D::EmptyList)
                .readonly()
                .help("pexsim: the files in the uploaded package, as {name, size}."),
            F::reverse("conference", "conference", "ivr_theme", Embed::Uris).filter_only().help("Services using this theme."),
            F::reverse("gateway_routing_rule", "gateway_routing_rule", "ivr_theme", Embed::Uris),
            F::text("custom_layouts", 4096),
            F::text("pinning_configs", 4096),
            F::of_type("last_updated", FieldType::DateTime, D::Now).readonly(),
        ],
    }
}

/// An uploaded package: its name and contents.
struct Package {
    filename: String,
    size: usize,
    contents: Vec<Value>,
}

fn inspect(filename: String, bytes: &[u8], limit: usize) -> Result<Package, String> {
    if bytes.len() > limit {
        return Err(format!(
            "The file is too large ({} bytes; the limit is {limit} bytes).",
            bytes.len()
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "The file is not a valid ZIP archive.".to_string())?;
    let mut contents = Vec::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|_| "The ZIP archive is damaged.".to_string())?;
        contents.push(json!({"name": entry.name(), "size": entry.size()}));
    }
    Ok(Package {
        filename,
        size: bytes.len(),
        contents,
    })
}

/// `POST ivr_theme/` or `PATCH ivr_theme/<id>/` as multipart/form-data.
pub async fn upload(state: Arc<AppState>, key: Option<String>, req: Request) -> Response {
    let Some(def) = registry().get("configuration", "ivr_theme") else {
        return ApiError::NotFound.into_response();
    };
    let host = req.headers().get(header::HOST).cloned();
    let mut multipart = match Multipart::from_request(req, &()).await {
        Ok(m) => m,
        Err(_) => return ApiError::bad("Invalid multipart/form-data body.").into_response(),
    };
    let mut fields = Map::new();
    let mut package = None;
    let mut errors = FieldErrors::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return ApiError::bad("Invalid multipart/form-data body.").into_response(),
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "package" {
            let filename = field.file_name().unwrap_or("package.zip").to_string();
            match field.bytes().await {
                Ok(bytes) => match inspect(filename, &bytes, state.config.max_theme_bytes) {
                    Ok(p) => package = Some(p),
                    Err(msg) => errors.add("package", msg),
                },
                Err(_) => errors.add("package", "The file could not be read (too large?)."),
            }
            continue;
        }
        let text = field.text().await.unwrap_or_default();
        if name == "uuid" && text.is_empty() {
            continue;
        }
        let value = if name == "conference" {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        } else {
            Value::String(text)
        };
        fields.insert(name, value);
    }
    if !errors.is_empty() {
        return ApiError::validation(def.name, errors).into_response();
    }
    let creating = key.is_none();
    let key = match key.map(|k| def.parse_key(&k)) {
        Some(None) => return ApiError::NotFound.into_response(),
        Some(Some(k)) => Some(k),
        None => None,
    };
    let result = state.transaction(|s| {
        if let Some(k) = &key {
            if s.get(def, k).is_none() {
                return Err(ApiError::NotFound);
            }
        }
        let mode = if creating { Mode::Create } else { Mode::Patch };
        let k = write_object(s, def, key.as_ref(), &fields, mode)?;
        if let (Some(p), Some(mut row)) = (&package, s.get(def, &k).map(|r| r.to_row())) {
            row.insert(
                "package".into(),
                json!(format!("ivr_theme/{}/{}", k, p.filename)),
            );
            row.insert("package_size".into(), json!(p.size));
            row.insert("package_contents".into(), Value::Array(p.contents.clone()));
            row.insert("last_updated".into(), json!(now_string()));
            s.put(def, k.clone(), row);
        }
        Ok(k)
    });
    match result {
        Ok(k) if creating => created(&state, host, def, &k),
        Ok(_) => StatusCode::ACCEPTED.into_response(),
        Err(e) => e.into_response(),
    }
}

fn created(
    state: &AppState,
    host: Option<HeaderValue>,
    def: &ResourceDef,
    key: &RowKey,
) -> Response {
    let host = host
        .and_then(|h| h.to_str().ok().map(str::to_string))
        .unwrap_or_else(|| "localhost".into());
    let location = format!("{}://{host}{}", state.scheme(), def.uri(key));
    match HeaderValue::from_str(&location) {
        Ok(v) => (StatusCode::CREATED, [(header::LOCATION, v)]).into_response(),
        Err(_) => StatusCode::CREATED.into_response(),
    }
}
