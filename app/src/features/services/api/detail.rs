//! One service for its detail page and edit form: its configuration (one request) and
//! whether a conference runs on it right now (one more). Theme and location names come
//! from the shared reference cache.

use leptos::prelude::*;

use crate::error::AppError;
use crate::features::services::model::{FormOptions, ServiceDetail};

/// One service. PINs are sent only when `pins` asks for them; `adp_q` also searches the
/// dialled participants that could be attached to it.
#[server(endpoint = "services/get", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_service(
    id: i64,
    pins: bool,
    adp_q: Option<String>,
) -> Result<ServiceDetail, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::detail(&cap, id, pins, adp_q).await
}

/// The themes and locations the forms offer.
#[server(endpoint = "services/options", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_form_options() -> Result<FormOptions, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::options(&cap).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use pexip_api::{
        config::{Conference, ConferenceId},
        status::Conference as LiveConference,
        Query,
    };

    use super::*;
    use crate::{
        auth::guard::Capability,
        error::upstream_error,
        features::services::{
            api::convert,
            model::{LiveNow, LiveState},
        },
    };

    /// The cached themes and locations. If the node cannot list them, forms still work
    /// with an empty choice (and the page says so) rather than failing.
    pub async fn options(cap: &Capability) -> Result<FormOptions, AppError> {
        cap.portal()
            .lookups
            .options(cap.upstream())
            .await
            .map_err(upstream_error)
    }

    /// What runs on the service now, from the status API.
    pub async fn live_state(cap: &Capability, name: &str) -> LiveState {
        let q = Query::new().eq("name", name).limit(1);
        match cap.upstream().list::<LiveConference>(&q).await {
            Ok(page) => match page.objects.into_iter().next() {
                Some(c) => LiveState::Live(LiveNow {
                    conference_id: c.id.0,
                    started: c.start_time.map(|t| t.to_string()).unwrap_or_default(),
                    locked: c.is_locked,
                    participants: None,
                }),
                None => LiveState::Idle,
            },
            Err(err) => {
                tracing::warn!(error = %err, "live status of a service unavailable");
                LiveState::Unknown(err.user_message())
            }
        }
    }

    pub async fn detail(
        cap: &Capability,
        id: i64,
        pins: bool,
        adp_q: Option<String>,
    ) -> Result<ServiceDetail, AppError> {
        let conference = cap
            .upstream()
            .get::<Conference>(&ConferenceId(id))
            .await
            .map_err(upstream_error)?;
        let matches = async {
            match adp_q {
                Some(q) => crate::features::services::api::adps::ssr::find(cap, id, q)
                    .await
                    .map(Some),
                None => Ok(None),
            }
        };
        let (live, options, matches) =
            futures::join!(live_state(cap, &conference.name), options(cap), matches);
        let options = options.unwrap_or_default();
        let mut detail = build(conference, pins, live, &options);
        detail.adp_matches = matches?;
        Ok(detail)
    }

    /// The page data of a fetched service.
    pub fn build(
        c: Conference,
        pins: bool,
        live: LiveState,
        options: &FormOptions,
    ) -> ServiceDetail {
        let form = convert::form_of(&c, pins);
        let find = |list: &[crate::features::services::model::NamedRef], id: &str| {
            id.parse::<i64>().ok().map(|id| {
                list.iter().find(|r| r.id == id).cloned().unwrap_or(
                    crate::features::services::model::NamedRef {
                        id,
                        name: format!("#{id}"),
                    },
                )
            })
        };
        ServiceDetail {
            id: c.id.0,
            theme: find(&options.themes, &form.ivr_theme),
            location: find(&options.locations, &form.system_location),
            pins_shown: pins,
            pin_set: !c.pin.is_empty(),
            guest_pin_set: !c.guest_pin.is_empty(),
            aliases: convert::aliases(&c),
            adps: convert::adps(&c),
            created: c.creation_time.map(|t| t.to_string()).unwrap_or_default(),
            live,
            form,
            locations: options.locations.clone(),
            adp_matches: None,
        }
    }
}
