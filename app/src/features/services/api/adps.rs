//! Automatically Dialed Participants of a service. An ADP may serve many services, so
//! detaching keeps it for the others; deleting it warns which services lose it.

use leptos::prelude::*;

use crate::error::AppError;
use crate::features::services::{adp_form::AdpForm, model::AdpUsage};

/// Creates an ADP and attaches it to the service.
#[server(endpoint = "services/adps/create")]
pub async fn create_adp(service_id: i64, adp: AdpForm) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::create(&cap, service_id, adp).await
}

/// Attaches an existing ADP to the service.
#[server(endpoint = "services/adps/attach")]
pub async fn attach_adp(service_id: i64, adp_id: i64) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::link(&cap, service_id, adp_id, true).await
}

/// Detaches an ADP from the service; it stays for the other services it serves.
#[server(endpoint = "services/adps/detach")]
pub async fn detach_adp(service_id: i64, adp_id: i64) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::link(&cap, service_id, adp_id, false).await
}

/// Deletes an ADP from every service it serves; then goes back to `service_id`.
#[server(endpoint = "services/adps/delete")]
pub async fn delete_adp(service_id: i64, adp_id: i64) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::delete(&cap, service_id, adp_id).await
}

/// An ADP and the services it serves.
#[server(endpoint = "services/adps/usage", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_adp_usage(adp_id: i64) -> Result<AdpUsage, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::usage(&cap, adp_id).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use pexip_api::{
        config::{
            AutomaticParticipant, AutomaticParticipantId, Conference, ConferenceId, SystemLocation,
            SystemLocationId,
        },
        Query, ResourceUri, Specifier,
    };
    use serde_json::{json, Value};

    use super::*;
    use crate::{
        auth::guard::{AuditChange, Capability},
        error::upstream_error,
        features::services::{
            adp_form::validate_adp,
            api::{alias_check, audited, refuse},
            model::{AdpChoice, AdpRow, NamedRef},
        },
    };

    fn back(service_id: i64) {
        crate::auth::finish_at(format!("/services/{service_id}#adps"));
    }

    fn row(a: &AutomaticParticipant) -> AdpRow {
        AdpRow {
            id: a.id.0,
            alias: a.alias.clone(),
            description: a.description.clone(),
            display_name: a.remote_display_name.clone(),
            protocol: a.protocol.to_string(),
            role: a.role.to_string(),
        }
    }

    fn service_uri(id: i64) -> ResourceUri<Conference> {
        ResourceUri::new(&ConferenceId(id))
    }

    async fn service_name(cap: &Capability, id: i64) -> Result<String, AppError> {
        Ok(cap
            .upstream()
            .get::<Conference>(&ConferenceId(id))
            .await
            .map_err(upstream_error)?
            .name)
    }

    pub async fn create(cap: &Capability, service_id: i64, adp: AdpForm) -> Result<(), AppError> {
        let errors = validate_adp(&adp);
        if !errors.is_empty() {
            return Err(refuse(errors));
        }
        let name = service_name(cap, service_id).await?;
        let location = match adp.system_location.parse::<i64>() {
            Ok(id) => json!(ResourceUri::<SystemLocation>::new(&SystemLocationId(id))),
            Err(_) => Value::Null,
        };
        let body = json!({
            "alias": adp.alias.trim(),
            "remote_display_name": adp.remote_display_name.trim(),
            "description": adp.description,
            "protocol": adp.protocol,
            "role": adp.role,
            "routing": adp.routing,
            "system_location": location,
            "call_type": adp.call_type,
            "keep_conference_alive": adp.keep_conference_alive,
            "dtmf_sequence": adp.dtmf_sequence,
            "conference": [service_uri(service_id)],
        });
        let entry = AuditChange::success(
            "service.adp.create",
            format!(
                "dialled participant {} of service {name} (#{service_id})",
                adp.alias.trim()
            ),
        )
        .diff(None, Some(body.clone()));
        let result = cap.upstream().create::<AutomaticParticipant>(&body).await;
        audited(cap, entry, result).await?;
        back(service_id);
        Ok(())
    }

    pub async fn link(
        cap: &Capability,
        service_id: i64,
        adp_id: i64,
        attach: bool,
    ) -> Result<(), AppError> {
        let adp = cap
            .upstream()
            .get::<AutomaticParticipant>(&AutomaticParticipantId(adp_id))
            .await
            .map_err(upstream_error)?;
        let me = service_uri(service_id);
        let before: Vec<ResourceUri<Conference>> = adp.conference.clone();
        let mut after = before.clone();
        if attach {
            // The service must exist before anything points at it.
            service_name(cap, service_id).await?;
            if !after.contains(&me) {
                after.push(me);
            }
        } else {
            after.retain(|u| *u != me);
        }
        if after == before {
            back(service_id);
            return Ok(());
        }
        let patch = json!({ "conference": after });
        let action = if attach {
            "service.adp.attach"
        } else {
            "service.adp.detach"
        };
        let entry = AuditChange::success(
            action,
            format!(
                "dialled participant {} and service #{service_id}",
                adp.alias
            ),
        )
        .diff(Some(json!({ "conference": before })), Some(patch.clone()));
        let result = cap
            .upstream()
            .update::<AutomaticParticipant>(&AutomaticParticipantId(adp_id), &patch)
            .await;
        audited(cap, entry, result).await?;
        back(service_id);
        Ok(())
    }

    pub async fn delete(cap: &Capability, service_id: i64, adp_id: i64) -> Result<(), AppError> {
        let adp = cap
            .upstream()
            .get::<AutomaticParticipant>(&AutomaticParticipantId(adp_id))
            .await
            .map_err(upstream_error)?;
        let entry = AuditChange::success(
            "service.adp.delete",
            format!("dialled participant {}", adp.alias),
        )
        .diff(
            Some(json!({ "alias": adp.alias, "conference": adp.conference })),
            None,
        );
        let result = cap
            .upstream()
            .delete::<AutomaticParticipant>(&AutomaticParticipantId(adp_id))
            .await;
        audited(cap, entry, result).await?;
        back(service_id);
        Ok(())
    }

    /// ADPs whose alias contains `q`, not yet attached to the service (one request).
    pub async fn find(
        cap: &Capability,
        service_id: i64,
        q: String,
    ) -> Result<Vec<AdpChoice>, AppError> {
        let q = q.trim();
        let mut query = Query::new().limit(20);
        if !q.is_empty() {
            query = query.filter("alias", Specifier::IContains, q);
        }
        let page = cap
            .upstream()
            .list::<AutomaticParticipant>(&query)
            .await
            .map_err(upstream_error)?;
        let me = service_uri(service_id);
        Ok(page
            .objects
            .iter()
            .filter(|a| !a.conference.contains(&me))
            .map(|a| AdpChoice {
                adp: row(a),
                services: a.conference.len(),
            })
            .collect())
    }

    pub async fn usage(cap: &Capability, adp_id: i64) -> Result<AdpUsage, AppError> {
        let adp = cap
            .upstream()
            .get::<AutomaticParticipant>(&AutomaticParticipantId(adp_id))
            .await
            .map_err(upstream_error)?;
        let ids: Vec<i64> = adp
            .conference
            .iter()
            .filter_map(|u| u.id().ok().map(|id| id.0))
            .collect();
        let names = alias_check::service_names(cap.upstream(), &ids)
            .await
            .map_err(upstream_error)?;
        Ok(AdpUsage {
            adp: row(&adp),
            services: names
                .into_iter()
                .map(|(id, name)| NamedRef { id, name })
                .collect(),
        })
    }
}
