//! Reference data the service forms offer (themes, locations), fetched from the
//! Management Node at most once per `ttl` per pexdesk process and shared by every page
//! view, so showing a theme's name never costs a request of its own.

use std::time::{Duration, Instant};

use pexip_api::{
    client::{Client, Error},
    config::{IvrTheme, SystemLocation},
    Query,
};
use tokio::sync::Mutex;

use crate::features::services::model::{FormOptions, NamedRef};

/// The cache. Cheap to share behind an `Arc`.
pub struct Lookups {
    ttl: Duration,
    cached: Mutex<Option<(Instant, FormOptions)>>,
}

impl Lookups {
    /// A cache whose entries live for `ttl`.
    pub fn new(ttl: Duration) -> Lookups {
        Lookups {
            ttl,
            cached: Mutex::new(None),
        }
    }

    /// The themes and locations, from the cache or (when stale) from the node. Concurrent
    /// callers wait for one fetch instead of each making their own.
    pub async fn options(&self, client: &Client) -> Result<FormOptions, Error> {
        let mut cached = self.cached.lock().await;
        if let Some((at, options)) = cached.as_ref() {
            if at.elapsed() < self.ttl {
                return Ok(options.clone());
            }
        }
        let query = Query::new().limit(1000);
        let (themes, locations) = futures::try_join!(
            client.list_all::<IvrTheme>(&query),
            client.list_all::<SystemLocation>(&query),
        )?;
        let mut options = FormOptions {
            themes: themes
                .into_iter()
                .map(|t| NamedRef {
                    id: t.id.0,
                    name: t.name,
                })
                .collect(),
            locations: locations
                .into_iter()
                .map(|l| NamedRef {
                    id: l.id.0,
                    name: l.name,
                })
                .collect(),
        };
        options.themes.sort_by_key(|t| t.name.to_lowercase());
        options.locations.sort_by_key(|l| l.name.to_lowercase());
        *cached = Some((Instant::now(), options.clone()));
        Ok(options)
    }

    /// Forgets the cached data (after a change to themes or locations).
    pub async fn invalidate(&self) {
        *self.cached.lock().await = None;
    }
}
