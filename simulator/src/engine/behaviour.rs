//! Hooks through which a resource adds behaviour beyond the generic engine.

use super::errors::FieldErrors;
use super::resource::{ResourceDef, RowKey};
use super::store::Store;
use serde_json::{Map, Value};

/// What a successful create answers beyond the default `201` with `Location`.
pub enum Created {
    /// 201, empty body.
    Default,
    /// 202 with `Location` pointing elsewhere (licence offline mode).
    Accepted { location: String },
    /// 201 with a body of the given content type (worker_vm deployment file).
    WithBody {
        content_type: &'static str,
        body: String,
    },
}

/// Per-resource behaviour. Every hook has a no-op default.
pub trait Behaviour: Send + Sync {
    /// Fills generated fields of a new object before validation (e.g. licence details).
    fn prepare_create(
        &self,
        _store: &mut Store,
        _def: &ResourceDef,
        _obj: &mut Map<String, Value>,
    ) {
    }

    /// Cross-field checks on the merged object, after the per-field checks passed.
    fn check(
        &self,
        _store: &Store,
        _key: Option<&RowKey>,
        _obj: &Map<String, Value>,
        _errors: &mut FieldErrors,
    ) {
    }

    /// Applies a write to a writable reverse relation (nested aliases, ADP links).
    fn write_reverse(
        &self,
        _store: &mut Store,
        _key: &RowKey,
        field: &str,
        _value: &Value,
        errors: &mut FieldErrors,
    ) {
        errors.add(field, "This field cannot be written.");
    }

    /// Called before an object is removed, to cascade or detach related objects.
    fn on_delete(&self, _store: &mut Store, _key: &RowKey) {}

    /// Whether the object may be deleted; `Some(message)` refuses.
    fn refuse_delete(&self, _store: &Store, _key: &RowKey) -> Option<String> {
        None
    }

    /// The answer to a successful create.
    fn created(&self, _store: &Store, _key: &RowKey, _request: &Map<String, Value>) -> Created {
        Created::Default
    }
}

/// A resource with no behaviour beyond the engine.
pub struct Plain;
impl Behaviour for Plain {}
pub static PLAIN: Plain = Plain;
