//! Services: find, create, edit and bulk-manage meeting rooms (every service type), their
//! aliases and their Automatically Dialed Participants. Helpdesk and admin only; every
//! server function checks that on the server.

pub mod adp_form;
pub mod api;
pub mod form;
pub mod import_model;
pub mod kind;
pub mod model;
pub mod params;

mod adps_section;
mod aliases_section;
mod confirm_pages;
mod detail;
mod edit_pages;
mod editor;
mod fields;
mod import_page;
mod list;
mod list_results;
mod list_rows;

pub use confirm_pages::{BulkDeletePage, DeleteAdpPage};
pub use detail::ServiceDetailPage;
pub use edit_pages::{EditServicePage, NewServicePage};
pub use import_page::ImportPage;
pub use list::ServicesPage;
