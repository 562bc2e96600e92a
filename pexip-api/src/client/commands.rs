//! Typed functions for every command of the guide. Commands are POSTs: sent
//! once, never retried.

use reqwest::Method;

use super::transport::{Body, ErrorBody, Idempotency, Request};
use super::{Client, Error};
use crate::choice::Role;
use crate::command::*;
use crate::config::ConferenceId;
use crate::status::{ConferenceInstanceId, ParticipantId};

impl Client {
    /// Runs any command; returns its `data` (default when the body is empty).
    /// A failure envelope (`"status": "failed"`/`"error"` with a `message`), on a
    /// 2xx or a 4xx such as an unknown participant's 400, becomes
    /// [`Error::CommandFailed`]; a 400 naming fields stays [`Error::Validation`].
    pub async fn command<C: Command>(&self, cmd: &C) -> Result<C::Data, Error> {
        let body = match C::ENCODING {
            Encoding::Json => Body::Json(
                serde_json::to_vec(cmd)
                    .map_err(|e| Error::Config(format!("could not encode the command: {e}")))?
                    .into(),
            ),
            Encoding::Form => Body::Form(form_encode(cmd)?),
        };
        let req = Request {
            method: Method::POST,
            path: C::path(),
            body,
            idempotency: Idempotency::Never,
            transfer: false,
            errors: ErrorBody::Command,
        };
        let bytes = self.send(req).await?.bytes().await?;
        command_data::<C::Data>(&bytes)
    }

    /// Dials a participant into a conference; returns the new participant's ids.
    pub async fn dial(&self, dial: &Dial) -> Result<DialData, Error> {
        self.command(dial).await
    }

    /// Disconnects a participant.
    pub async fn disconnect_participant(&self, id: &ParticipantId) -> Result<(), Error> {
        self.command(&DisconnectParticipant {
            participant_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Mutes a participant.
    pub async fn mute_participant(&self, id: &ParticipantId) -> Result<(), Error> {
        self.command(&MuteParticipant {
            participant_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Unmutes a participant.
    pub async fn unmute_participant(&self, id: &ParticipantId) -> Result<(), Error> {
        self.command(&UnmuteParticipant {
            participant_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Lets a participant waiting in a locked conference in.
    pub async fn unlock_participant(&self, id: &ParticipantId) -> Result<(), Error> {
        self.command(&UnlockParticipant {
            participant_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Moves a participant to the conference of `conference_alias`.
    pub async fn transfer_participant(
        &self,
        id: &ParticipantId,
        conference_alias: &str,
        role: Role,
    ) -> Result<(), Error> {
        let cmd = TransferParticipant {
            participant_id: id.clone(),
            conference_alias: conference_alias.to_string(),
            role,
        };
        self.command(&cmd).await.map(drop)
    }

    /// Changes a participant's role.
    pub async fn change_participant_role(
        &self,
        id: &ParticipantId,
        role: Role,
    ) -> Result<(), Error> {
        let cmd = ChangeParticipantRole {
            participant_id: id.clone(),
            role,
        };
        self.command(&cmd).await.map(drop)
    }

    /// Disconnects everyone from a conference.
    pub async fn disconnect_conference(&self, id: &ConferenceInstanceId) -> Result<(), Error> {
        self.command(&DisconnectConference {
            conference_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Locks a conference.
    pub async fn lock_conference(&self, id: &ConferenceInstanceId) -> Result<(), Error> {
        self.command(&LockConference {
            conference_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Unlocks a conference.
    pub async fn unlock_conference(&self, id: &ConferenceInstanceId) -> Result<(), Error> {
        self.command(&UnlockConference {
            conference_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Mutes all Guests.
    pub async fn mute_guests(&self, id: &ConferenceInstanceId) -> Result<(), Error> {
        self.command(&MuteGuests {
            conference_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Unmutes all Guests.
    pub async fn unmute_guests(&self, id: &ConferenceInstanceId) -> Result<(), Error> {
        self.command(&UnmuteGuests {
            conference_id: id.clone(),
        })
        .await
        .map(drop)
    }

    /// Changes layout and indicators.
    pub async fn transform_layout(&self, cmd: &TransformLayout) -> Result<(), Error> {
        self.command(cmd).await.map(drop)
    }

    /// Runs an LDAP sync template.
    pub async fn sync_template(&self, template_id: i64) -> Result<(), Error> {
        self.command(&SyncTemplate {
            conference_sync_template_id: template_id,
        })
        .await
        .map(drop)
    }

    /// Sends the provisioning email of a VMR (configuration id) to its owner.
    pub async fn send_conference_email(
        &self,
        id: ConferenceId,
        template_id: Option<i64>,
    ) -> Result<(), Error> {
        let cmd = SendConferenceEmail {
            conference_id: id,
            conference_sync_template_id: template_id,
        };
        self.command(&cmd).await.map(drop)
    }

    /// Sends the provisioning email of a device to its owner.
    pub async fn send_device_email(
        &self,
        device_id: i64,
        template_id: Option<i64>,
    ) -> Result<(), Error> {
        let cmd = SendDeviceEmail {
            device_id,
            conference_sync_template_id: template_id,
        };
        self.command(&cmd).await.map(drop)
    }

    /// Creates a backup on the Management Node (see `system_backup`).
    pub async fn backup_create(&self, passphrase: &str) -> Result<(), Error> {
        self.command(&BackupCreate {
            passphrase: passphrase.into(),
        })
        .await
        .map(drop)
    }

    /// Imports certificates (PEM bundle).
    pub async fn certificates_import(&self, cmd: &CertificatesImport) -> Result<(), Error> {
        self.command(cmd).await.map(drop)
    }

    /// Starts a stopped cloud overflow node. A node that is not stopped gives
    /// [`Error::CommandFailed`]; an unknown instance gives a validation error on `instance_id`.
    pub async fn start_cloudnode(&self, instance_id: &str) -> Result<(), Error> {
        self.command(&StartCloudnode {
            instance_id: instance_id.to_string(),
        })
        .await
        .map(drop)
    }
}

/// Form-encodes a flat struct (the guide's `data=`).
pub(crate) fn form_encode(v: &impl serde::Serialize) -> Result<String, Error> {
    let value = serde_json::to_value(v)
        .map_err(|e| Error::Config(format!("could not encode the command: {e}")))?;
    let serde_json::Value::Object(map) = value else {
        return Err(Error::Config("a command must be an object".into()));
    };
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in map {
        match v {
            serde_json::Value::Null => {}
            serde_json::Value::String(s) => {
                ser.append_pair(&k, &s);
            }
            other => {
                ser.append_pair(&k, &other.to_string());
            }
        }
    }
    Ok(ser.finish())
}

/// Reads a command response; failures become errors.
pub(crate) fn command_data<D: serde::de::DeserializeOwned + Default>(
    bytes: &[u8],
) -> Result<D, Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(D::default());
    }
    let resp: CommandResponse<D> = serde_json::from_slice(bytes).map_err(|e| {
        tracing::debug!(body = %super::error::redact(bytes), "undecodable command response");
        Error::Malformed(format!("unexpected command response: {e}"))
    })?;
    if let Some(text) = resp.failure_text() {
        return Err(Error::CommandFailed(text.to_string()));
    }
    Ok(resp.data.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_of_commands() {
        let d = Dial {
            conference_alias: "meet@example.com".into(),
            destination: "alice".into(),
            routing: Some(crate::choice::Routing::RoutingRule),
            role: Some(Role::Chair),
            system_location: Some("London".into()),
            remote_display_name: Some("Alice Parkes".into()),
            ..Dial::default()
        };
        let s = form_encode(&d).unwrap();
        assert!(s.contains("conference_alias=meet%40example.com"), "{s}");
        assert!(
            s.contains("routing=routing_rule") && s.contains("remote_display_name=Alice+Parkes")
        );
        assert!(!s.contains("streaming"));
        let t = form_encode(&TransformLayout {
            conference_id: "c1".into(),
            layout: Some("4:0".into()),
            enable_overlay_text: Some(true),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(t, "conference_id=c1&enable_overlay_text=true&layout=4%3A0");
    }

    #[test]
    fn command_responses() {
        let d: DialData = command_data(br#"{"status": "success", "data": {"participant_id": "p1", "participant_ids": ["p1"]}}"#).unwrap();
        assert_eq!(d.participant_id, ParticipantId("p1".into()));
        let e = command_data::<crate::Extra>(br#"{"status": "failed", "error": "Unable to start a cloud node which isn't in 'STOPPED' state"}"#)
            .unwrap_err();
        assert!(matches!(e, Error::CommandFailed(m) if m.contains("STOPPED")));
        assert!(command_data::<crate::Extra>(b"").unwrap().is_empty());
        assert!(matches!(
            command_data::<crate::Extra>(b"<html>"),
            Err(Error::Malformed(_))
        ));
    }
}
