//! The five kinds of service and which settings apply to each.

use serde::{Deserialize, Serialize};

/// A kind of service (`service_type` on the Management Node).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceKind {
    /// `conference`
    Vmr,
    /// `lecture`
    Auditorium,
    /// `two_stage_dialing`
    Reception,
    /// `test_call`
    TestCall,
    /// `media_playback`
    MediaPlayback,
}

/// A setting of a service form, for deciding what a kind shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Pins,
    Guests,
    Layouts,
    CallType,
    CallRates,
    ParticipantLimit,
    Theme,
    Owner,
    Chat,
    Crypto,
    Reception,
    Location,
    OnCompletion,
}

impl ServiceKind {
    /// Every kind, in the order the type chips list them.
    pub const ALL: [ServiceKind; 5] = [
        ServiceKind::Vmr,
        ServiceKind::Auditorium,
        ServiceKind::Reception,
        ServiceKind::TestCall,
        ServiceKind::MediaPlayback,
    ];

    /// The Management API's `service_type` value.
    pub const fn wire(self) -> &'static str {
        match self {
            ServiceKind::Vmr => "conference",
            ServiceKind::Auditorium => "lecture",
            ServiceKind::Reception => "two_stage_dialing",
            ServiceKind::TestCall => "test_call",
            ServiceKind::MediaPlayback => "media_playback",
        }
    }

    /// The kind of a `service_type` value.
    pub fn from_wire(value: &str) -> Option<ServiceKind> {
        ServiceKind::ALL.into_iter().find(|k| k.wire() == value)
    }

    /// The short slug used in URLs (`?type=vmr,auditorium`).
    pub const fn slug(self) -> &'static str {
        match self {
            ServiceKind::Vmr => "vmr",
            ServiceKind::Auditorium => "auditorium",
            ServiceKind::Reception => "reception",
            ServiceKind::TestCall => "test-call",
            ServiceKind::MediaPlayback => "media-playback",
        }
    }

    /// The kind of a URL slug, or of a wire value.
    pub fn from_slug(value: &str) -> Option<ServiceKind> {
        ServiceKind::ALL
            .into_iter()
            .find(|k| k.slug() == value)
            .or_else(|| ServiceKind::from_wire(value))
    }

    /// The name people use.
    pub const fn label(self) -> &'static str {
        match self {
            ServiceKind::Vmr => "Virtual Meeting Room",
            ServiceKind::Auditorium => "Virtual Auditorium",
            ServiceKind::Reception => "Virtual Reception",
            ServiceKind::TestCall => "Test Call Service",
            ServiceKind::MediaPlayback => "Media Playback Service",
        }
    }

    /// A short label for chips and narrow columns.
    pub const fn short_label(self) -> &'static str {
        match self {
            ServiceKind::Vmr => "VMR",
            ServiceKind::Auditorium => "Auditorium",
            ServiceKind::Reception => "Reception",
            ServiceKind::TestCall => "Test call",
            ServiceKind::MediaPlayback => "Playback",
        }
    }

    /// Whether a setting applies to this kind; the form shows only those that do, and the
    /// server sends only those.
    pub fn has(self, setting: Setting) -> bool {
        use ServiceKind as K;
        use Setting as S;
        match setting {
            S::Pins | S::Guests | S::Layouts | S::ParticipantLimit | S::Chat => {
                matches!(self, K::Vmr | K::Auditorium)
            }
            S::Owner => matches!(self, K::Vmr | K::Auditorium | K::Reception),
            S::CallType | S::CallRates | S::Crypto => !matches!(self, K::MediaPlayback),
            S::Theme => true,
            S::Reception | S::Location => matches!(self, K::Reception),
            S::OnCompletion => matches!(self, K::MediaPlayback),
        }
    }

    /// Whether this kind can have Automatically Dialed Participants.
    pub fn has_adps(self) -> bool {
        matches!(self, ServiceKind::Vmr | ServiceKind::Auditorium)
    }
}

/// A human label for any `service_type` value, including ones pexdesk does not know.
pub fn kind_label(wire: &str) -> std::borrow::Cow<'_, str> {
    match ServiceKind::from_wire(wire) {
        Some(k) => k.label().into(),
        None => wire.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_and_slug_round_trip() {
        for k in ServiceKind::ALL {
            assert_eq!(ServiceKind::from_wire(k.wire()), Some(k));
            assert_eq!(ServiceKind::from_slug(k.slug()), Some(k));
            assert_eq!(ServiceKind::from_slug(k.wire()), Some(k));
        }
        assert_eq!(ServiceKind::from_wire("gateway"), None);
        assert_eq!(kind_label("gateway"), "gateway");
    }

    #[test]
    fn receptions_match_and_rooms_have_pins() {
        assert!(ServiceKind::Reception.has(Setting::Reception));
        assert!(!ServiceKind::Vmr.has(Setting::Reception));
        assert!(ServiceKind::Vmr.has(Setting::Pins));
        assert!(!ServiceKind::TestCall.has(Setting::Pins));
        assert!(ServiceKind::MediaPlayback.has(Setting::OnCompletion));
        assert!(!ServiceKind::MediaPlayback.has(Setting::CallRates));
    }
}
