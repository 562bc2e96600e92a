//! Value helpers: booleans as Tastypie reads them, and datetimes in its format.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// `true`/`True`/`1` and `false`/`False`/`0`.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v.trim() {
        "true" | "True" | "TRUE" | "1" => Some(true),
        "false" | "False" | "FALSE" | "0" => Some(false),
        _ => None,
    }
}

/// Parses the datetime forms clients send: naive ISO with or without microseconds, with a `Z` or
/// offset (converted to UTC), or a bare date.
pub fn parse_datetime(v: &str) -> Option<PrimitiveDateTime> {
    let v = v.trim();
    if let Ok(dt) = OffsetDateTime::parse(v, &Rfc3339) {
        let utc = dt.to_offset(UtcOffset::UTC);
        return Some(PrimitiveDateTime::new(utc.date(), utc.time()));
    }
    let v = v.replacen(' ', "T", 1);
    let with_frac =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]");
    let without = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let minutes = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let date = format_description!("[year]-[month]-[day]");
    PrimitiveDateTime::parse(&v, with_frac)
        .or_else(|_| PrimitiveDateTime::parse(&v, without))
        .or_else(|_| PrimitiveDateTime::parse(&v, minutes))
        .ok()
        .or_else(|| time::Date::parse(&v, date).ok().map(|d| d.midnight()))
}

/// Formats as Tastypie does: `YYYY-MM-DDTHH:MM:SS[.ffffff]`, microseconds omitted when zero.
pub fn format_datetime(dt: PrimitiveDateTime) -> String {
    let base = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    match dt.microsecond() {
        0 => base,
        us => format!("{base}.{us:06}"),
    }
}

/// A sortable fixed-width key for a datetime string (`None` if it does not parse).
pub fn datetime_key(v: &str) -> Option<String> {
    parse_datetime(v).map(|dt| {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}",
            dt.year(),
            u8::from(dt.month()),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second(),
            dt.microsecond()
        )
    })
}

/// The current UTC time in Tastypie's format.
pub fn now_string() -> String {
    let now = OffsetDateTime::now_utc();
    format_datetime(PrimitiveDateTime::new(now.date(), now.time()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_forms_round_trip() {
        let dt = parse_datetime("2021-03-12T14:47:45").unwrap();
        assert_eq!(format_datetime(dt), "2021-03-12T14:47:45");
        let dt = parse_datetime("2017-05-11T22:02:05.855877").unwrap();
        assert_eq!(format_datetime(dt), "2017-05-11T22:02:05.855877");
        let dt = parse_datetime("2021-03-12T15:47:45+01:00").unwrap();
        assert_eq!(format_datetime(dt), "2021-03-12T14:47:45");
        assert!(parse_datetime("yesterday").is_none());
    }
}
