//! Query-string encoding shared by pages and the browser build (no dependency the
//! wasm build lacks).

/// Percent-encodes one query component (`application/x-www-form-urlencoded`: a space is
/// `+`; commas are kept, for readable lists).
pub fn encode_component(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(value.len());
    // Runs of bytes that need no encoding are copied whole. They are ASCII, so each run
    // starts and ends on a character boundary.
    let mut run = 0;
    for (i, b) in value.bytes().enumerate() {
        if is_unreserved(b) {
            continue;
        }
        out.push_str(value.get(run..i).unwrap_or_default());
        run = i + 1;
        if b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out.push_str(value.get(run..).unwrap_or_default());
}

/// Bytes a query component keeps as they are.
fn is_unreserved(b: u8) -> bool {
    matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',')
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

    #[test]
    fn encodes_every_byte_of_non_ascii_text() {
        let mut out = String::new();
        encode_component("Zürich ☕ room", &mut out);
        assert_eq!(out, "Z%C3%BCrich+%E2%98%95+room");
        let mut out = String::new();
        encode_component("é", &mut out);
        assert_eq!(out, "%C3%A9");
    }
}
