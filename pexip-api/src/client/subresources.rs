//! Nested status and history resources: media streams and statistics.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::transport::Request;
use super::{Client, Error};
use crate::history::{
    HistoryParticipantId, MediaStream as HistoryMediaStream, Participant as HistoryParticipant,
};
use crate::status::{
    MediaStream, Participant, ParticipantId, Statistics, SystemLocation, SystemLocationStatusId,
};
use crate::status::{WorkerVm, WorkerVmStatusId};
use crate::{ListPage, Resource};

/// A nested resource may answer with an envelope, a bare list or one object.
#[derive(Deserialize)]
#[serde(untagged)]
enum Many<T> {
    Page(ListPage<T>),
    List(Vec<T>),
    One(T),
}

impl<T> Many<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            Many::Page(p) => p.objects,
            Many::List(v) => v,
            Many::One(t) => vec![t],
        }
    }
}

impl Client {
    async fn many<T: DeserializeOwned>(&self, path: String) -> Result<Vec<T>, Error> {
        let many: Many<T> = self.send(Request::get(path)).await?.json().await?;
        Ok(many.into_vec())
    }

    async fn statistics(&self, path: String) -> Result<Statistics, Error> {
        self.many::<Statistics>(path)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| Error::Malformed("no statistics in the response".into()))
    }

    /// Live media streams of a participant.
    pub async fn participant_media_streams(
        &self,
        id: &ParticipantId,
    ) -> Result<Vec<MediaStream>, Error> {
        self.many(format!("{}media_stream/", Participant::detail_path(id)))
            .await
    }

    /// Media streams of an ended participant.
    pub async fn history_participant_media_streams(
        &self,
        id: &HistoryParticipantId,
    ) -> Result<Vec<HistoryMediaStream>, Error> {
        self.many(format!(
            "{}media_stream/",
            HistoryParticipant::detail_path(id)
        ))
        .await
    }

    /// Load of a Conferencing Node.
    pub async fn worker_vm_statistics(&self, id: &WorkerVmStatusId) -> Result<Statistics, Error> {
        self.statistics(format!("{}statistics/", WorkerVm::detail_path(id)))
            .await
    }

    /// Load of a system location.
    pub async fn system_location_statistics(
        &self,
        id: &SystemLocationStatusId,
    ) -> Result<Statistics, Error> {
        self.statistics(format!("{}statistics/", SystemLocation::detail_path(id)))
            .await
    }
}
