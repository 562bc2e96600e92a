//! The page to go back to after signing in. Only local paths are accepted, so a crafted
//! link cannot send someone to another site (open redirect).

/// Returns `candidate` when it is a local path (`/…`, not `//…`, no scheme, no
/// backslashes or control characters); otherwise `/`.
pub fn safe_return_to(candidate: Option<&str>) -> String {
    match candidate {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && !path.starts_with("/login")
        && path.len() <= 2048
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_are_kept() {
        assert_eq!(
            safe_return_to(Some("/services?q=board")),
            "/services?q=board"
        );
        assert_eq!(safe_return_to(Some("/")), "/");
    }

    #[test]
    fn anything_else_goes_home() {
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "services",
            "/a\nb",
            "/login?next=/x",
            "",
        ] {
            assert_eq!(safe_return_to(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_return_to(None), "/");
    }
}
