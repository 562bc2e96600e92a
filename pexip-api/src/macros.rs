//! Macros that generate the repetitive parts of the models.

/// A string choice field that keeps unknown values.
///
/// `choice!(CallType, default Video { Audio = "audio", Video = "video" })`
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $name:ident, default $default:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of pexdesk does not know.
            Other(String),
        }

        impl $name {
            /// Every known value, in the guide's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(s) => s.as_str(),
                }
            }

            /// Parses a wire value; unknown values become `Other`.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $( $text => $name::$variant, )+
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from_wire(&s))
            }
        }
    };
}

/// A configuration resource: the read model and its write (`Patch`) model.
///
/// - `readonly` fields appear only in the read model;
/// - `fields` are non-null values (read: `T` with a default, write: `Patch<T>`);
/// - `nullable` fields may be null (read: `Option<T>`, write: `Patch<T>`).
macro_rules! resource_model {
    (
        $(#[$smeta:meta])*
        $name:ident, $patch:ident {
            readonly { $( $(#[$rm:meta])* $rf:ident : $rt:ty ),* $(,)? }
            fields { $( $(#[$fm:meta])* $ff:ident : $ft:ty ),* $(,)? }
            $(related { $( $(#[$xm:meta])* $xf:ident : $xr:ty => $xw:ty ),* $(,)? })?
            nullable { $( $(#[$nm:meta])* $nf:ident : $nt:ty ),* $(,)? }
        }
    ) => {
        $(#[$smeta])*
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct $name {
            $( $(#[$rm])* #[serde(default)] pub $rf: $rt, )*
            $( $(#[$fm])* #[serde(default)] pub $ff: $ft, )*
            $($( $(#[$xm])* #[serde(default)] pub $xf: $xr, )*)?
            $( $(#[$nm])* #[serde(default)] pub $nf: Option<$nt>, )*
            /// Fields this model does not know; sent back unchanged.
            #[serde(flatten)]
            pub extra: $crate::Extra,
        }

        #[doc = concat!("A create or partial update of [`", stringify!($name), "`]: each field is absent, null or a value.")]
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct $patch {
            $( $(#[$fm])* #[serde(default, skip_serializing_if = "crate::Patch::is_absent")] pub $ff: $crate::Patch<$ft>, )*
            $($( $(#[$xm])* #[serde(default, skip_serializing_if = "crate::Patch::is_absent")] pub $xf: $crate::Patch<$xw>, )*)?
            $( $(#[$nm])* #[serde(default, skip_serializing_if = "crate::Patch::is_absent")] pub $nf: $crate::Patch<$nt>, )*
            /// Extra fields to send as they are.
            #[serde(flatten)]
            pub extra: $crate::Extra,
        }

        impl $name {
            /// A patch that sets every writable field to this object's value
            /// (including the unknown fields), e.g. to copy an object.
            pub fn to_patch(&self) -> $patch {
                $patch {
                    $( $ff: $crate::Patch::Value(self.$ff.clone()), )*
                    $($( $xf: $crate::Patch::Value($crate::models::ToWrite::to_write(&self.$xf)), )*)?
                    $( $nf: $crate::Patch::from_option(self.$nf.clone()), )*
                    extra: self.extra.clone(),
                }
            }
        }
    };
}

/// A read-only model (status, history): every field defaults when missing.
macro_rules! read_model {
    (
        $(#[$smeta:meta])*
        $name:ident { $( $(#[$fm:meta])* $ff:ident : $ft:ty ),* $(,)? }
    ) => {
        $(#[$smeta])*
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct $name {
            $( $(#[$fm])* #[serde(default)] pub $ff: $ft, )*
            /// Fields this model does not know.
            #[serde(flatten)]
            pub extra: $crate::Extra,
        }
    };
}

/// A typed identifier.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, int) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
    ($(#[$meta:meta])* $name:ident, string) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name(s.to_string()))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

/// Implements [`crate::Resource`] for a model.
macro_rules! resource {
    ($ty:ty, $api:ident, $name:literal, $id:ty) => {
        impl $crate::Resource for $ty {
            const API: $crate::Api = $crate::Api::$api;
            const NAME: &'static str = $name;
            type Id = $id;
        }
    };
}
