//! Timestamps are stored as integer unix milliseconds (UTC) on both backends.

use time::OffsetDateTime;

use crate::StoreError;

pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub(crate) fn to_ms(t: OffsetDateTime) -> i64 {
    let ms = t.unix_timestamp_nanos() / 1_000_000;
    i64::try_from(ms).unwrap_or(if ms < 0 { i64::MIN } else { i64::MAX })
}

pub(crate) fn now_ms() -> i64 {
    to_ms(now())
}

pub(crate) fn from_ms(ms: i64) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map_err(|_| StoreError::Corrupt(format!("timestamp out of range: {ms}")))
}

/// A `time::Duration` as whole milliseconds, saturating.
pub(crate) fn duration_ms(d: time::Duration) -> i64 {
    i64::try_from(d.whole_milliseconds()).unwrap_or(i64::MAX)
}
