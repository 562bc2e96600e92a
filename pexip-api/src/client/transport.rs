//! One request on the wire: limiter, retries, tracing, error mapping.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use reqwest::{Method, Response, StatusCode, Url};
use tracing::Instrument;

use super::command_errors;
use super::error::{self, Error, UnavailableReason};
use super::ratelimit::Permit;
use super::retry::parse_retry_after;
use super::secret::basic_auth_header;
use super::{Client, ClientConfig};

/// The pooled HTTP client. What every request carries is set here once, not per
/// request: `Accept`, the Basic credentials (a sensitive header value) and the
/// request timeout (transfers override it per request).
pub(crate) fn build_http(cfg: &ClientConfig) -> Result<reqwest::Client, Error> {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(
        AUTHORIZATION,
        basic_auth_header(&cfg.username, &cfg.password)?,
    );
    let mut b = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(true)
        .connect_timeout(cfg.connect_timeout)
        .timeout(cfg.request_timeout)
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(cfg.rate_limit.max_in_flight.max(1))
        .tcp_keepalive(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("pexdesk-pexip-api/", env!("CARGO_PKG_VERSION")))
        .default_headers(headers);
    if let Some(pem) = &cfg.ca_bundle_pem {
        let certs = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|_| Error::Config("the CA bundle is not valid PEM".into()))?;
        if certs.is_empty() {
            return Err(Error::Config("the CA bundle holds no certificate".into()));
        }
        for c in certs {
            b = b.add_root_certificate(c);
        }
    }
    b.build()
        .map_err(|_| Error::Config("the HTTP client could not be built".into()))
}

/// The origin of `url` (`https://mgr.example.com`), as text and parsed once
/// (request URLs are built from the parsed form, without parsing the host again).
pub(crate) fn normalise_base(url: &str) -> Result<(String, Url), Error> {
    let parsed = Url::parse(url).map_err(|_| Error::Config("the base URL is not valid".into()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::Config(
            "the base URL must be http(s)://host[:port]".into(),
        ));
    }
    if parsed.scheme() == "http" {
        tracing::warn!("the Management API is reached over plain HTTP; use HTTPS outside tests");
    }
    let origin = parsed.origin().ascii_serialization();
    let base =
        Url::parse(&origin).map_err(|_| Error::Config("the base URL is not valid".into()))?;
    Ok((origin, base))
}

/// A request body. Only the replayable kinds are retried.
pub(crate) enum Body {
    Empty,
    Json(Bytes),
    Form(String),
    Multipart(Option<reqwest::multipart::Form>),
}

/// Which requests may be sent again.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Idempotency {
    /// POST, PATCH, commands: sent once.
    Never,
    /// GET: retried on transient errors.
    Retry,
    /// DELETE of a detail: retried; a 404 after a retry means the first attempt worked.
    RetryDelete,
}

/// How the body of a non-2xx answer is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorBody {
    /// Configuration, status and history: by status, 400s per field.
    Resource,
    /// Commands: a failure envelope is [`Error::CommandFailed`].
    Command,
}

pub(crate) struct Request {
    pub method: Method,
    /// Path and query, starting with `/`.
    pub path: String,
    pub body: Body,
    pub idempotency: Idempotency,
    pub transfer: bool,
    pub errors: ErrorBody,
}

impl Request {
    pub(crate) fn get(path: String) -> Self {
        Request {
            method: Method::GET,
            path,
            body: Body::Empty,
            idempotency: Idempotency::Retry,
            transfer: false,
            errors: ErrorBody::Resource,
        }
    }

    pub(crate) fn json(
        method: Method,
        path: String,
        body: &impl serde::Serialize,
    ) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::Config(format!("could not encode the request: {e}")))?;
        Ok(Request {
            method,
            path,
            body: Body::Json(Bytes::from(bytes)),
            idempotency: Idempotency::Never,
            transfer: false,
            errors: ErrorBody::Resource,
        })
    }
}

/// A successful response and the in-flight slot it occupies.
pub(crate) struct Sent {
    pub response: Response,
    pub permit: Permit,
}

impl Sent {
    /// Reads the whole body (still inside the slot).
    pub(crate) async fn bytes(self) -> Result<Bytes, Error> {
        let b = self.response.bytes().await.map_err(|e| map_reqwest(&e))?;
        drop(self.permit);
        Ok(b)
    }

    /// Reads and decodes a JSON body.
    pub(crate) async fn json<T: serde::de::DeserializeOwned>(self) -> Result<T, Error> {
        let body = self.bytes().await?;
        serde_json::from_slice(&body).map_err(|e| {
            tracing::debug!(body = %error::redact(&body), "undecodable response");
            Error::Malformed(format!("unexpected JSON: {e}"))
        })
    }
}

impl Client {
    /// The URL of `path_and_query` (starting with `/`) on the node: the parsed
    /// base with its path and query set, which does not re-parse the scheme and
    /// host. A fragment is dropped (it is never sent).
    pub(crate) fn url(&self, path_and_query: &str) -> Url {
        let without_fragment = path_and_query
            .split_once('#')
            .map_or(path_and_query, |(p, _)| p);
        let (path, query) = match without_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (without_fragment, None),
        };
        let mut url = self.inner.base_url.clone();
        url.set_path(path);
        url.set_query(query);
        url
    }

    /// Sends a request, retrying idempotent ones on transient errors.
    pub(crate) async fn send(&self, mut req: Request) -> Result<Sent, Error> {
        let retry = &self.inner.cfg.retry;
        let mut attempt: u32 = 0;
        loop {
            let permit = self.inner.limiter.acquire(self.priority).await;
            let span = tracing::info_span!(
                "pexip_api.request",
                method = %req.method,
                path = %path_only(&req.path),
                attempt,
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            );
            let started = tokio::time::Instant::now();
            let result = self.build(&mut req)?.send().instrument(span.clone()).await;
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let err = match result {
                Ok(resp) => {
                    let status = resp.status();
                    span.record("status", status.as_u16());
                    let retried_delete_gone = req.idempotency == Idempotency::RetryDelete
                        && attempt > 0
                        && status == StatusCode::NOT_FOUND;
                    if status.is_success() || retried_delete_gone {
                        return Ok(Sent {
                            response: resp,
                            permit,
                        });
                    }
                    self.error_from(resp, req.errors, &span)
                        .instrument(span.clone())
                        .await
                }
                Err(e) => {
                    let _g = span.enter();
                    tracing::debug!(error = %e, "request failed");
                    map_reqwest(&e)
                }
            };
            drop(permit);
            let replayable = !matches!(req.body, Body::Multipart(_));
            let may_retry = req.idempotency != Idempotency::Never
                && replayable
                && err.is_transient()
                && attempt < retry.max_retries;
            let retry_after = match &err {
                Error::RateLimited(ra) => *ra,
                _ => None,
            };
            if !may_retry || retry_after.is_some_and(|ra| ra > retry.max_retry_after) {
                return Err(err);
            }
            attempt += 1;
            let delay = retry.delay(attempt, retry_after);
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, path = %path_only(&req.path), "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    fn build(&self, req: &mut Request) -> Result<reqwest::RequestBuilder, Error> {
        // `Accept`, the credentials and the request timeout are the HTTP client's
        // defaults (see `build_http`); only transfers set their own timeout.
        let mut b = self
            .inner
            .http
            .request(req.method.clone(), self.url(&req.path));
        if req.transfer {
            b = b.timeout(self.inner.cfg.transfer_timeout);
        }
        Ok(match &mut req.body {
            Body::Empty => b,
            Body::Json(bytes) => b
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
            Body::Form(s) => b
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(s.clone()),
            Body::Multipart(form) => match form.take() {
                Some(f) => b.multipart(f),
                None => {
                    return Err(Error::Config(
                        "a multipart body cannot be sent twice".into(),
                    ))
                }
            },
        })
    }

    async fn error_from(&self, resp: Response, errors: ErrorBody, span: &tracing::Span) -> Error {
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = match resp.bytes().await {
            Ok(b) => b,
            Err(e) => return map_reqwest(&e),
        };
        let _g = span.enter();
        tracing::debug!(status, body = %error::redact(&body), "error response");
        if status == 429 {
            let wait = retry_after.unwrap_or(Duration::from_secs(1));
            self.inner
                .limiter
                .pause_until(tokio::time::Instant::now() + wait);
        }
        match errors {
            ErrorBody::Resource => error::from_status(status, &body, retry_after),
            ErrorBody::Command => command_errors::from_command_status(status, &body, retry_after),
        }
    }
}

/// The path without query or fragment, for spans and logs (a slice, not a copy).
fn path_only(path_and_query: &str) -> &str {
    let end = path_and_query
        .bytes()
        .position(|b| b == b'?' || b == b'#')
        .unwrap_or(path_and_query.len());
    path_and_query.get(..end).unwrap_or(path_and_query)
}

pub(crate) fn map_reqwest(e: &reqwest::Error) -> Error {
    if e.is_timeout() {
        return Error::Unavailable(UnavailableReason::Timeout);
    }
    if e.is_connect() {
        let mut src: Option<&dyn std::error::Error> = Some(e);
        while let Some(s) = src {
            let text = s.to_string().to_ascii_lowercase();
            if text.contains("certificate") || text.contains("tls") || text.contains("handshake") {
                return Error::Unavailable(UnavailableReason::Tls);
            }
            src = s.source();
        }
        return Error::Unavailable(UnavailableReason::Connect);
    }
    if e.is_decode() {
        return Error::Malformed("the body could not be decoded".into());
    }
    if e.is_builder() {
        return Error::Config("the request could not be built".into());
    }
    Error::Unavailable(UnavailableReason::Connection)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_the_base_plus_the_path_and_query() {
        let client =
            Client::new(ClientConfig::new("http://127.0.0.1:9/ignored", "u", "p")).unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9");
        for path in [
            "/api/admin/configuration/v1/conference/12/",
            "/api/admin/configuration/v1/conference/?name__icontains=a%20b&limit=5",
            "/api/admin/configuration/v1/system_backup/%C3%A9%2F.pexbak/",
            "/api/admin/status/v1/participant/?",
            "/api/admin/configuration/v1/conference/?q=é &x=[1]",
        ] {
            // The same URL as parsing the whole string, without parsing the host again.
            let parsed = Url::parse(&format!("{}{path}", client.base_url())).unwrap();
            assert_eq!(client.url(path), parsed, "{path}");
        }
        assert_eq!(
            client
                .url("/api/admin/configuration/v1/conference/?limit=1#top")
                .as_str(),
            "http://127.0.0.1:9/api/admin/configuration/v1/conference/?limit=1"
        );
        assert_eq!(path_only("/a/b/?c=d#e"), "/a/b/");
        assert_eq!(path_only("/a/b/#e"), "/a/b/");
    }
}
