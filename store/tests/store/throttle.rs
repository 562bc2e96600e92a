use std::net::IpAddr;
use std::time::Duration;

use pexdesk_store::{LoginThrottle, ThrottleConfig, ThrottleDecision};

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn delay(d: ThrottleDecision) -> Duration {
    match d {
        ThrottleDecision::Allowed { delay } => delay,
        ThrottleDecision::Blocked { .. } => panic!("unexpectedly blocked"),
    }
}

fn blocked(d: ThrottleDecision) -> Duration {
    match d {
        ThrottleDecision::Blocked { retry_after } => retry_after,
        ThrottleDecision::Allowed { .. } => panic!("unexpectedly allowed"),
    }
}

#[test]
fn defaults() {
    let c = ThrottleConfig::default();
    assert_eq!(
        (
            c.max_failures_per_account,
            c.max_failures_per_addr,
            c.slowdown_after
        ),
        (5, 20, 2)
    );
    assert_eq!(c.window, Duration::from_secs(900));
    assert_eq!(c.slowdown_step, Duration::from_millis(250));
    assert_eq!(c.slowdown_cap, Duration::from_secs(2));
}

#[test]
fn account_slowdown_then_block() {
    let t = LoginThrottle::new(ThrottleConfig::default());
    let a = ip("192.0.2.1");
    let mut seen = Vec::new();
    for _ in 0..5 {
        seen.push(delay(t.check("Mallory@example.com", a)));
        t.record_failure("mallory@example.com", a);
    }
    assert_eq!(seen, [0, 0, 250, 500, 750].map(Duration::from_millis));
    let retry = blocked(t.check("MALLORY@example.com", a));
    assert!(
        retry > Duration::from_secs(60) && retry <= Duration::from_secs(180),
        "{retry:?}"
    );
    // Another account from another address is unaffected.
    assert_eq!(
        delay(t.check("other@example.com", ip("192.0.2.2"))),
        Duration::ZERO
    );
    // The blocked account stays blocked from another address too.
    blocked(t.check("mallory@example.com", ip("192.0.2.3")));
}

#[test]
fn slowdown_is_capped() {
    let t = LoginThrottle::new(ThrottleConfig {
        max_failures_per_account: 50,
        max_failures_per_addr: 50,
        ..Default::default()
    });
    let a = ip("192.0.2.9");
    for _ in 0..20 {
        t.record_failure("x@example.com", a);
    }
    assert_eq!(delay(t.check("x@example.com", a)), Duration::from_secs(2));
}

#[test]
fn address_block_across_accounts() {
    let t = LoginThrottle::new(ThrottleConfig::default());
    let a = ip("2001:db8::66");
    for i in 0..20 {
        // Different accounts, so no account reaches its own limit.
        t.record_failure(&format!("victim{}@example.com", i % 10), a);
    }
    blocked(t.check("fresh@example.com", a));
    // The same fresh account from another address is fine.
    assert_eq!(
        delay(t.check("fresh@example.com", ip("2001:db8::67"))),
        Duration::ZERO
    );
}

#[test]
fn success_clears_the_account() {
    let t = LoginThrottle::new(ThrottleConfig::default());
    let a = ip("198.51.100.4");
    for _ in 0..4 {
        t.record_failure("sam@example.com", a);
    }
    assert!(delay(t.check("sam@example.com", a)) > Duration::ZERO);
    t.record_success("sam@example.com", a);
    assert_eq!(
        delay(t.check("sam@example.com", ip("198.51.100.5"))),
        Duration::ZERO
    );
    // The account's allowance is whole again: 4 more failures do not block.
    for _ in 0..4 {
        t.record_failure("sam@example.com", ip("198.51.100.5"));
    }
    delay(t.check("sam@example.com", ip("198.51.100.5")));
    t.record_failure("sam@example.com", ip("198.51.100.5"));
    blocked(t.check("sam@example.com", ip("198.51.100.5")));
    // A success does not clear the address's failures (4 + 5 on two addresses).
    t.record_success("sam@example.com", a);
    assert_eq!(
        delay(t.check("sam@example.com", a)),
        Duration::from_millis(750)
    );
}
