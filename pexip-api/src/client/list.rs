//! Lists: one page with `total_count`, or a stream that follows `meta.next`.

use futures::stream::{self, Stream, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;

use super::transport::Request;
use super::{Client, Error};
use crate::{ListPage, Query, Resource};

impl Client {
    /// GET one page of a list.
    pub async fn list<R: Resource + DeserializeOwned>(
        &self,
        query: &Query,
    ) -> Result<ListPage<R>, Error> {
        self.page_at(&query.apply_to(&R::list_path())).await
    }

    /// GET a page by path and query (e.g. a `meta.next`).
    pub async fn page_at<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
    ) -> Result<ListPage<T>, Error> {
        let path = crate::uri::strip_origin(path_and_query);
        if !path.starts_with("/api/admin/") {
            return Err(Error::Malformed(
                "a page link points outside the API".into(),
            ));
        }
        self.send(Request::get(path.to_string()))
            .await?
            .json()
            .await
    }

    /// Every object matching `query`, page by page, following `meta.next`
    /// (one request at a time; set the page size with `query.limit`).
    pub fn stream<R>(&self, query: &Query) -> impl Stream<Item = Result<R, Error>> + Send + 'static
    where
        R: Resource + DeserializeOwned + Send + 'static,
    {
        self.stream_pages::<R>(query)
            .map_ok(|page| stream::iter(page.objects.into_iter().map(Ok)))
            .try_flatten()
    }

    /// The pages of a list, following `meta.next`.
    pub fn stream_pages<R>(
        &self,
        query: &Query,
    ) -> impl Stream<Item = Result<ListPage<R>, Error>> + Send + 'static
    where
        R: Resource + DeserializeOwned + Send + 'static,
    {
        let client = self.clone();
        let first = query.apply_to(&R::list_path());
        stream::try_unfold(
            (client, Some(first), 0usize),
            |(client, next, pages)| async move {
                let Some(url) = next else {
                    return Ok(None);
                };
                let page: ListPage<R> = client.page_at(&url).await?;
                let following = page.meta.next.clone().filter(|n| !n.is_empty());
                if following.as_deref() == Some(url.as_str()) || pages > 1_000_000 {
                    return Err(Error::Malformed("meta.next does not advance".into()));
                }
                Ok(Some((page, (client, following, pages + 1))))
            },
        )
        .boxed()
    }

    /// Collects every object matching `query` (convenience over [`Client::stream`]).
    pub async fn list_all<R>(&self, query: &Query) -> Result<Vec<R>, Error>
    where
        R: Resource + DeserializeOwned + Send + 'static,
    {
        self.stream::<R>(query).try_collect().await
    }
}
