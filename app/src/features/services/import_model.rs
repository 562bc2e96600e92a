//! The CSV import of services: its columns, and what the dry run and each applied chunk
//! report. A row is identified by its line in the file, so every message can point at it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The columns an import reads. `name` is required; every other column is optional, and
/// an empty cell keeps the current value (or the default, for a new service).
pub const IMPORT_COLUMNS: [(&str, &str); 16] = [
    (
        "name",
        "The service's name. A name that exists updates that service; a new one creates it.",
    ),
    (
        "service_type",
        "conference (VMR, the default), lecture, two_stage_dialing, test_call or media_playback.",
    ),
    (
        "aliases",
        "Aliases separated by semicolons. For an existing service they replace its aliases.",
    ),
    ("description", "Free text, up to 250 characters."),
    (
        "primary_owner_email_address",
        "The owner's email; they must be a user on the Management Node.",
    ),
    ("tag", "Free text, up to 250 characters."),
    ("pin", "Host PIN: 4 to 20 digits, optionally ending in #."),
    (
        "guest_pin",
        "Guest PIN: needs a Host PIN, and must differ from it.",
    ),
    ("allow_guests", "yes or no."),
    ("ivr_theme", "The name of a theme on the Management Node."),
    ("host_view", "Host layout, e.g. one_main_seven_pips."),
    ("guest_view", "Guest layout, e.g. one_main_seven_pips."),
    ("call_type", "video, video-only or audio."),
    ("max_callrate_in", "Kbps, 128 to 8192."),
    ("max_callrate_out", "Kbps, 128 to 8192."),
    ("participant_limit", "0 to 1000000."),
];

/// Columns of an export that an import recognises and ignores, so an export can be
/// imported again.
pub const IGNORED_COLUMNS: [&str; 4] = ["id", "host_pin_set", "guest_pin_set", "creation_time"];

/// The largest file accepted.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// The most rows one file may hold.
pub const MAX_IMPORT_ROWS: usize = 5_000;

/// Rows applied per bulk request.
pub const APPLY_CHUNK: usize = 100;

/// What applying a row does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportAction {
    Create,
    Update { id: i64 },
}

/// One row of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub name: String,
    pub action: ImportAction,
    /// The non-empty cells, by column.
    pub cells: BTreeMap<String, String>,
    /// Why the row cannot be applied; empty when it can.
    pub errors: Vec<String>,
}

impl ImportRow {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The dry run of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlan {
    pub rows: Vec<ImportRow>,
}

impl ImportPlan {
    pub fn creates(&self) -> usize {
        self.count(|r| r.is_valid() && r.action == ImportAction::Create)
    }
    pub fn updates(&self) -> usize {
        self.count(|r| r.is_valid() && matches!(r.action, ImportAction::Update { .. }))
    }
    pub fn invalid(&self) -> usize {
        self.count(|r| !r.is_valid())
    }
    fn count(&self, f: impl Fn(&ImportRow) -> bool) -> usize {
        self.rows.iter().filter(|r| f(r)).count()
    }
    /// The rows that can be applied, in chunks of [`APPLY_CHUNK`].
    pub fn chunks(&self) -> Vec<Vec<ImportRow>> {
        let valid: Vec<ImportRow> = self.rows.iter().filter(|r| r.is_valid()).cloned().collect();
        valid
            .chunks(APPLY_CHUNK)
            .map(<[ImportRow]>::to_vec)
            .collect()
    }
}

/// What happened to one row when a chunk was applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowOutcome {
    pub line: u64,
    pub name: String,
    pub action: ImportAction,
    /// `None`: it landed. `Some(why)`: it did not.
    pub error: Option<String>,
}

/// What applying one chunk did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkReport {
    pub outcomes: Vec<RowOutcome>,
    /// Requests sent to the Management Node for the writes (1 when the bulk request
    /// went through; more when a refused chunk was retried row by row).
    pub write_requests: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u64, ok: bool, action: ImportAction) -> ImportRow {
        ImportRow {
            line,
            name: format!("S{line}"),
            action,
            cells: BTreeMap::new(),
            errors: if ok { vec![] } else { vec!["bad".into()] },
        }
    }

    #[test]
    fn the_plan_counts_and_chunks_valid_rows() {
        let mut rows: Vec<ImportRow> = (2..302)
            .map(|l| row(l, true, ImportAction::Create))
            .collect();
        rows[3].errors.push("bad PIN".into());
        rows.push(row(400, true, ImportAction::Update { id: 9 }));
        let plan = ImportPlan { rows };
        assert_eq!(
            (plan.creates(), plan.updates(), plan.invalid()),
            (299, 1, 1)
        );
        let chunks = plan.chunks();
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks.iter().map(Vec::len).sum::<usize>(), 300);
    }

    #[test]
    fn the_example_file_has_the_import_columns() {
        let example = include_str!("../../../../public/services-import-example.csv");
        let header = example.lines().next().unwrap();
        let expected: Vec<&str> = IMPORT_COLUMNS.iter().map(|(c, _)| *c).collect();
        assert_eq!(header, expected.join(","));
    }
}
