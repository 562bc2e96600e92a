//! The registry of every resource definition, built once.

use super::resource::ResourceDef;
use std::sync::OnceLock;

/// Every resource of every API the simulator serves.
pub struct Registry {
    defs: Vec<ResourceDef>,
}

static REGISTRY: OnceLock<Registry> = OnceLock::new();

/// The process-wide registry (definitions are static data).
pub fn registry() -> &'static Registry {
    REGISTRY.get_or_init(|| Registry {
        defs: crate::resources::all(),
    })
}

impl Registry {
    pub fn get(&self, api: &str, name: &str) -> Option<&ResourceDef> {
        self.defs.iter().find(|d| d.api == api && d.name == name)
    }
    pub fn by_table(&self, table: &str) -> Option<&ResourceDef> {
        let (api, name) = table.split_once('/')?;
        self.get(api, name)
    }
    /// The resources of one API, in definition order.
    pub fn in_api<'a>(&'a self, api: &'a str) -> impl Iterator<Item = &'a ResourceDef> + 'a {
        self.defs.iter().filter(move |d| d.api == api)
    }
    pub fn has_api(&self, api: &str) -> bool {
        self.defs.iter().any(|d| d.api == api)
    }
}
