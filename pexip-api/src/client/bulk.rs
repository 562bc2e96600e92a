//! Bulk PATCH on a list URI (`objects` + `deleted_objects`), chunked.

use reqwest::Method;
use serde::Serialize;

use super::transport::Request;
use super::{Client, Error};
use crate::{Resource, ResourceUri};

/// One entry of `objects`: a new object (no URI) or a change to an existing one.
#[derive(Debug, Clone, Serialize)]
#[serde(bound = "P: Serialize")]
pub struct BulkObject<R, P> {
    /// The object to change; `None` creates a new one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_uri: Option<ResourceUri<R>>,
    /// The fields (a `*Patch`).
    #[serde(flatten)]
    pub fields: P,
}

impl<R, P> BulkObject<R, P> {
    /// A new object.
    pub fn create(fields: P) -> Self {
        Self {
            resource_uri: None,
            fields,
        }
    }

    /// A change to an existing object.
    pub fn update(uri: ResourceUri<R>, fields: P) -> Self {
        Self {
            resource_uri: Some(uri),
            fields,
        }
    }
}

#[derive(Serialize)]
#[serde(bound = "O: Serialize")]
struct BulkBody<'a, O: Serialize, R> {
    objects: &'a [O],
    deleted_objects: &'a [ResourceUri<R>],
}

/// What happened to one chunk. Each chunk is atomic on the node.
#[derive(Debug)]
pub struct BulkChunkOutcome {
    /// Chunk number, from 0.
    pub index: usize,
    /// Objects created or changed in it.
    pub objects: usize,
    /// URIs deleted in it.
    pub deleted: usize,
    /// The outcome.
    pub result: Result<(), Error>,
}

/// The outcome of a chunked bulk PATCH.
#[derive(Debug, Default)]
pub struct BulkReport {
    /// One entry per chunk, in order.
    pub chunks: Vec<BulkChunkOutcome>,
}

impl BulkReport {
    /// True when every chunk succeeded.
    pub fn all_ok(&self) -> bool {
        self.chunks.iter().all(|c| c.result.is_ok())
    }
}

impl Client {
    /// PATCHes the list URI of `R` with `objects` and `deleted_objects`, in
    /// chunks of `bulk_chunk_size` entries (objects first). PATCH is never
    /// retried; a failed chunk is reported and the next chunks still run.
    pub async fn bulk_patch<R: Resource, O: Serialize>(
        &self,
        objects: &[O],
        deleted: &[ResourceUri<R>],
    ) -> BulkReport {
        let size = self.inner.cfg.bulk_chunk_size.max(1);
        let mut report = BulkReport::default();
        let mut obj_rest = objects;
        let mut del_rest = deleted;
        let mut index = 0;
        while !obj_rest.is_empty() || !del_rest.is_empty() {
            let n_obj = obj_rest.len().min(size);
            let n_del = del_rest.len().min(size - n_obj);
            let (objs, o_next) = obj_rest.split_at(n_obj);
            let (dels, d_next) = del_rest.split_at(n_del);
            let body = BulkBody {
                objects: objs,
                deleted_objects: dels,
            };
            let result = match Request::json(Method::PATCH, R::list_path(), &body) {
                Ok(req) => match self.send(req).await {
                    Ok(sent) => sent.bytes().await.map(drop),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            };
            report.chunks.push(BulkChunkOutcome {
                index,
                objects: n_obj,
                deleted: n_del,
                result,
            });
            obj_rest = o_next;
            del_rest = d_next;
            index += 1;
        }
        report
    }
}
