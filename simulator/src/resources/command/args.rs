//! Command bodies: form-encoded (as the guide sends them), JSON, or multipart (files), read into
//! one map and checked against the command's parameter definitions. Unknown parameters are
//! ignored (the guide's own dial example misspells one).

use crate::engine::errors::FieldErrors;
use crate::engine::field::{DefaultValue, FieldType};
use crate::engine::render::stored_default;
use crate::engine::resource::ResourceDef;
use crate::engine::store::Store;
use crate::engine::validate;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// An uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    pub filename: String,
    pub bytes: Bytes,
}

/// A command's parameters as sent (values and files).
#[derive(Debug, Default)]
pub struct Raw {
    pub values: Map<String, Value>,
    pub files: HashMap<String, Upload>,
}

/// Why a body could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("Request is not valid JSON.")]
    Json,
    #[error("Request is not a JSON object.")]
    NotObject,
    #[error("Invalid multipart/form-data body.")]
    Multipart,
    #[error("The request body is too large.")]
    TooLarge,
}

/// Reads the body of a command request, by its content type.
pub async fn read(req: Request, max: usize) -> Result<Raw, BodyError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        return multipart(req).await;
    }
    let body = axum::body::to_bytes(req.into_body(), max)
        .await
        .map_err(|_| BodyError::TooLarge)?;
    let mut raw = Raw::default();
    let looks_json = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if content_type.starts_with("application/json") || (content_type.is_empty() && looks_json) {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(raw);
        }
        match serde_json::from_slice::<Value>(&body).map_err(|_| BodyError::Json)? {
            Value::Object(m) => raw.values = m,
            _ => return Err(BodyError::NotObject),
        }
        return Ok(raw);
    }
    for (k, v) in form_urlencoded::parse(&body) {
        raw.values
            .insert(k.into_owned(), Value::String(v.into_owned()));
    }
    Ok(raw)
}

async fn multipart(req: Request) -> Result<Raw, BodyError> {
    let mut form = Multipart::from_request(req, &())
        .await
        .map_err(|_| BodyError::Multipart)?;
    let mut raw = Raw::default();
    while let Some(field) = form.next_field().await.map_err(|_| BodyError::Multipart)? {
        let name = field.name().unwrap_or("").to_string();
        let filename = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|_| BodyError::Multipart)?;
        // A part without a file name is a value, unless it is not text.
        match (filename, std::str::from_utf8(&bytes)) {
            (None, Ok(text)) => {
                raw.values.insert(name, Value::String(text.to_string()));
            }
            (filename, _) => {
                let filename = filename.unwrap_or_default();
                raw.files.insert(name, Upload { filename, bytes });
            }
        }
    }
    Ok(raw)
}

/// Checked parameters: every defined parameter that was given or has a default.
#[derive(Debug, Default)]
pub struct Args {
    pub values: Map<String, Value>,
    pub files: HashMap<String, Upload>,
}

impl Args {
    /// A string parameter (`""` when absent).
    pub fn text(&self, name: &str) -> String {
        match self.values.get(name) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }
    /// A string parameter, `None` when absent or empty.
    pub fn opt_text(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|s| !s.is_empty())
    }
    /// A boolean parameter (false when absent).
    pub fn flag(&self, name: &str) -> bool {
        self.values
            .get(name)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
    /// A boolean parameter, `None` when absent.
    pub fn opt_flag(&self, name: &str) -> Option<bool> {
        self.values.get(name).and_then(Value::as_bool)
    }
    /// An integer parameter.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.values.get(name).and_then(Value::as_i64)
    }
    /// An uploaded file.
    pub fn file(&self, name: &str) -> Option<&Upload> {
        self.files.get(name)
    }
}

/// Checks `raw` against the parameters of `def`: types, choices, lengths, required ones.
pub fn check(store: &Store, def: &ResourceDef, raw: Raw) -> Result<Args, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut args = Args::default();
    let Raw { values, mut files } = raw;
    for f in &def.fields {
        let required = f.default == DefaultValue::Absent && !f.nullable;
        if f.ftype == FieldType::File {
            let as_text = || match values.get(f.name) {
                Some(Value::String(s)) if !s.is_empty() => Some(Upload {
                    filename: String::new(),
                    bytes: Bytes::from(s.clone().into_bytes()),
                }),
                _ => None,
            };
            match files.remove(f.name).or_else(as_text) {
                Some(upload) => {
                    args.files.insert(f.name.to_string(), upload);
                }
                None if required => errors.add(f.name, "No file was submitted."),
                None => {}
            }
            continue;
        }
        let given = values.get(f.name).filter(|v| match v {
            Value::Null => false,
            Value::String(s) => {
                !s.is_empty() || (f.ftype == FieldType::String && f.choices.is_empty())
            }
            _ => true,
        });
        match given {
            None if required => errors.add(f.name, "This field is required."),
            None => {
                let default = stored_default(f);
                if !default.is_null() {
                    args.values.insert(f.name.to_string(), default);
                }
            }
            Some(v) => match validate::value(store, def, f, v) {
                Ok(v) if v.as_str() == Some("") && required => {
                    errors.add(f.name, "This field is required.")
                }
                Ok(v) => {
                    args.values.insert(f.name.to_string(), v);
                }
                Err(msg) => errors.add(f.name, msg),
            },
        }
    }
    if errors.is_empty() {
        Ok(args)
    } else {
        Err(errors)
    }
}
