//! How a command's failure reads: a failure envelope on a 4xx is
//! [`Error::CommandFailed`], a 400 naming fields is [`Error::Validation`].

use std::time::Duration;

use serde_json::Value;

use super::error::{from_status, Error};
use crate::command::{CommandResponse, CommandStatus};

/// Maps a non-2xx answer to a command. A command envelope
/// (`{"status": "error", "message": "…"}`, also `failed`/`failure`, or `error`
/// instead of `message`) on a 4xx becomes [`Error::CommandFailed`]; a field-shaped
/// 400 (`{"<command>": {"<field>": ["msg"]}}`) stays [`Error::Validation`].
/// 401, 403 and 429 keep their kinds (credentials, permissions, the wait), and
/// so does a 5xx (the node failed; its text is not for users).
pub(crate) fn from_command_status(
    status: u16,
    body: &[u8],
    retry_after: Option<Duration>,
) -> Error {
    if (400..500).contains(&status) && !matches!(status, 401 | 403 | 429) {
        if let Some(message) = command_failure(body) {
            return Error::CommandFailed(message);
        }
    }
    from_status(status, body, retry_after)
}

/// The failure text of a command envelope whose `status` is a failure
/// (`message`, else `error`, else a generic text); `None` for any other body.
fn command_failure(body: &[u8]) -> Option<String> {
    // `status` must be a failure string: a validation error on a field called
    // `status` is a list, and a missing `status` reads as success.
    let resp: CommandResponse<Value> = serde_json::from_slice(body).ok()?;
    match resp.status {
        CommandStatus::Failed | CommandStatus::Failure | CommandStatus::Error => {
            resp.failure_text().map(str::to_string)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_4xx_command_envelope_is_a_command_failure() {
        let unknown = br#"{"status": "error", "message": "Participant 'p-404' does not exist", "data": null}"#;
        let e = from_command_status(400, unknown, None);
        assert!(
            matches!(&e, Error::CommandFailed(m) if m == "Participant 'p-404' does not exist"),
            "{e:?}"
        );
        assert_eq!(
            e.user_message(),
            "The command failed: Participant 'p-404' does not exist"
        );
        // `failed`/`failure` and an `error` text instead of `message`.
        let e = from_command_status(
            400,
            br#"{"status": "failed", "error": "No such conference"}"#,
            None,
        );
        assert!(
            matches!(&e, Error::CommandFailed(m) if m == "No such conference"),
            "{e:?}"
        );
        let e = from_command_status(409, br#"{"status": "failure", "message": "Busy"}"#, None);
        assert!(
            matches!(&e, Error::CommandFailed(m) if m == "Busy"),
            "{e:?}"
        );
        // A 404 with an envelope explains itself; without one it is still NotFound.
        let e = from_command_status(404, unknown, None);
        assert!(matches!(e, Error::CommandFailed(_)), "{e:?}");
        assert!(matches!(
            from_command_status(404, b"<h1>Not Found</h1>", None),
            Error::NotFound
        ));
        // The same body on a configuration request keeps the old mapping.
        assert!(matches!(
            from_status(400, unknown, None),
            Error::Validation(_)
        ));
    }

    #[test]
    fn a_field_shaped_command_400_stays_a_validation_error() {
        let body = br#"{"dial": {"conference_alias": ["This field is required."], "destination": ["Bad", "Worse"]}}"#;
        let e = from_command_status(400, body, None);
        let fields = e.field_errors().expect("validation");
        assert_eq!(fields["conference_alias"], vec!["This field is required."]);
        assert_eq!(fields["destination"].len(), 2);
        assert!(!fields.contains_key("status"));
        // A field that happens to be called `status` is a list, not an envelope.
        let e = from_command_status(400, br#"{"status": ["Not a valid choice."]}"#, None);
        assert_eq!(
            e.field_errors().unwrap()["status"],
            vec!["Not a valid choice."]
        );
        // Neither a status nor fields: the generic message, never the body.
        let e = from_command_status(400, b"<html>Bad Request: secret=hunter2</html>", None);
        assert!(matches!(e, Error::Validation(_)), "{e:?}");
        assert!(!e.user_message().contains("hunter2"));
    }

    #[test]
    fn auth_rate_limit_and_server_errors_keep_their_kinds() {
        let envelope = br#"{"status": "error", "message": "nope"}"#;
        assert!(matches!(
            from_command_status(401, envelope, None),
            Error::Unauthorized
        ));
        assert!(matches!(
            from_command_status(403, envelope, None),
            Error::Forbidden
        ));
        let wait = Some(std::time::Duration::from_secs(3));
        assert!(matches!(
            from_command_status(429, envelope, wait),
            Error::RateLimited(Some(_))
        ));
        assert!(matches!(
            from_command_status(500, envelope, None),
            Error::Unavailable(crate::client::UnavailableReason::Server(500))
        ));
    }

    #[test]
    fn command_failure_messages_are_shown_on_one_short_line() {
        let long = format!(
            r#"{{"status": "error", "message": "line one\nline two\u001b[31m {}"}}"#,
            "x".repeat(500)
        );
        let e = from_command_status(400, long.as_bytes(), None);
        let shown = e.user_message();
        assert!(
            shown.starts_with("The command failed: line one line two [31m x"),
            "{shown}"
        );
        assert!(!shown.contains('\n') && !shown.contains('\u{1b}'));
        assert!(shown.chars().count() < 240, "{}", shown.chars().count());
        let e = from_command_status(400, br#"{"status": "error", "message": " "}"#, None);
        assert_eq!(e.user_message(), "The command failed: no reason was given");
        let e = from_command_status(400, br#"{"status": "error", "data": null}"#, None);
        assert!(
            matches!(&e, Error::CommandFailed(m) if m == "the command failed"),
            "{e:?}"
        );
    }
}
