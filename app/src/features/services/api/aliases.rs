//! A service's aliases, managed on its page: add, change the description, remove.

use leptos::prelude::*;

use crate::error::AppError;

/// Adds an alias to a service. An alias held by another service is refused, naming it.
#[server(endpoint = "services/aliases/add")]
pub async fn add_alias(
    service_id: i64,
    alias: String,
    description: String,
) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::add(&cap, service_id, alias, description).await
}

/// Changes the description of one of a service's aliases.
#[server(endpoint = "services/aliases/describe")]
pub async fn describe_alias(
    service_id: i64,
    alias_id: i64,
    description: String,
) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::describe(&cap, service_id, alias_id, description).await
}

/// Removes one of a service's aliases.
#[server(endpoint = "services/aliases/remove")]
pub async fn remove_alias(service_id: i64, alias_id: i64) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Helpdesk).await?;
    ssr::remove(&cap, service_id, alias_id).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::BTreeMap;

    use pexip_api::{
        config::{Conference, ConferenceAlias, ConferenceAliasId, ConferenceId},
        ResourceUri,
    };
    use serde_json::json;

    use super::*;
    use crate::{
        auth::guard::{AuditChange, Capability},
        error::upstream_error,
        features::services::{
            api::{alias_check, audited, refuse},
            form::check_aliases,
        },
    };

    fn back(service_id: i64) {
        crate::auth::finish_at(format!("/services/{service_id}#aliases"));
    }

    /// The alias, checked to belong to the service (ids are not trusted from the page).
    async fn owned(
        cap: &Capability,
        service_id: i64,
        alias_id: i64,
    ) -> Result<ConferenceAlias, AppError> {
        let alias = cap
            .upstream()
            .get::<ConferenceAlias>(&ConferenceAliasId(alias_id))
            .await
            .map_err(upstream_error)?;
        if alias.conference.id().map(|id| id.0) != Ok(service_id) {
            return Err(AppError::NotFound.respond());
        }
        Ok(alias)
    }

    pub async fn add(
        cap: &Capability,
        service_id: i64,
        alias: String,
        description: String,
    ) -> Result<(), AppError> {
        let alias = alias.trim().to_owned();
        let mut errors = BTreeMap::new();
        if alias.is_empty() {
            errors.insert(
                "alias".to_owned(),
                vec!["Enter the alias to add.".to_owned()],
            );
        }
        check_aliases(&mut errors, "alias", std::slice::from_ref(&alias));
        if description.chars().count() > 250 {
            errors.insert(
                "description".to_owned(),
                vec!["Use at most 250 characters.".to_owned()],
            );
        }
        if !errors.is_empty() {
            return Err(refuse(errors));
        }
        let service = cap
            .upstream()
            .get::<Conference>(&ConferenceId(service_id))
            .await
            .map_err(upstream_error)?;
        if service
            .aliases
            .iter()
            .any(|a| a.alias.eq_ignore_ascii_case(&alias))
        {
            return Err(refuse(
                [(
                    "alias".to_owned(),
                    vec![format!("{alias} is already an alias of this service.")],
                )]
                .into(),
            ));
        }
        let held = alias_check::conflicts(
            cap.upstream(),
            std::slice::from_ref(&alias),
            Some(service_id),
        )
        .await
        .map_err(upstream_error)?;
        if let Some(conflict) = held.first() {
            return Err(refuse(
                [("alias".to_owned(), vec![conflict.message()])].into(),
            ));
        }
        let body = json!({
            "alias": alias,
            "description": description,
            "conference": ResourceUri::<Conference>::new(&ConferenceId(service_id)),
        });
        let target = format!("alias {alias} of service {} (#{service_id})", service.name);
        let entry =
            AuditChange::success("service.alias.add", target).diff(None, Some(body.clone()));
        let result = cap.upstream().create::<ConferenceAlias>(&body).await;
        audited(cap, entry, result).await?;
        back(service_id);
        Ok(())
    }

    pub async fn describe(
        cap: &Capability,
        service_id: i64,
        alias_id: i64,
        description: String,
    ) -> Result<(), AppError> {
        if description.chars().count() > 250 {
            return Err(refuse(
                [(
                    "description".to_owned(),
                    vec!["Use at most 250 characters.".to_owned()],
                )]
                .into(),
            ));
        }
        let alias = owned(cap, service_id, alias_id).await?;
        if alias.description == description {
            back(service_id);
            return Ok(());
        }
        let patch = json!({ "description": description });
        let entry = AuditChange::success(
            "service.alias.update",
            format!("alias {} of service #{service_id}", alias.alias),
        )
        .diff(
            Some(json!({ "description": alias.description })),
            Some(patch.clone()),
        );
        let result = cap
            .upstream()
            .update::<ConferenceAlias>(&ConferenceAliasId(alias_id), &patch)
            .await;
        audited(cap, entry, result).await?;
        back(service_id);
        Ok(())
    }

    pub async fn remove(cap: &Capability, service_id: i64, alias_id: i64) -> Result<(), AppError> {
        let alias = owned(cap, service_id, alias_id).await?;
        let entry = AuditChange::success(
            "service.alias.remove",
            format!("alias {} of service #{service_id}", alias.alias),
        )
        .diff(
            Some(json!({ "alias": alias.alias, "description": alias.description })),
            None,
        );
        let result = cap
            .upstream()
            .delete::<ConferenceAlias>(&ConferenceAliasId(alias_id))
            .await;
        audited(cap, entry, result).await?;
        back(service_id);
        Ok(())
    }
}
