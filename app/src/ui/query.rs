//! Query-string encoding shared by pages and the browser build (no dependency the
//! wasm build lacks).

/// Percent-encodes one query component (`application/x-www-form-urlencoded`: a space is
/// `+`; commas are kept, for readable lists).
pub fn encode_component(value: &str, out: &mut String) {
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// `k1=v1&k2=v2`, each part encoded.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        encode_component(k, &mut out);
        out.push('=');
        encode_component(v, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(
            encode_pairs([("form[name]", "a b&c"), ("ids", "1,2")]),
            "form%5Bname%5D=a+b%26c&ids=1,2"
        );
    }
}
