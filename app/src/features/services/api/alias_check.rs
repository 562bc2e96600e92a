//! Which of some alias strings already belong to another service, and to which one.
//!
//! The Management Node itself would not refuse a new service listing an alias of another
//! service: it silently moves the alias (the guide: "that alias is removed from the
//! previous VMR and assigned to the new VMR"). pexdesk asks first, so a helpdesk person
//! never steals someone's alias by accident, and names the service that holds it.

use std::collections::BTreeMap;

use pexip_api::{
    client::{Client, Error},
    config::{Conference, ConferenceAlias},
    Query, Specifier,
};

/// Aliases per request (keeps URLs short).
const CHUNK: usize = 50;

/// An alias held by another service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub alias: String,
    pub service_id: i64,
    pub service_name: String,
}

impl Conflict {
    /// The message shown beside the field.
    pub fn message(&self) -> String {
        format!(
            "{} is already used by the service \u{201c}{}\u{201d}.",
            self.alias, self.service_name
        )
    }
}

/// The aliases of `aliases` that exist on the node on a service other than `owner`.
/// One request per 50 aliases, plus one to name the services holding them.
pub async fn conflicts(
    client: &Client,
    aliases: &[String],
    owner: Option<i64>,
) -> Result<Vec<Conflict>, Error> {
    let mut held: Vec<(String, i64)> = Vec::new();
    // Aliases with a comma cannot go into an `__in` list; they are asked one by one.
    let (plain, odd): (Vec<&String>, Vec<&String>) = aliases.iter().partition(|a| !a.contains(','));
    let mut queries: Vec<Query> = plain
        .chunks(CHUNK)
        .map(|chunk| {
            let list: Vec<&str> = chunk.iter().map(|a| a.as_str()).collect();
            Query::new()
                .filter("alias", Specifier::In, list.join(","))
                .limit(CHUNK as u32)
        })
        .collect();
    queries.extend(
        odd.into_iter()
            .map(|a| Query::new().eq("alias", a).limit(1)),
    );
    for q in queries {
        let page = client.list::<ConferenceAlias>(&q).await?;
        for a in page.objects {
            if let Ok(id) = a.conference.id() {
                if Some(id.0) != owner {
                    held.push((a.alias, id.0));
                }
            }
        }
    }
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<i64> = held.iter().map(|(_, id)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = service_names(client, &ids).await?;
    Ok(held
        .into_iter()
        .map(|(alias, id)| Conflict {
            service_name: names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
            alias,
            service_id: id,
        })
        .collect())
}

/// The names of services by id (one request per 100 ids).
pub async fn service_names(client: &Client, ids: &[i64]) -> Result<BTreeMap<i64, String>, Error> {
    let mut names = BTreeMap::new();
    for chunk in ids.chunks(100) {
        let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
        let q = Query::new()
            .filter("id", Specifier::In, list.join(","))
            .limit(chunk.len() as u32);
        for c in client.list::<Conference>(&q).await?.objects {
            names.insert(c.id.0, c.name);
        }
    }
    Ok(names)
}
