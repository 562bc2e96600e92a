//! Multipart uploads and streamed downloads.

use bytes::Bytes;
use futures::stream::{BoxStream, StreamExt, TryStreamExt};
use reqwest::multipart::{Form, Part};
use reqwest::Method;

use super::transport::{map_reqwest, Body, ErrorBody, Idempotency, Request, Sent};
use super::{Client, Error};
use crate::command::{paths, Snapshot};
use crate::config::{
    BackupFilename, FulfillmentId, IvrTheme, IvrThemeId, LicenceRequest, LicenceRequestId,
};
use crate::config::{NewLicence, SystemBackup, WorkerVm, WorkerVmId, WorkerVmPatch};
use crate::Resource;

/// A file to upload.
#[derive(Debug, Clone)]
pub struct Upload {
    /// File name sent in the part.
    pub file_name: String,
    /// Contents.
    pub bytes: Bytes,
}

impl Upload {
    /// A file from memory.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            file_name: file_name.into(),
            bytes: bytes.into(),
        }
    }

    fn part(&self) -> Part {
        Part::stream_with_length(self.bytes.clone(), self.bytes.len() as u64)
            .file_name(self.file_name.clone())
    }
}

/// A streamed download.
pub struct Download {
    /// File name from `Content-Disposition`, if any.
    pub file_name: Option<String>,
    /// Size, if announced.
    pub content_length: Option<u64>,
    /// Content type, if announced.
    pub content_type: Option<String>,
    /// The body, chunk by chunk.
    pub body: BoxStream<'static, Result<Bytes, Error>>,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("file_name", &self.file_name)
            .field("content_length", &self.content_length)
            .field("content_type", &self.content_type)
            .finish_non_exhaustive()
    }
}

impl Download {
    fn from_sent(sent: Sent) -> Self {
        let headers = sent.response.headers();
        let text = |h| {
            headers
                .get(h)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
        };
        let file_name = text(reqwest::header::CONTENT_DISPOSITION).and_then(disposition_file_name);
        let content_type = text(reqwest::header::CONTENT_TYPE).map(str::to_string);
        let content_length = sent.response.content_length();
        // The in-flight slot is released once the headers are in: a long
        // download must not block interactive requests.
        drop(sent.permit);
        let body = sent
            .response
            .bytes_stream()
            .map_err(|e| map_reqwest(&e))
            .boxed();
        Download {
            file_name,
            content_length,
            content_type,
            body,
        }
    }

    /// Reads the whole body into memory.
    pub async fn into_bytes(self) -> Result<Bytes, Error> {
        let chunks: Vec<Bytes> = self.body.try_collect().await?;
        Ok(Bytes::from(chunks.concat()))
    }
}

fn disposition_file_name(v: &str) -> Option<String> {
    v.split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("filename="))
        .map(|f| f.trim_matches('"').to_string())
        .filter(|f| !f.is_empty())
}

/// The outcome of adding a licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenceAdded {
    /// Activated online (201); `Location` names the licence.
    Activated {
        /// The `Location` header.
        location: String,
    },
    /// Stored for offline activation (202): GET the request file from
    /// `location` and POST the response document there.
    Offline {
        /// The `Location` header.
        location: String,
    },
}

impl Client {
    /// A multipart upload (sent once); `errors` says whether it is a command.
    async fn upload(
        &self,
        method: Method,
        path: String,
        form: Form,
        errors: ErrorBody,
    ) -> Result<Sent, Error> {
        let req = Request {
            method,
            path,
            body: Body::Multipart(Some(form)),
            idempotency: Idempotency::Never,
            transfer: true,
            errors,
        };
        self.send(req).await
    }

    /// A streamed download (a GET is retried); `errors` says whether it is a command.
    async fn download(
        &self,
        method: Method,
        path: String,
        body: Body,
        errors: ErrorBody,
    ) -> Result<Download, Error> {
        let idempotency = if method == Method::GET {
            Idempotency::Retry
        } else {
            Idempotency::Never
        };
        let req = Request {
            method,
            path,
            body,
            idempotency,
            transfer: true,
            errors,
        };
        Ok(Download::from_sent(self.send(req).await?))
    }

    /// Uploads a theme package (ZIP) to an existing theme: PATCH with part `package`.
    pub async fn upload_theme_package(
        &self,
        id: &IvrThemeId,
        package: &Upload,
    ) -> Result<(), Error> {
        let form = Form::new().part("package", package.part());
        self.upload(
            Method::PATCH,
            IvrTheme::detail_path(id),
            form,
            ErrorBody::Resource,
        )
        .await?
        .bytes()
        .await
        .map(drop)
    }

    /// Uploads the licence server's response for a stored request: part `response_xml`.
    pub async fn upload_licence_response(
        &self,
        id: &LicenceRequestId,
        response: &Upload,
    ) -> Result<(), Error> {
        let form = Form::new().part("response_xml", response.part());
        self.upload(
            Method::POST,
            LicenceRequest::detail_path(id),
            form,
            ErrorBody::Resource,
        )
        .await?
        .bytes()
        .await
        .map(drop)
    }

    /// Restores a backup: fields `passphrase` and `package`.
    pub async fn backup_restore(&self, passphrase: &str, package: &Upload) -> Result<(), Error> {
        let form = Form::new()
            .text("passphrase", passphrase.to_string())
            .part("package", package.part());
        let bytes = self
            .upload(
                Method::POST,
                paths::BACKUP_RESTORE.into(),
                form,
                ErrorBody::Command,
            )
            .await?
            .bytes()
            .await?;
        super::commands::command_data::<crate::Extra>(&bytes).map(drop)
    }

    /// Starts a platform upgrade with the given package.
    pub async fn upgrade(&self, package: &Upload) -> Result<(), Error> {
        let form = Form::new().part("package", package.part());
        let bytes = self
            .upload(
                Method::POST,
                paths::UPGRADE.into(),
                form,
                ErrorBody::Command,
            )
            .await?
            .bytes()
            .await?;
        super::commands::command_data::<crate::Extra>(&bytes).map(drop)
    }

    /// Uploads a software bundle.
    pub async fn software_bundle(&self, package: &Upload) -> Result<(), Error> {
        let form = Form::new().part("package", package.part());
        let bytes = self
            .upload(
                Method::POST,
                paths::SOFTWARE_BUNDLE.into(),
                form,
                ErrorBody::Command,
            )
            .await?
            .bytes()
            .await?;
        super::commands::command_data::<crate::Extra>(&bytes).map(drop)
    }

    /// Downloads a backup file (GET `system_backup/<filename>/`).
    pub async fn download_backup(&self, filename: &BackupFilename) -> Result<Download, Error> {
        self.download(
            Method::GET,
            SystemBackup::detail_path(filename),
            Body::Empty,
            ErrorBody::Resource,
        )
        .await
    }

    /// Exports a stored licence request file (GET `licence_request/<id>/export/`).
    pub async fn export_licence_request(&self, id: &LicenceRequestId) -> Result<Download, Error> {
        let path = format!("{}export/", LicenceRequest::detail_path(id));
        self.download(Method::GET, path, Body::Empty, ErrorBody::Resource)
            .await
    }

    /// Takes a snapshot of the last `hours` hours (POST, never retried).
    pub async fn snapshot(&self, hours: u32) -> Result<Download, Error> {
        let body = Body::Form(super::commands::form_encode(&Snapshot { limit: hours })?);
        self.download(
            Method::POST,
            <Snapshot as crate::command::Command>::path(),
            body,
            ErrorBody::Command,
        )
        .await
    }

    /// Creates a Conferencing Node; returns its id and the deployment file
    /// (OVA, ZIP or XML, depending on `deployment_type`).
    pub async fn create_worker_vm(
        &self,
        node: &WorkerVmPatch,
    ) -> Result<(WorkerVmId, Download), Error> {
        let mut req = Request::json(Method::POST, WorkerVm::list_path(), node)?;
        req.transfer = true;
        let sent = self.send(req).await?;
        let id = super::resources::location_id::<WorkerVm>(&sent.response)?;
        Ok((id, Download::from_sent(sent)))
    }

    /// Adds a licence (online, or stored for offline activation).
    pub async fn add_licence(&self, licence: &NewLicence) -> Result<LicenceAdded, Error> {
        let req = Request::json(Method::POST, crate::config::Licence::list_path(), licence)?;
        let sent = self.send(req).await?;
        let accepted = sent.response.status() == reqwest::StatusCode::ACCEPTED;
        let location = super::resources::location(&sent.response)?;
        Ok(if accepted {
            LicenceAdded::Offline { location }
        } else {
            LicenceAdded::Activated { location }
        })
    }

    /// Returns a licence (DELETE `licence/<fulfillment_id>/`). With `offline`,
    /// the node answers 202 and the `Location` to POST the response to.
    pub async fn return_licence(
        &self,
        id: &FulfillmentId,
        offline: bool,
    ) -> Result<Option<String>, Error> {
        let mut path = crate::config::Licence::detail_path(id);
        if offline {
            path.push_str("?offline_mode=True");
        }
        let req = Request {
            method: Method::DELETE,
            path,
            body: Body::Empty,
            idempotency: if offline {
                Idempotency::Never
            } else {
                Idempotency::RetryDelete
            },
            transfer: false,
            errors: ErrorBody::Resource,
        };
        let sent = self.send(req).await?;
        Ok(super::resources::location(&sent.response).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition() {
        assert_eq!(
            disposition_file_name("attachment; filename=snap.tgz").as_deref(),
            Some("snap.tgz")
        );
        assert_eq!(
            disposition_file_name("attachment; filename=\"a b.tar\"").as_deref(),
            Some("a b.tar")
        );
        assert_eq!(disposition_file_name("inline"), None);
    }
}
