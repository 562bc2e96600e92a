//! The `--state` file: loaded at start, saved atomically after changes and at shutdown. It
//! holds the configuration only: live status and history are never saved.

use crate::engine::store::Table;
use crate::error::SimError;
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

#[derive(Serialize, Deserialize)]
struct StateFile {
    format: u32,
    tables: BTreeMap<String, Table>,
}

/// Reads a state file; `Ok(None)` when it does not exist yet.
pub fn load(path: &Path) -> Result<Option<BTreeMap<String, Table>>, SimError> {
    let text = match std::fs::read(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(SimError::State(format!("{}: {e}", path.display()))),
    };
    let file: StateFile = serde_json::from_slice(&text)
        .map_err(|e| SimError::State(format!("{}: {e}", path.display())))?;
    Ok(Some(file.tables))
}

/// Writes the store to `path` atomically (a temporary file in the same folder, then a rename).
pub fn save(state: &AppState, path: &Path) -> Result<(), SimError> {
    let tables = state.read(|s| s.snapshot_api(crate::state::PERSISTED_API));
    let text = serde_json::to_vec(&StateFile { format: 1, tables })
        .map_err(|e| SimError::State(e.to_string()))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| SimError::State(e.to_string()))?;
    tmp.write_all(&text)
        .map_err(|e| SimError::State(e.to_string()))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| SimError::State(e.to_string()))?;
    tmp.persist(path)
        .map_err(|e| SimError::State(e.to_string()))?;
    Ok(())
}

/// Saves after every burst of changes (debounced by `delay`), for as long as the state lives.
pub fn spawn_saver(state: Arc<AppState>, delay: Duration) {
    let Some(path) = state.config.state_file.clone() else {
        return;
    };
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let weak = Arc::downgrade(&state);
    let changed = state.changed.clone();
    drop(state);
    handle.spawn(async move {
        loop {
            changed.notified().await;
            tokio::time::sleep(delay).await;
            let Some(state) = weak.upgrade() else { return };
            if let Err(e) = save(&state, &path) {
                tracing::error!(error = %e, "saving the state file failed");
            }
        }
    });
}
