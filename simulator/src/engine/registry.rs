//! The registry of every resource definition, built once.

use super::resource::ResourceDef;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every resource of every API the simulator serves.
pub struct Registry {
    defs: Vec<ResourceDef>,
    /// `(api, name)` → index in `defs`.
    index: HashMap<(&'static str, &'static str), usize>,
    /// Per definition (same order as `defs`): field name → position.
    positions: Vec<HashMap<&'static str, usize>>,
}

static REGISTRY: OnceLock<Registry> = OnceLock::new();

/// The process-wide registry (definitions are static data).
pub fn registry() -> &'static Registry {
    REGISTRY.get_or_init(|| Registry::new(crate::resources::all()))
}

/// The registry if it is built (definitions consult it while it is being built).
pub fn try_registry() -> Option<&'static Registry> {
    REGISTRY.get()
}

impl Registry {
    fn new(defs: Vec<ResourceDef>) -> Self {
        let index = defs
            .iter()
            .enumerate()
            .map(|(i, d)| ((d.api, d.name), i))
            .collect();
        let positions = defs
            .iter()
            .map(|d| {
                d.fields
                    .iter()
                    .enumerate()
                    .map(|(p, f)| (f.name, p))
                    .collect()
            })
            .collect();
        Registry {
            defs,
            index,
            positions,
        }
    }

    /// Any definition, whether served at the top level or only under another resource.
    pub fn get(&self, api: &str, name: &str) -> Option<&ResourceDef> {
        self.index.get(&(api, name)).and_then(|&i| self.defs.get(i))
    }
    /// The position of field `name` in a registered definition (`None`: not registered, or no
    /// such field).
    pub fn field_pos(&self, def: &ResourceDef, name: &str) -> Option<usize> {
        let i = *self.index.get(&(def.api, def.name))?;
        let registered = self.defs.get(i)?;
        if !std::ptr::eq(registered, def) {
            return None;
        }
        self.positions.get(i)?.get(name).copied()
    }
    pub fn by_table(&self, table: &str) -> Option<&ResourceDef> {
        let (api, name) = table.split_once('/')?;
        self.get(api, name)
    }
    /// A definition served at `/api/admin/<api>/v1/<name>/`.
    pub fn routable(&self, api: &str, name: &str) -> Option<&ResourceDef> {
        self.get(api, name).filter(|d| d.mount.top_level)
    }
    /// The resource listed at `<parent>/<key>/<segment>/`, with the field that points at the parent.
    pub fn child(
        &self,
        api: &str,
        parent: &str,
        segment: &str,
    ) -> Option<(&ResourceDef, &'static str)> {
        self.defs.iter().find_map(|d| {
            let sub = d.mount.under?;
            (d.api == api && sub.parent == parent && sub.segment == segment).then_some((d, sub.via))
        })
    }
    /// Every resource of one API, in definition order.
    pub fn in_api<'a>(&'a self, api: &'a str) -> impl Iterator<Item = &'a ResourceDef> + 'a {
        self.defs.iter().filter(move |d| d.api == api)
    }
    pub fn has_api(&self, api: &str) -> bool {
        self.defs.iter().any(|d| d.api == api)
    }
}
