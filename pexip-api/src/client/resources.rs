//! Detail reads and single-object writes of any resource.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::transport::{ErrorBody, Idempotency, Request};
use super::{Client, Error};
use crate::{Resource, ResourceUri};

impl Client {
    /// GET one object.
    pub async fn get<R: Resource + DeserializeOwned>(&self, id: &R::Id) -> Result<R, Error> {
        self.send(Request::get(R::detail_path(id)))
            .await?
            .json()
            .await
    }

    /// GET one object by its URI.
    pub async fn get_uri<R: Resource + DeserializeOwned>(
        &self,
        uri: &ResourceUri<R>,
    ) -> Result<R, Error> {
        let id = uri.id().map_err(|e| Error::Config(e.to_string()))?;
        self.get::<R>(&id).await
    }

    /// POST a new object (sent once, never retried); returns its id from `Location`.
    pub async fn create<R: Resource>(&self, body: &impl Serialize) -> Result<R::Id, Error> {
        let sent = self
            .send(Request::json(Method::POST, R::list_path(), body)?)
            .await?;
        let id = location_id::<R>(&sent.response)?;
        drop(sent);
        Ok(id)
    }

    /// PATCH one object with the fields of `patch` (sent once).
    pub async fn update<R: Resource>(
        &self,
        id: &R::Id,
        patch: &impl Serialize,
    ) -> Result<(), Error> {
        self.send(Request::json(Method::PATCH, R::detail_path(id), patch)?)
            .await?
            .bytes()
            .await
            .map(drop)
    }

    /// DELETE one object. Retried on transient errors; a 404 after a retry is
    /// success (the first attempt went through).
    pub async fn delete<R: Resource>(&self, id: &R::Id) -> Result<(), Error> {
        let req = Request {
            method: Method::DELETE,
            path: R::detail_path(id),
            body: super::transport::Body::Empty,
            idempotency: Idempotency::RetryDelete,
            transfer: false,
            errors: ErrorBody::Resource,
        };
        self.send(req).await?.bytes().await.map(drop)
    }
}

/// The id of a created object, from the `Location` header (absolute URL or path).
pub(crate) fn location_id<R: Resource>(resp: &reqwest::Response) -> Result<R::Id, Error> {
    let loc = location(resp)?;
    ResourceUri::<R>::parse(&loc)
        .and_then(|u| u.id())
        .map_err(|_| Error::Malformed("the Location header names another resource".into()))
}

pub(crate) fn location(resp: &reqwest::Response) -> Result<String, Error> {
    resp.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or_else(|| Error::Malformed("the response has no Location header".into()))
}
