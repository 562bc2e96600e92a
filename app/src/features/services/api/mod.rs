//! Server functions of the services pages. Each one starts with
//! `require(Role::Helpdesk)`: helpdesk and admin may use them, a `user` never.

pub mod adps;
pub mod aliases;
pub mod bulk;
pub mod detail;
pub mod export;
pub mod import;
pub mod list;
pub mod write;

#[cfg(feature = "ssr")]
pub mod alias_check;
#[cfg(feature = "ssr")]
pub mod convert;
#[cfg(feature = "ssr")]
pub mod import_check;

pub use adps::{
    attach_adp, create_adp, delete_adp, detach_adp, get_adp_usage, AttachAdp, CreateAdp, DeleteAdp,
    DetachAdp, GetAdpUsage,
};
pub use aliases::{add_alias, describe_alias, remove_alias, AddAlias, DescribeAlias, RemoveAlias};
pub use bulk::{
    bulk_delete_services, parse_ids, services_by_ids, BulkDeleteReport, BulkDeleteServices,
    ServicesByIds,
};
pub use detail::{get_form_options, get_service, GetFormOptions, GetService};
pub use export::{export_services, ExportServices, EXPORT_COLUMNS};
pub use import::{apply_import, check_import, ApplyImport, CheckImport};
pub use list::{list_services, ListServices};
pub use write::{
    create_service, delete_service, update_service, CreateService, DeleteService, UpdateService,
};

/// A refusal of the form's input, with messages beside its fields.
#[cfg(feature = "ssr")]
pub fn refuse(fields: crate::features::services::form::FieldErrors) -> crate::error::AppError {
    crate::error::AppError::Validation { fields }.respond()
}

/// Records a change in the audit log with its outcome: on success as `entry`, on failure
/// with the safe message shown to the person. Answers the outcome as the page sees it.
#[cfg(feature = "ssr")]
pub async fn audited<T>(
    cap: &crate::auth::guard::Capability,
    entry: crate::auth::guard::AuditChange,
    result: Result<T, pexip_api::client::Error>,
) -> Result<T, crate::error::AppError> {
    match result {
        Ok(value) => {
            cap.audit(entry).await?;
            Ok(value)
        }
        Err(err) => {
            let shown = crate::error::upstream_error(err);
            cap.audit(entry.failed(shown.to_string())).await?;
            Err(shown)
        }
    }
}
