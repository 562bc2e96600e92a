//! The portal's top-level sections, in navigation order.

use serde::{Deserialize, Serialize};

use crate::auth::Role;

/// One top-level section of the portal, as shown in the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    Services,
    Live,
    History,
    Routing,
    Themes,
    Licences,
    Platform,
    Audit,
    Users,
    MyRooms,
}

impl Section {
    /// Every section, in the order the navigation lists them.
    pub const ALL: [Section; 10] = [
        Section::Services,
        Section::Live,
        Section::History,
        Section::Routing,
        Section::Themes,
        Section::Licences,
        Section::Platform,
        Section::Audit,
        Section::Users,
        Section::MyRooms,
    ];

    /// The URL path segment, e.g. `my-rooms`.
    pub const fn slug(self) -> &'static str {
        match self {
            Section::Services => "services",
            Section::Live => "live",
            Section::History => "history",
            Section::Routing => "routing",
            Section::Themes => "themes",
            Section::Licences => "licences",
            Section::Platform => "platform",
            Section::Audit => "audit",
            Section::Users => "users",
            Section::MyRooms => "my-rooms",
        }
    }

    /// The absolute path of the section's page.
    pub fn href(self) -> String {
        format!("/{}", self.slug())
    }

    /// The section whose slug this is.
    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The label in the navigation and the page title.
    pub const fn title(self) -> &'static str {
        match self {
            Section::Services => "Services",
            Section::Live => "Live",
            Section::History => "History",
            Section::Routing => "Routing",
            Section::Themes => "Themes",
            Section::Licences => "Licences",
            Section::Platform => "Platform",
            Section::Audit => "Audit",
            Section::Users => "Users",
            Section::MyRooms => "My rooms",
        }
    }

    /// The least role that may open the section.
    pub const fn required_role(self) -> Role {
        match self {
            Section::Services
            | Section::Live
            | Section::History
            | Section::Routing
            | Section::Themes => Role::Helpdesk,
            Section::Licences | Section::Platform | Section::Audit | Section::Users => Role::Admin,
            Section::MyRooms => Role::User,
        }
    }

    /// The sections `role` may open, in navigation order.
    pub fn visible_to(role: Role) -> impl Iterator<Item = Section> {
        Section::ALL
            .into_iter()
            .filter(move |s| role.allows(s.required_role()))
    }

    /// One sentence on what the section is for.
    pub const fn summary(self) -> &'static str {
        match self {
            Section::Services => {
                "Find, create and edit meeting rooms, auditoriums, receptions and their aliases."
            }
            Section::Live => {
                "Watch live conferences and act on them: mute, disconnect, lock, transfer, dial out."
            }
            Section::History => "Past conferences and participants, with call quality.",
            Section::Routing => "Call routing rules that decide where calls go.",
            Section::Themes => "IVR themes: the look and sound of the meeting experience.",
            Section::Licences => "Installed licences and their usage.",
            Section::Platform => "Locations, conferencing nodes, alarms and backups.",
            Section::Audit => "Every change made through pexdesk, by whom and when.",
            Section::Users => "Portal accounts, their roles and their sessions.",
            Section::MyRooms => "Your own Virtual Meeting Rooms and your live meetings.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_round_trips_and_is_unique() {
        for section in Section::ALL {
            assert_eq!(Section::from_slug(section.slug()), Some(section));
        }
        let mut slugs: Vec<_> = Section::ALL.iter().map(|s| s.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), Section::ALL.len());
    }

    #[test]
    fn roles_see_nested_sets_of_sections() {
        let user: Vec<_> = Section::visible_to(Role::User).collect();
        let helpdesk: Vec<_> = Section::visible_to(Role::Helpdesk).collect();
        let admin: Vec<_> = Section::visible_to(Role::Admin).collect();
        assert_eq!(user, vec![Section::MyRooms]);
        assert!(helpdesk.contains(&Section::Services) && !helpdesk.contains(&Section::Audit));
        assert_eq!(admin.len(), Section::ALL.len());
    }

    #[test]
    fn unknown_slug_is_none() {
        assert_eq!(Section::from_slug("nope"), None);
        assert_eq!(Section::from_slug(""), None);
    }
}
