//! Choice fields. Each enum keeps values it does not know in `Other(String)`,
//! so a newer node never breaks deserialisation.

choice!(
    /// The kind of service (`service_type`).
    ServiceType, default Conference {
        /// Virtual Meeting Room.
        Conference = "conference",
        /// Virtual Auditorium.
        Lecture = "lecture",
        /// Virtual Reception.
        TwoStageDialing = "two_stage_dialing",
        /// Test Call Service.
        TestCall = "test_call",
        /// Media Playback Service.
        MediaPlayback = "media_playback",
        /// Gateway call (status and history only).
        Gateway = "gateway",
    }
);

choice!(
    /// `call_type`.
    CallType, default Video {
        Audio = "audio",
        Video = "video",
        VideoOnly = "video-only",
        /// Call routing rules only.
        Auto = "auto",
    }
);

choice!(
    /// Outgoing protocol of ADPs, routing rules and dial.
    Protocol, default Sip {
        Sip = "sip",
        H323 = "h323",
        Mssip = "mssip",
        Rtmp = "rtmp",
        Gms = "gms",
        Teams = "teams",
    }
);

choice!(
    /// Role of a participant.
    Role, default Guest {
        Guest = "guest",
        Chair = "chair",
        /// Status and history only.
        Unknown = "unknown",
    }
);

choice!(
    /// `keep_conference_alive` of ADPs and dial.
    KeepConferenceAlive, default KeepConferenceAliveIfMultiple {
        KeepConferenceAlive = "keep_conference_alive",
        KeepConferenceAliveIfMultiple = "keep_conference_alive_if_multiple",
        KeepConferenceAliveNever = "keep_conference_alive_never",
    }
);

choice!(
    /// `routing` of ADPs and dial.
    Routing, default Manual {
        Manual = "manual",
        RoutingRule = "routing_rule",
    }
);

choice!(
    /// `crypto_mode`; `""` means "use the global setting".
    CryptoMode, default UseGlobal {
        UseGlobal = "",
        BestEffort = "besteffort",
        On = "on",
        Off = "off",
    }
);

choice!(
    /// `max_pixels_per_second`.
    MaxPixels, default Hd {
        Sd = "sd",
        Hd = "hd",
        FullHd = "fullhd",
    }
);

choice!(
    /// A per-service override of a global switch (`enable_chat`, `live_captions_enabled`…).
    DefaultYesNo, default Default {
        Default = "default",
        Yes = "yes",
        No = "no",
    }
);

choice!(
    /// Layouts for `host_view` / `guest_view`; custom layouts arrive as `Other`.
    Layout, default OneMainSevenPips {
        OneMainZeroPips = "one_main_zero_pips",
        OneMainSevenPips = "one_main_seven_pips",
        OneMainTwentyonePips = "one_main_twentyone_pips",
        TwoMainsTwentyonePips = "two_mains_twentyone_pips",
        FourMainsZeroPips = "four_mains_zero_pips",
        NineMainsZeroPips = "nine_mains_zero_pips",
        SixteenMainsZeroPips = "sixteen_mains_zero_pips",
        TwentyfiveMainsZeroPips = "twentyfive_mains_zero_pips",
        FiveMainsSevenPips = "five_mains_seven_pips",
    }
);

choice!(
    /// `two_stage_dial_type` of a Virtual Reception.
    TwoStageDialType, default Regular {
        Regular = "regular",
        Mssip = "mssip",
        Gms = "gms",
        Teams = "teams",
    }
);

choice!(
    /// `non_idp_participants`.
    NonIdpParticipants, default DisallowAll {
        DisallowAll = "disallow_all",
        AllowIfTrusted = "allow_if_trusted",
    }
);

choice!(
    /// `called_device_type` of a Call Routing Rule.
    CalledDeviceType, default External {
        External = "external",
        Registration = "registration",
        MssipConferenceId = "mssip_conference_id",
        MssipServer = "mssip_server",
        GmsConference = "gms_conference",
        TeamsConference = "teams_conference",
        TeamsUser = "teams_user",
        TelehealthProfile = "telehealth_profile",
    }
);

choice!(
    /// `node_type` of a Conferencing Node.
    NodeType, default Conferencing {
        Conferencing = "CONFERENCING",
        Proxying = "PROXYING",
    }
);

choice!(
    /// A `GLOBAL`/`OFF`/`ON` switch (`enable_ssh`, `bdpm_*` on locations).
    GlobalOnOff, default Global {
        Global = "GLOBAL",
        Off = "OFF",
        On = "ON",
    }
);

choice!(
    /// `snmp_mode` of a Conferencing Node.
    SnmpMode, default Disabled {
        Disabled = "DISABLED",
        Standard = "STANDARD",
        AuthPriv = "AUTHPRIV",
    }
);

choice!(
    /// Perceived call quality.
    CallQuality, default Unknown {
        Unknown = "0_unknown",
        Good = "1_good",
        Ok = "2_ok",
        Bad = "3_bad",
        Terrible = "4_terrible",
    }
);

choice!(
    /// `call_direction` of a participant.
    CallDirection, default In {
        In = "in",
        Out = "out",
    }
);

choice!(
    /// Type of a media stream.
    StreamType, default Audio {
        Audio = "audio",
        Video = "video",
        Presentation = "presentation",
    }
);

choice!(
    /// Severity of an alarm.
    AlarmLevel, default Info {
        Info = "info",
        Warning = "warning",
        Error = "error",
        Critical = "critical",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        let v: CallType = serde_json::from_str(r#""hologram""#).unwrap();
        assert_eq!(v, CallType::Other("hologram".into()));
        assert_eq!(serde_json::to_string(&v).unwrap(), r#""hologram""#);
        let v: CallType = serde_json::from_str(r#""video-only""#).unwrap();
        assert_eq!(v, CallType::VideoOnly);
        assert_eq!(CryptoMode::from_wire(""), CryptoMode::UseGlobal);
        assert_eq!(CallQuality::KNOWN.len(), 5);
    }
}
