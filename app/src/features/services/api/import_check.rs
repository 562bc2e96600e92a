//! Reading an import file and checking every row against the rules and the Management
//! Node: existing services (to update), themes, owners and aliases, each looked up in
//! bulk (one request per 100 names), never one request per row.

use std::collections::{BTreeMap, HashMap, HashSet};

use pexip_api::{
    client::{Client, Error},
    config::{Conference, EndUser},
    Query, Specifier,
};
use serde_json::{Map, Value};

use crate::features::services::{
    api::{alias_check, convert},
    form::{self, ServiceForm},
    import_model::{ImportAction, ImportRow, IGNORED_COLUMNS, IMPORT_COLUMNS, MAX_IMPORT_ROWS},
    kind::ServiceKind,
    model::FormOptions,
};

/// Why a whole file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    #[error("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.")]
    NotText,
    #[error("The file is empty.")]
    Empty,
    #[error("This is not a CSV file pexdesk can read: {0}")]
    NotCsv(String),
    #[error("The file has no \"name\" column. The first line must be the column names.")]
    NoNameColumn,
    #[error("Unknown columns: {0}. See the example file for the columns an import reads.")]
    UnknownColumns(String),
    #[error("The column \"{0}\" appears twice.")]
    RepeatedColumn(String),
    #[error("The file has more than {MAX_IMPORT_ROWS} rows; split it into smaller files.")]
    TooManyRows,
}

/// The rows of a file, before they are checked: line, name and non-empty cells.
pub fn parse(bytes: &[u8]) -> Result<Vec<ImportRow>, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| FileError::NotCsv(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let known =
        |h: &str| IMPORT_COLUMNS.iter().any(|(c, _)| *c == h) || IGNORED_COLUMNS.contains(&h);
    let unknown: Vec<&str> = headers
        .iter()
        .map(String::as_str)
        .filter(|h| !known(h))
        .collect();
    if !unknown.is_empty() {
        return Err(FileError::UnknownColumns(unknown.join(", ")));
    }
    let mut seen = HashSet::new();
    if let Some(repeated) = headers.iter().find(|h| !seen.insert(h.as_str())) {
        return Err(FileError::RepeatedColumn(repeated.clone()));
    }
    if !headers.iter().any(|h| h == "name") {
        return Err(FileError::NoNameColumn);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| FileError::NotCsv(e.to_string()))?;
        if rows.len() >= MAX_IMPORT_ROWS {
            return Err(FileError::TooManyRows);
        }
        // The line the record starts on, counted in the text itself (blank lines included).
        // (The reader's position may sit on blank lines before the record: skip them.)
        let line = record.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
                at += 1;
            }
            bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
        });
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cells: BTreeMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, v)| !v.is_empty() && !IGNORED_COLUMNS.contains(&h.as_str()))
            .map(|(h, v)| (h.clone(), v.to_owned()))
            .collect();
        rows.push(ImportRow {
            line,
            name: cells.get("name").cloned().unwrap_or_default(),
            action: ImportAction::Create,
            cells,
            errors: Vec::new(),
        });
    }
    Ok(rows)
}

/// A checked row: the row with its errors and action, and (when valid) the body to send.
pub struct Resolved {
    pub row: ImportRow,
    pub body: Option<Map<String, Value>>,
}

fn yes_no(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "on" => Some(true),
        "no" | "n" | "false" | "0" | "off" => Some(false),
        _ => None,
    }
}

/// The aliases of a row's `aliases` cell.
pub fn row_aliases(row: &ImportRow) -> Vec<String> {
    row.cells
        .get("aliases")
        .map(|v| {
            v.split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Existing services by name (one request per 100 names).
async fn existing(client: &Client, names: &[String]) -> Result<HashMap<String, Conference>, Error> {
    let mut found = HashMap::new();
    let (plain, odd): (Vec<&String>, Vec<&String>) = names.iter().partition(|n| !n.contains(','));
    let mut queries: Vec<Query> = plain
        .chunks(100)
        .map(|chunk| {
            let list: Vec<&str> = chunk.iter().map(|n| n.as_str()).collect();
            Query::new()
                .filter("name", Specifier::In, list.join(","))
                .limit(100)
        })
        .collect();
    queries.extend(odd.into_iter().map(|n| Query::new().eq("name", n).limit(1)));
    for q in queries {
        for c in client.list::<Conference>(&q).await?.objects {
            found.insert(c.name.clone(), c);
        }
    }
    Ok(found)
}

/// Which of these emails are users on the node (one request per 100).
async fn known_owners(client: &Client, emails: &[String]) -> Result<HashSet<String>, Error> {
    let mut known = HashSet::new();
    for chunk in emails.chunks(100) {
        let q = Query::new()
            .filter("primary_email_address", Specifier::In, chunk.join(","))
            .limit(100);
        for u in client.list::<EndUser>(&q).await?.objects {
            known.insert(u.primary_email_address.to_lowercase());
        }
    }
    Ok(known)
}

/// The form for a row: the service as it is (or a new one), with the row's cells on top.
fn form_for(
    row: &ImportRow,
    current: Option<&Conference>,
    options: &FormOptions,
    errors: &mut Vec<String>,
) -> ServiceForm {
    let mut form = match current {
        Some(c) => convert::form_of(c, true),
        None => {
            let kind = row
                .cells
                .get("service_type")
                .and_then(|t| ServiceKind::from_slug(&t.to_ascii_lowercase()))
                .unwrap_or(ServiceKind::Vmr);
            ServiceForm::new_of(kind)
        }
    };
    for (column, value) in &row.cells {
        let target = match column.as_str() {
            "name" => &mut form.name,
            "description" => &mut form.description,
            "primary_owner_email_address" => &mut form.primary_owner_email_address,
            "tag" => &mut form.tag,
            "pin" => &mut form.pin,
            "guest_pin" => &mut form.guest_pin,
            "host_view" => &mut form.host_view,
            "guest_view" => &mut form.guest_view,
            "call_type" => &mut form.call_type,
            "max_callrate_in" => &mut form.max_callrate_in,
            "max_callrate_out" => &mut form.max_callrate_out,
            "participant_limit" => &mut form.participant_limit,
            "allow_guests" => {
                match yes_no(value) {
                    Some(b) => form.allow_guests = b,
                    None => errors.push(format!("allow_guests: \"{value}\" is not yes or no.")),
                }
                continue;
            }
            "ivr_theme" => {
                match options
                    .themes
                    .iter()
                    .find(|t| t.name.eq_ignore_ascii_case(value))
                {
                    Some(t) => form.ivr_theme = t.id.to_string(),
                    None => errors.push(format!("ivr_theme: there is no theme named \"{value}\".")),
                }
                continue;
            }
            "service_type" => {
                match ServiceKind::from_slug(&value.to_ascii_lowercase()) {
                    None => errors.push(format!("service_type: \"{value}\" is not a kind of service.")),
                    Some(kind) if current.is_some() && kind.wire() != form.service_type => errors.push(format!(
                        "service_type: the existing service is a {}; its kind cannot be changed by an import.",
                        form.kind().label()
                    )),
                    Some(_) => {}
                }
                continue;
            }
            _ => continue,
        };
        *target = value.clone();
    }
    form
}

/// Checks rows against the rules and the node, and builds what to send for the valid ones.
/// The same check runs for the dry run and again for each applied chunk.
pub async fn resolve(
    client: &Client,
    options: &FormOptions,
    rows: Vec<ImportRow>,
) -> Result<Vec<Resolved>, Error> {
    let mut names: Vec<String> = rows
        .iter()
        .map(|r| r.name.clone())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    let current = existing(client, &names).await?;
    let mut emails: Vec<String> = rows
        .iter()
        .filter_map(|r| r.cells.get("primary_owner_email_address"))
        .filter(|e| form::email_ok(e))
        .map(|e| e.to_lowercase())
        .collect();
    emails.sort();
    emails.dedup();
    let owners = known_owners(client, &emails).await?;
    let mut all_aliases: Vec<String> = rows.iter().flat_map(row_aliases).collect();
    all_aliases.sort();
    all_aliases.dedup();
    let held: Vec<alias_check::Conflict> =
        alias_check::conflicts(client, &all_aliases, None).await?;

    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut name_line: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let mut errors = Vec::new();
        if row.name.is_empty() {
            errors.push("name: every row needs a name.".to_owned());
        } else if let Some(first) = name_line.get(&row.name) {
            errors.push(format!("name: \"{}\" is also on line {first}.", row.name));
        } else {
            name_line.insert(row.name.clone(), row.line);
        }
        let target = current.get(&row.name);
        row.action = match target {
            Some(c) => ImportAction::Update { id: c.id.0 },
            None => ImportAction::Create,
        };
        let mut form = form_for(&row, target, options, &mut errors);
        let aliases = row_aliases(&row);
        form.aliases = aliases.join("\n");
        for (field, messages) in form::validate(&form) {
            for m in messages {
                errors.push(format!("{field}: {m}"));
            }
        }
        if let Some(owner) = row.cells.get("primary_owner_email_address") {
            if form::email_ok(owner) && !owners.contains(&owner.to_lowercase()) {
                errors.push(format!(
                    "primary_owner_email_address: {owner} is not a user on the Management Node."
                ));
            }
        }
        for alias in &aliases {
            let key = alias.to_lowercase();
            match first_line.get(&key) {
                Some(line) => errors.push(format!("aliases: {alias} is also on line {line}.")),
                None => {
                    first_line.insert(key, row.line);
                }
            }
            let own = target.map(|c| c.id.0);
            if let Some(c) = held
                .iter()
                .find(|c| c.alias.eq_ignore_ascii_case(alias) && Some(c.service_id) != own)
            {
                errors.push(format!("aliases: {}", c.message()));
            }
        }
        let body = if errors.is_empty() {
            Some(match target {
                None => convert::create_body(&form),
                Some(c) => {
                    let (mut patch, _) = convert::changes(&form, c);
                    if !aliases.is_empty() {
                        let list: Vec<Value> = aliases
                            .iter()
                            .map(|a| serde_json::json!({ "alias": a }))
                            .collect();
                        patch.insert("aliases".into(), Value::Array(list));
                    }
                    patch
                }
            })
        } else {
            None
        };
        row.errors = errors;
        out.push(Resolved { row, body });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_with_a_bom_blank_lines_and_quotes() {
        let file =
            "\u{feff}name,aliases,pin,id\nA,a@x.com;b@x.com,1234,7\n\n\"B, the second\",,,\n";
        let rows = parse(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].cells.get("pin").map(String::as_str), Some("1234"));
        assert!(!rows[0].cells.contains_key("id"));
        assert_eq!(row_aliases(&rows[0]), vec!["a@x.com", "b@x.com"]);
        assert_eq!(rows[1].name, "B, the second");
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn refuses_what_is_not_an_import_file() {
        assert_eq!(parse(b"\xff\xfe\x00"), Err(FileError::NotText));
        assert_eq!(parse(b"  \n"), Err(FileError::Empty));
        assert_eq!(
            parse(b"title,colour\nx,y\n"),
            Err(FileError::UnknownColumns("title, colour".into()))
        );
        assert_eq!(parse(b"aliases\nx\n"), Err(FileError::NoNameColumn));
        assert_eq!(
            parse(b"name,name\nx,y\n"),
            Err(FileError::RepeatedColumn("name".into()))
        );
        assert!(matches!(
            parse(b"name,tag\nx,y,z\n"),
            Err(FileError::NotCsv(_))
        ));
    }

    #[test]
    fn yes_and_no() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("0"), Some(false));
        assert_eq!(yes_no("maybe"), None);
    }
}
