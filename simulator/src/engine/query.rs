//! The query-string parser for list requests: paging, ordering and raw filters.
//! Pure and schema-independent, so that arbitrary input can be property-tested.

use super::errors::ApiError;

/// A filter specifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Exact,
    IExact,
    Contains,
    IContains,
    StartsWith,
    IStartsWith,
    EndsWith,
    IEndsWith,
    Regex,
    IRegex,
    Lt,
    Lte,
    Gt,
    Gte,
    In,
    Range,
    IsNull,
}

impl Lookup {
    pub fn parse(s: &str) -> Option<Lookup> {
        Some(match s {
            "exact" => Lookup::Exact,
            "iexact" => Lookup::IExact,
            "contains" => Lookup::Contains,
            "icontains" => Lookup::IContains,
            "startswith" => Lookup::StartsWith,
            "istartswith" => Lookup::IStartsWith,
            "endswith" => Lookup::EndsWith,
            "iendswith" => Lookup::IEndsWith,
            "regex" => Lookup::Regex,
            "iregex" => Lookup::IRegex,
            "lt" => Lookup::Lt,
            "lte" => Lookup::Lte,
            "gt" => Lookup::Gt,
            "gte" => Lookup::Gte,
            "in" => Lookup::In,
            "range" => Lookup::Range,
            "isnull" => Lookup::IsNull,
            _ => return None,
        })
    }
}

/// Query keys that are never filters.
pub const RESERVED: &[&str] = &[
    "limit",
    "offset",
    "order_by",
    "sort_by",
    "format",
    "fullschema",
    "offline_mode",
    "username",
    "api_key",
    "callback",
];

/// One `field__sub__lookup=value` pair, not yet checked against a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFilter {
    pub key: String,
    pub path: Vec<String>,
    pub lookup: Lookup,
    pub value: String,
}

/// A parsed list query.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub limit: usize,
    pub offset: usize,
    /// Field names; a leading `-` means descending.
    pub order_by: Vec<String>,
    pub filters: Vec<RawFilter>,
    /// Every pair except `limit` and `offset`, in order, for `next`/`previous`.
    pub kept_pairs: Vec<(String, String)>,
}

/// Parses a raw (percent-encoded) query string.
pub fn parse(raw: &str, default_limit: usize, max_limit: usize) -> Result<ListQuery, ApiError> {
    let mut q = ListQuery {
        limit: default_limit,
        offset: 0,
        order_by: Vec::new(),
        filters: Vec::new(),
        kept_pairs: Vec::new(),
    };
    for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
        let (k, v) = (k.into_owned(), v.into_owned());
        match k.as_str() {
            "limit" => q.limit = parse_limit(&v, max_limit)?,
            "offset" => q.offset = parse_offset(&v)?,
            _ => {
                if k == "order_by" || k == "sort_by" {
                    if !v.is_empty() {
                        q.order_by.push(v.clone());
                    }
                } else if !RESERVED.contains(&k.as_str()) {
                    q.filters.retain(|f| f.key != k || f.lookup == Lookup::In);
                    q.filters.push(raw_filter(&k, &v)?);
                }
                q.kept_pairs.push((k, v));
            }
        }
    }
    Ok(q)
}

fn parse_limit(v: &str, max_limit: usize) -> Result<usize, ApiError> {
    let n: i64 = v.trim().parse().map_err(|_| {
        ApiError::bad(format!(
            "Invalid limit '{v}' provided. Please provide a positive integer."
        ))
    })?;
    if n < 0 {
        return Err(ApiError::bad(format!(
            "Invalid limit '{v}' provided. Please provide a positive integer >= 0."
        )));
    }
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    Ok(if n == 0 || n > max_limit {
        max_limit
    } else {
        n
    })
}

fn parse_offset(v: &str) -> Result<usize, ApiError> {
    let n: i64 = v.trim().parse().map_err(|_| {
        ApiError::bad(format!(
            "Invalid offset '{v}' provided. Please provide an integer."
        ))
    })?;
    usize::try_from(n).map_err(|_| {
        ApiError::bad(format!(
            "Invalid offset '{v}' provided. Please provide a positive integer >= 0."
        ))
    })
}

fn raw_filter(key: &str, value: &str) -> Result<RawFilter, ApiError> {
    let mut parts: Vec<String> = key.split("__").map(str::to_string).collect();
    if parts.iter().any(String::is_empty) {
        return Err(ApiError::bad(format!("The '{key}' filter is malformed.")));
    }
    let lookup = match parts.last().and_then(|l| Lookup::parse(l)) {
        Some(l) if parts.len() > 1 => {
            parts.pop();
            l
        }
        _ => Lookup::Exact,
    };
    Ok(RawFilter {
        key: key.to_string(),
        path: parts,
        lookup,
        value: value.to_string(),
    })
}

/// Builds `path?kept&limit=L&offset=O`, as Tastypie's paginator does.
pub fn page_uri(path: &str, kept: &[(String, String)], limit: usize, offset: usize) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in kept {
        ser.append_pair(k, v);
    }
    ser.append_pair("limit", &limit.to_string());
    ser.append_pair("offset", &offset.to_string());
    format!("{path}?{}", ser.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_field_is_exact_and_lookup_is_split() {
        let q = parse(
            "name=VMR_1&aliases__alias__contains=%40&limit=5&offset=10",
            20,
            10000,
        )
        .unwrap();
        assert_eq!(q.limit, 5);
        assert_eq!(q.offset, 10);
        assert_eq!(q.filters[0].lookup, Lookup::Exact);
        assert_eq!(q.filters[1].path, vec!["aliases", "alias"]);
        assert_eq!(q.filters[1].lookup, Lookup::Contains);
        assert_eq!(q.filters[1].value, "@");
    }

    #[test]
    fn limit_rules_follow_tastypie() {
        assert_eq!(parse("limit=0", 20, 10000).unwrap().limit, 10000);
        assert_eq!(parse("limit=20000", 20, 10000).unwrap().limit, 10000);
        assert!(parse("limit=-1", 20, 10000).is_err());
        assert!(parse("limit=x", 20, 10000).is_err());
        assert!(parse("offset=-3", 20, 10000).is_err());
    }

    #[test]
    fn page_uri_keeps_other_parameters() {
        let q = parse("service_type=conference&limit=2&order_by=-name", 20, 10000).unwrap();
        assert_eq!(
            page_uri("/x/", &q.kept_pairs, 2, 2),
            "/x/?service_type=conference&order_by=-name&limit=2&offset=2"
        );
    }
}
