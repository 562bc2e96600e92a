//! Dial routing through Call Routing Rules: the enabled rules that match outgoing calls, by
//! priority; the first whose `match_string` matches the whole destination (and whose source
//! location condition, if any, is the dialling location) decides the protocol, the outgoing
//! location and the dialled alias (`replace_string`, `\N` for group N). Pure.

use regex::Regex;

/// What a rule says about matching (read from `gateway_routing_rule`).
#[derive(Debug, Clone, Default)]
pub struct RuleView {
    pub name: String,
    pub priority: i64,
    pub enable: bool,
    pub match_outgoing_calls: bool,
    pub match_string: String,
    pub replace_string: String,
    /// URI of the location the call must come from (empty: any).
    pub match_source_location: String,
    /// `sip`, `h323`, `mssip`, `rtmp`, `gms`, `teams`.
    pub outgoing_protocol: String,
    /// URI of the location the call leaves from (empty: the dialling one).
    pub outgoing_location: String,
}

/// The rule that routes a dial, and what it makes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    pub rule: String,
    /// The alias actually dialled.
    pub destination: String,
    pub protocol: String,
    pub outgoing_location: String,
}

/// `\N` (Pexip) to `${N}` (the regex crate); `$` is literal.
fn replacement(template: &str) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_digit) => {
                if let Some(d) = chars.next() {
                    out.push_str(&format!("${{{d}}}"));
                }
            }
            '$' => out.push_str("$$"),
            other => out.push(other),
        }
    }
    out
}

/// The first enabled outgoing rule, by priority, that matches `destination` dialled from the
/// location `source_location` (a URI).
pub fn match_rule(
    rules: &[RuleView],
    destination: &str,
    source_location: &str,
) -> Option<RuleMatch> {
    let mut ordered: Vec<&RuleView> = rules
        .iter()
        .filter(|r| r.enable && r.match_outgoing_calls)
        .collect();
    ordered.sort_by_key(|r| r.priority);
    for rule in ordered {
        if !rule.match_source_location.is_empty() && rule.match_source_location != source_location {
            continue;
        }
        let Ok(re) = Regex::new(&format!("^(?:{})$", rule.match_string)) else {
            continue;
        };
        if !re.is_match(destination) {
            continue;
        }
        let dialled = if rule.replace_string.is_empty() {
            destination.to_string()
        } else {
            re.replace(destination, replacement(&rule.replace_string).as_str())
                .into_owned()
        };
        return Some(RuleMatch {
            rule: rule.name.clone(),
            destination: dialled,
            protocol: rule.outgoing_protocol.clone(),
            outgoing_location: rule.outgoing_location.clone(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, priority: i64, m: &str, r: &str) -> RuleView {
        RuleView {
            name: name.into(),
            priority,
            enable: true,
            match_outgoing_calls: true,
            match_string: m.into(),
            replace_string: r.into(),
            outgoing_protocol: "sip".into(),
            ..RuleView::default()
        }
    }

    #[test]
    fn the_first_matching_rule_by_priority_wins_and_rewrites() {
        let rules = vec![
            rule("catch-all", 100, ".*", ""),
            rule("pstn", 20, r"\+?(\d{7,15})", r"\1@sbc.example.com"),
            rule("disabled", 1, ".*", "x"),
        ];
        let mut rules = rules;
        rules[2].enable = false;
        let m = match_rule(&rules, "+4420794600", "").unwrap();
        assert_eq!(m.rule, "pstn");
        assert_eq!(m.destination, "4420794600@sbc.example.com");
        assert_eq!(match_rule(&rules, "alice", "").unwrap().rule, "catch-all");
    }

    #[test]
    fn the_match_is_on_the_whole_alias_and_only_outgoing_rules_count() {
        let mut incoming = rule("in", 1, "alice", "");
        incoming.match_outgoing_calls = false;
        let rules = vec![incoming, rule("lab", 5, r"55(\d{3})", r"lab\1@example.com")];
        assert!(match_rule(&rules, "alice", "").is_none());
        assert!(match_rule(&rules, "x55123", "").is_none());
        assert_eq!(
            match_rule(&rules, "55123", "").unwrap().destination,
            "lab123@example.com"
        );
    }

    #[test]
    fn a_source_location_condition_must_hold() {
        let mut r = rule("london only", 1, ".*", "");
        r.match_source_location = "/api/admin/configuration/v1/system_location/1/".into();
        let rules = vec![r];
        assert!(match_rule(
            &rules,
            "bob",
            "/api/admin/configuration/v1/system_location/2/"
        )
        .is_none());
        assert!(match_rule(
            &rules,
            "bob",
            "/api/admin/configuration/v1/system_location/1/"
        )
        .is_some());
    }

    #[test]
    fn replacements_translate_group_references() {
        assert_eq!(replacement(r"\1@x.com"), "${1}@x.com");
        assert_eq!(replacement("a$b"), "a$$b");
    }
}
