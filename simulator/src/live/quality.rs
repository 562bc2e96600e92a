//! Perceived call quality, as the guide defines it: packet loss over 20-second windows (both
//! directions) gives one reading per window — under 1 % Good, under 3 % OK, under 10 % Bad,
//! otherwise Terrible — reported as 0 Unknown, 1 Good, 2 OK, 3 Bad, 4 Terrible. Pure functions.

/// The length of one quality window.
pub const WINDOW_MS: u64 = 20_000;

/// The reading of a window with `loss_percent` packet loss (1 to 4).
pub fn classify(loss_percent: f64) -> u8 {
    if loss_percent < 1.0 {
        1
    } else if loss_percent < 3.0 {
        2
    } else if loss_percent < 10.0 {
        3
    } else {
        4
    }
}

/// The reading of a window from its packet counts in each direction: the worse direction
/// decides. No packets at all is Unknown (0).
pub fn window_reading(rx_lost: u64, rx_total: u64, tx_lost: u64, tx_total: u64) -> u8 {
    let ratio = |lost: u64, total: u64| (total > 0).then(|| 100.0 * lost as f64 / total as f64);
    match (ratio(rx_lost, rx_total), ratio(tx_lost, tx_total)) {
        (None, None) => 0,
        (a, b) => classify(a.unwrap_or(0.0).max(b.unwrap_or(0.0))),
    }
}

/// The wire value of a reading: `0_unknown` … `4_terrible`.
pub fn label(reading: u8) -> &'static str {
    match reading {
        1 => "1_good",
        2 => "2_ok",
        3 => "3_bad",
        4 => "4_terrible",
        _ => "0_unknown",
    }
}

/// The most frequent reading of `readings`; a tie goes to the worse reading (pexsim's choice:
/// the guide does not say, and the worse one is what an operator needs to see). Empty: Unknown.
pub fn most_frequent(readings: &[u8]) -> u8 {
    let counts = buckets(readings);
    // `max_by_key` keeps the last of equal maxima: ascending order makes that the worst.
    (0..=4u8)
        .max_by_key(|&r| counts.get(usize::from(r)).copied().unwrap_or(0))
        .filter(|&r| counts.get(usize::from(r)).copied().unwrap_or(0) > 0)
        .unwrap_or(0)
}

/// A live participant's `call_quality`: the most frequent of the last 3 windows.
pub fn live_quality(readings: &[u8]) -> &'static str {
    let last = &readings[readings.len().saturating_sub(3)..];
    label(most_frequent(last))
}

/// An ended participant's `call_quality`: the most frequent reading of the whole call.
pub fn overall_quality(readings: &[u8]) -> &'static str {
    label(most_frequent(readings))
}

/// `bucketed_call_quality`: how many windows had each reading, [unknown, good, ok, bad, terrible].
pub fn buckets(readings: &[u8]) -> [u64; 5] {
    let mut out = [0u64; 5];
    for r in readings {
        if let Some(slot) = out.get_mut(usize::from(*r)) {
            *slot += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_follow_the_guide() {
        assert_eq!(classify(0.0), 1);
        assert_eq!(classify(0.99), 1);
        assert_eq!(classify(1.0), 2);
        assert_eq!(classify(2.99), 2);
        assert_eq!(classify(3.0), 3);
        assert_eq!(classify(9.99), 3);
        assert_eq!(classify(10.0), 4);
        assert_eq!(classify(55.0), 4);
    }

    #[test]
    fn a_window_takes_the_worse_direction_and_no_packets_is_unknown() {
        assert_eq!(window_reading(0, 1000, 50, 1000), 3);
        assert_eq!(window_reading(20, 1000, 0, 1000), 2);
        assert_eq!(window_reading(0, 0, 0, 0), 0);
        assert_eq!(window_reading(0, 0, 200, 1000), 4);
    }

    #[test]
    fn call_quality_is_the_most_frequent_of_the_last_three_windows() {
        assert_eq!(live_quality(&[]), "0_unknown");
        assert_eq!(live_quality(&[4, 4, 4, 1, 1, 3]), "1_good");
        assert_eq!(live_quality(&[1, 3, 3]), "3_bad");
        // A three-way tie goes to the worst.
        assert_eq!(live_quality(&[1, 2, 4]), "4_terrible");
        assert_eq!(overall_quality(&[1, 1, 1, 3, 3]), "1_good");
    }

    #[test]
    fn buckets_count_each_reading() {
        assert_eq!(
            buckets(&[1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4, 4]),
            [0, 7, 3, 1, 2]
        );
        assert_eq!(buckets(&[]), [0; 5]);
    }
}
