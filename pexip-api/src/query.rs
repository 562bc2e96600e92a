//! A typed query for list requests: filters, ordering, limit and offset.

use std::fmt;

/// A filter lookup ("match specifier" in the guide).
///
/// `contains`, `startswith` and `endswith` are case-insensitive on the node;
/// `exact` and `regex` are case-sensitive; `lt`/`lte`/`gt`/`gte` compare
/// strings by ordinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Specifier {
    /// `field=value` (sent without a suffix).
    Exact,
    /// `field__iexact=value`
    IExact,
    /// `field__contains=value`
    Contains,
    /// `field__icontains=value`
    IContains,
    /// `field__startswith=value`
    StartsWith,
    /// `field__istartswith=value`
    IStartsWith,
    /// `field__endswith=value`
    EndsWith,
    /// `field__iendswith=value`
    IEndsWith,
    /// `field__regex=value`
    Regex,
    /// `field__iregex=value`
    IRegex,
    /// `field__lt=value`
    Lt,
    /// `field__lte=value`
    Lte,
    /// `field__gt=value`
    Gt,
    /// `field__gte=value`
    Gte,
    /// `field__in=a,b,c`: any of the comma-separated values.
    In,
}

impl Specifier {
    /// The lookup name as it appears after `__`.
    pub fn as_str(self) -> &'static str {
        match self {
            Specifier::Exact => "exact",
            Specifier::IExact => "iexact",
            Specifier::Contains => "contains",
            Specifier::IContains => "icontains",
            Specifier::StartsWith => "startswith",
            Specifier::IStartsWith => "istartswith",
            Specifier::EndsWith => "endswith",
            Specifier::IEndsWith => "iendswith",
            Specifier::Regex => "regex",
            Specifier::IRegex => "iregex",
            Specifier::Lt => "lt",
            Specifier::Lte => "lte",
            Specifier::Gt => "gt",
            Specifier::Gte => "gte",
            Specifier::In => "in",
        }
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Order {
    /// Ascending: `order_by=field`.
    Asc,
    /// Descending: `order_by=-field`.
    Desc,
}

/// A list query. Build it with the chained methods; render it with
/// [`Query::to_query_string`].
///
/// ```
/// use pexip_api::{Query, Specifier, Order};
/// let q = Query::new()
///     .filter("aliases__alias", Specifier::Contains, "@")
///     .order_by("name", Order::Desc)
///     .limit(100);
/// assert_eq!(q.to_query_string(), "aliases__alias__contains=%40&order_by=-name&limit=100");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    filters: Vec<(String, String)>,
    order: Vec<(String, Order)>,
    limit: Option<u32>,
    offset: Option<u64>,
}

/// The node's maximum page size.
pub const MAX_LIMIT: u32 = 10_000;

impl Query {
    /// An empty query (the node's default page of 20).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a filter. Related lookups use `__` in the field, e.g.
    /// `media_streams__tx_packet_loss` with [`Specifier::Gte`].
    pub fn filter(mut self, field: &str, spec: Specifier, value: impl fmt::Display) -> Self {
        let key = match spec {
            Specifier::Exact => field.to_string(),
            other => format!("{field}__{}", other.as_str()),
        };
        self.filters.push((key, value.to_string()));
        self
    }

    /// Shorthand for an exact match.
    pub fn eq(self, field: &str, value: impl fmt::Display) -> Self {
        self.filter(field, Specifier::Exact, value)
    }

    /// Adds an ordering key (the first added sorts first).
    pub fn order_by(mut self, field: &str, order: Order) -> Self {
        self.order.push((field.to_string(), order));
        self
    }

    /// Sets the page size, clamped to 1..=10000 (0 would mean "the maximum" to the node).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit.clamp(1, MAX_LIMIT));
        self
    }

    /// Sets the offset of the first object.
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// The page size, if set.
    pub fn get_limit(&self) -> Option<u32> {
        self.limit
    }

    /// The URL-encoded query string, without the leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.filters {
            ser.append_pair(k, v);
        }
        for (field, order) in &self.order {
            let v = match order {
                Order::Asc => field.clone(),
                Order::Desc => format!("-{field}"),
            };
            ser.append_pair("order_by", &v);
        }
        if let Some(l) = self.limit {
            ser.append_pair("limit", &l.to_string());
        }
        if let Some(o) = self.offset {
            ser.append_pair("offset", &o.to_string());
        }
        ser.finish()
    }

    /// `path?query`, or the path alone when the query is empty.
    pub fn apply_to(&self, path: &str) -> String {
        let q = self.to_query_string();
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_characters() {
        let q = Query::new()
            .filter("name", Specifier::IContains, "a&b=c d+é")
            .filter("end_time", Specifier::Lt, "2019-04-09T00:00:00")
            .eq("service_type", "conference")
            .offset(40);
        assert_eq!(
            q.to_query_string(),
            "name__icontains=a%26b%3Dc+d%2B%C3%A9&end_time__lt=2019-04-09T00%3A00%3A00&service_type=conference&offset=40"
        );
    }

    #[test]
    fn every_specifier_renders_its_suffix() {
        let all = [
            Specifier::IExact,
            Specifier::Contains,
            Specifier::IContains,
            Specifier::StartsWith,
            Specifier::IStartsWith,
            Specifier::EndsWith,
            Specifier::IEndsWith,
            Specifier::Regex,
            Specifier::IRegex,
            Specifier::Lt,
            Specifier::Lte,
            Specifier::Gt,
            Specifier::Gte,
            Specifier::In,
        ];
        for s in all {
            let q = Query::new().filter("f", s, "v").to_query_string();
            assert_eq!(q, format!("f__{}=v", s.as_str()));
        }
        assert_eq!(
            Query::new()
                .filter("f", Specifier::Exact, 1)
                .to_query_string(),
            "f=1"
        );
    }

    #[test]
    fn ordering_and_limits() {
        let q = Query::new()
            .order_by("start_time", Order::Desc)
            .order_by("name", Order::Asc)
            .limit(50_000);
        assert_eq!(
            q.to_query_string(),
            "order_by=-start_time&order_by=name&limit=10000"
        );
        assert_eq!(Query::new().apply_to("/x/"), "/x/");
        assert_eq!(Query::new().limit(0).apply_to("/x/"), "/x/?limit=1");
    }
}
