//! The state of the services list, carried in the URL so a search can be bookmarked and
//! shared: `/services?q=board&in=alias&type=vmr,reception&sort=-name&page=2&per=50`.

use serde::{Deserialize, Serialize};

use super::kind::ServiceKind;

/// Where the search term is looked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchField {
    /// Name, alias, description, owner email or tag.
    #[default]
    All,
    Name,
    Alias,
    Description,
    Owner,
    Tag,
}

impl SearchField {
    pub const ALL: [SearchField; 6] = [
        SearchField::All,
        SearchField::Name,
        SearchField::Alias,
        SearchField::Description,
        SearchField::Owner,
        SearchField::Tag,
    ];

    pub const fn slug(self) -> &'static str {
        match self {
            SearchField::All => "all",
            SearchField::Name => "name",
            SearchField::Alias => "alias",
            SearchField::Description => "description",
            SearchField::Owner => "owner",
            SearchField::Tag => "tag",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            SearchField::All => "All fields",
            SearchField::Name => "Name",
            SearchField::Alias => "Alias",
            SearchField::Description => "Description",
            SearchField::Owner => "Owner email",
            SearchField::Tag => "Tag",
        }
    }

    /// The Management API filter field this searches (`None` for all of them).
    pub const fn api_field(self) -> Option<&'static str> {
        match self {
            SearchField::All => None,
            SearchField::Name => Some("name"),
            SearchField::Alias => Some("aliases__alias"),
            SearchField::Description => Some("description"),
            SearchField::Owner => Some("primary_owner_email_address"),
            SearchField::Tag => Some("tag"),
        }
    }

    /// The fields an "all fields" search looks in.
    pub const EACH: [SearchField; 5] = [
        SearchField::Name,
        SearchField::Alias,
        SearchField::Description,
        SearchField::Owner,
        SearchField::Tag,
    ];

    fn from_slug(v: &str) -> Option<SearchField> {
        SearchField::ALL.into_iter().find(|f| f.slug() == v)
    }
}

/// A sortable column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    #[default]
    Name,
    Type,
    Owner,
    Tag,
    Created,
}

impl SortColumn {
    pub const ALL: [SortColumn; 5] = [
        SortColumn::Name,
        SortColumn::Type,
        SortColumn::Owner,
        SortColumn::Tag,
        SortColumn::Created,
    ];

    pub const fn slug(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Type => "type",
            SortColumn::Owner => "owner",
            SortColumn::Tag => "tag",
            SortColumn::Created => "created",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            SortColumn::Name => "Name",
            SortColumn::Type => "Type",
            SortColumn::Owner => "Owner",
            SortColumn::Tag => "Tag",
            SortColumn::Created => "Created",
        }
    }

    /// The Management API `order_by` field.
    pub const fn api_field(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Type => "service_type",
            SortColumn::Owner => "primary_owner_email_address",
            SortColumn::Tag => "tag",
            SortColumn::Created => "creation_time",
        }
    }

    fn from_slug(v: &str) -> Option<SortColumn> {
        SortColumn::ALL.into_iter().find(|c| c.slug() == v)
    }
}

/// Page sizes offered.
pub const PAGE_SIZES: [u32; 3] = [20, 50, 100];

/// Everything that shapes one view of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub q: String,
    pub field: SearchField,
    pub types: Vec<ServiceKind>,
    pub sort: SortColumn,
    pub desc: bool,
    pub page: u32,
    pub per_page: u32,
}

impl Default for ListParams {
    fn default() -> Self {
        ListParams {
            q: String::new(),
            field: SearchField::All,
            types: Vec::new(),
            sort: SortColumn::Name,
            desc: false,
            page: 1,
            per_page: PAGE_SIZES[0],
        }
    }
}

/// Parsed list state, and what in the URL could not be understood (shown to the person,
/// with the default used instead).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub params: ListParams,
    pub problems: Vec<String>,
}

impl ListParams {
    /// Reads the URL's query pairs.
    pub fn parse<'a>(get: impl Fn(&str) -> Option<String> + 'a) -> Parsed {
        let mut p = ListParams::default();
        let mut problems = Vec::new();
        if let Some(q) = get("q") {
            p.q = q.trim().chars().take(250).collect();
        }
        if let Some(v) = get("in").filter(|v| !v.is_empty()) {
            match SearchField::from_slug(&v) {
                Some(f) => p.field = f,
                None => problems.push(format!(
                    "\"{v}\" is not a field to search in; searching all fields."
                )),
            }
        }
        if let Some(v) = get("type").filter(|v| !v.is_empty()) {
            for part in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match ServiceKind::from_slug(part) {
                    Some(k) if !p.types.contains(&k) => p.types.push(k),
                    Some(_) => {}
                    None => problems.push(format!("\"{part}\" is not a kind of service; ignored.")),
                }
            }
        }
        if let Some(v) = get("sort").filter(|v| !v.is_empty()) {
            let (name, desc) = match v.strip_prefix('-') {
                Some(n) => (n, true),
                None => (v.as_str(), false),
            };
            match SortColumn::from_slug(name) {
                Some(c) => {
                    p.sort = c;
                    p.desc = desc;
                }
                None => problems.push(format!(
                    "\"{v}\" is not a column to sort by; sorted by name."
                )),
            }
        }
        if let Some(v) = get("page").filter(|v| !v.is_empty()) {
            match v.parse::<u32>() {
                Ok(n) if n >= 1 => p.page = n,
                _ => problems.push(format!("\"{v}\" is not a page number; showing page 1.")),
            }
        }
        if let Some(v) = get("per").filter(|v| !v.is_empty()) {
            match v.parse::<u32>() {
                Ok(n) if PAGE_SIZES.contains(&n) => p.per_page = n,
                _ => problems.push(format!(
                    "\"{v}\" rows per page is not offered; showing {}.",
                    PAGE_SIZES[0]
                )),
            }
        }
        Parsed {
            params: p,
            problems,
        }
    }

    /// The offset of the first row of the page.
    pub fn offset(&self) -> u32 {
        self.page.saturating_sub(1).saturating_mul(self.per_page)
    }

    /// The query string of this state (without `?`), default values left out.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if self.field != SearchField::All {
            pairs.push(("in", self.field.slug().to_owned()));
        }
        if !self.types.is_empty() {
            let types: Vec<&str> = self.types.iter().map(|k| k.slug()).collect();
            pairs.push(("type", types.join(",")));
        }
        if self.sort != SortColumn::Name || self.desc {
            let sort = format!("{}{}", if self.desc { "-" } else { "" }, self.sort.slug());
            pairs.push(("sort", sort));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != PAGE_SIZES[0] {
            pairs.push(("per", self.per_page.to_string()));
        }
        crate::ui::query::encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// `/services?…` for this state.
    pub fn href(&self) -> String {
        let q = self.to_query();
        if q.is_empty() {
            "/services".to_owned()
        } else {
            format!("/services?{q}")
        }
    }

    /// This state on another page.
    pub fn with_page(&self, page: u32) -> ListParams {
        ListParams {
            page,
            ..self.clone()
        }
    }

    /// This state sorted by `column`: the same column again flips the direction.
    pub fn sorted_by(&self, column: SortColumn) -> ListParams {
        let desc = self.sort == column && !self.desc;
        ListParams {
            sort: column,
            desc,
            page: 1,
            ..self.clone()
        }
    }

    /// This state with the type chip `kind` toggled.
    pub fn toggled(&self, kind: ServiceKind) -> ListParams {
        let mut types = self.types.clone();
        if let Some(i) = types.iter().position(|k| *k == kind) {
            types.remove(i);
        } else {
            types.push(kind);
        }
        ListParams {
            types,
            page: 1,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(q: &[(&str, &str)]) -> Parsed {
        let map: HashMap<String, String> = q
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListParams::parse(move |k| map.get(k).cloned())
    }

    #[test]
    fn round_trips_through_the_url() {
        let p = parse(&[
            ("q", "board room"),
            ("in", "alias"),
            ("type", "vmr,reception"),
            ("sort", "-created"),
            ("page", "3"),
            ("per", "50"),
        ]);
        assert!(p.problems.is_empty());
        let params = p.params;
        assert_eq!(params.types, vec![ServiceKind::Vmr, ServiceKind::Reception]);
        assert!(params.desc && params.sort == SortColumn::Created);
        assert_eq!(params.offset(), 100);
        assert_eq!(
            params.to_query(),
            "q=board+room&in=alias&type=vmr,reception&sort=-created&page=3&per=50"
        );
        assert_eq!(ListParams::default().href(), "/services");
    }

    #[test]
    fn bad_values_are_explained_and_defaulted() {
        let p = parse(&[
            ("sort", "colour"),
            ("page", "0"),
            ("per", "7"),
            ("type", "vmr,zoo"),
            ("in", "x"),
        ]);
        assert_eq!(
            p.params,
            ListParams {
                types: vec![ServiceKind::Vmr],
                ..ListParams::default()
            }
        );
        assert_eq!(p.problems.len(), 5, "{:?}", p.problems);
        assert!(p.problems[0].contains("not a field"));
    }

    #[test]
    fn sorting_the_same_column_flips_and_chips_toggle() {
        let p = ListParams::default();
        let by_name = p.sorted_by(SortColumn::Name);
        assert!(by_name.desc);
        assert!(!by_name.sorted_by(SortColumn::Name).desc);
        let t = p.toggled(ServiceKind::TestCall);
        assert_eq!(t.types, vec![ServiceKind::TestCall]);
        assert!(t.toggled(ServiceKind::TestCall).types.is_empty());
        assert_eq!(p.with_page(4).with_page(2).page, 2);
        let encoded = ListParams {
            q: "a&b=c/ü".into(),
            ..p
        }
        .to_query();
        assert_eq!(encoded, "q=a%26b%3Dc%2F%C3%BC");
    }
}
