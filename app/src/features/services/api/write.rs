//! Creating (and cloning), editing and deleting a service. Every change is checked before
//! it is sent, sent once, and recorded in the audit log with its diff.

use leptos::prelude::*;

use crate::error::AppError;
use crate::features::services::form::ServiceForm;

/// Creates a service (or a clone of `form.clone_of`); answers its id.
#[server(endpoint = "services/create")]
pub async fn create_service(form: ServiceForm) -> Result<i64, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::create(&cap, form).await
}

/// Saves the changed settings of a service.
#[server(endpoint = "services/update")]
pub async fn update_service(id: i64, form: ServiceForm) -> Result<i64, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::update(&cap, id, form).await
}

/// Deletes a service and its aliases (its dialled participants stay).
#[server(endpoint = "services/delete")]
pub async fn delete_service(id: i64) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::delete(&cap, id).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use pexip_api::config::{Conference, ConferenceId};
    use serde_json::{json, Value};

    use super::*;
    use crate::{
        auth::guard::{AuditChange, Capability},
        error::upstream_error,
        features::services::{
            api::{alias_check, audited, convert, refuse},
            form::validate,
        },
    };

    /// `service Board room (#12)`
    pub fn target(name: &str, id: i64) -> String {
        format!("service {name} (#{id})")
    }

    pub async fn create(cap: &Capability, mut form: ServiceForm) -> Result<i64, AppError> {
        let errors = validate(&form);
        if !errors.is_empty() {
            return Err(refuse(errors));
        }
        let aliases = form.alias_list();
        let held = alias_check::conflicts(cap.upstream(), &aliases, None)
            .await
            .map_err(upstream_error)?;
        if !held.is_empty() {
            let messages = held.iter().map(alias_check::Conflict::message).collect();
            return Err(refuse([("aliases".to_owned(), messages)].into()));
        }
        let mut body = convert::create_body(&form);
        let source = form.clone_of.trim().parse::<i64>().ok();
        if let Some(source) = source {
            let original = cap
                .upstream()
                .get::<Conference>(&ConferenceId(source))
                .await
                .map_err(upstream_error)?;
            let adps: Vec<Value> = original
                .automatic_participants
                .iter()
                .map(|a| {
                    json!(pexip_api::ResourceUri::<
                        pexip_api::config::AutomaticParticipant,
                    >::new(&a.id))
                })
                .collect();
            if !adps.is_empty() {
                body.insert("automatic_participants".into(), Value::Array(adps));
            }
        }
        form.name = form.name.trim().to_owned();
        let action = if source.is_some() {
            "service.clone"
        } else {
            "service.create"
        };
        let result = cap.upstream().create::<Conference>(&body).await;
        let named = match &result {
            Ok(id) => target(&form.name, id.0),
            Err(_) => format!("service {}", form.name),
        };
        let mut entry = AuditChange::success(action, named).diff(None, Some(Value::Object(body)));
        if let Some(source) = source {
            entry.detail = Some(format!("cloned from service #{source}"));
        }
        let id = audited(cap, entry, result).await?;
        crate::auth::finish_at(format!("/services/{}", id.0));
        Ok(id.0)
    }

    pub async fn update(cap: &Capability, id: i64, mut form: ServiceForm) -> Result<i64, AppError> {
        let current = cap
            .upstream()
            .get::<Conference>(&ConferenceId(id))
            .await
            .map_err(upstream_error)?;
        // The kind of a service does not change on edit; the form's aliases are not used.
        form.service_type = current.service_type.to_string();
        form.aliases.clear();
        let errors = validate(&form);
        if !errors.is_empty() {
            return Err(refuse(errors));
        }
        if form.version != convert::version_of(&current) {
            return Err(refuse(
                [(
                    "version".to_owned(),
                    vec![
                        "Someone changed this service since you opened it. Your changes are \
                          still in the form: reload the page to see the current settings, then \
                          make your changes again."
                            .to_owned(),
                    ],
                )]
                .into(),
            ));
        }
        let (patch, before) = convert::changes(&form, &current);
        if patch.is_empty() {
            crate::auth::finish_at(format!("/services/{id}"));
            return Ok(id);
        }
        let name = current.name.clone();
        let result = cap
            .upstream()
            .update::<Conference>(&ConferenceId(id), &patch)
            .await;
        let entry = AuditChange::success("service.update", target(&name, id))
            .diff(Some(Value::Object(before)), Some(Value::Object(patch)));
        audited(cap, entry, result).await?;
        crate::auth::finish_at(format!("/services/{id}"));
        Ok(id)
    }

    pub async fn delete(cap: &Capability, id: i64) -> Result<(), AppError> {
        let current = cap
            .upstream()
            .get::<Conference>(&ConferenceId(id))
            .await
            .map_err(upstream_error)?;
        let aliases: Vec<String> = current.aliases.iter().map(|a| a.alias.clone()).collect();
        let before = json!({ "name": current.name, "service_type": current.service_type.to_string(), "aliases": aliases });
        let result = cap.upstream().delete::<Conference>(&ConferenceId(id)).await;
        let entry = AuditChange::success("service.delete", target(&current.name, id))
            .diff(Some(before), None);
        audited(cap, entry, result).await?;
        crate::auth::finish_at("/services".to_owned());
        Ok(())
    }
}
