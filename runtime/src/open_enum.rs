//! Open enums: decoding (a known value becomes its variant, any other value is kept) and the
//! `Display`, `Serialize` and `Deserialize` impls every generated open enum shares.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Deserializes a string into `T` through `From<&str>`, without allocating for known values.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}

/// `Display`, `Serialize` and `Deserialize` of a generated open enum from its two wire
/// conversions: `str Name` needs `Name::as_str` and `From<&str>`, `int Name` needs `Name::value`
/// and `From<i64>`.
#[macro_export]
macro_rules! open_enum_impls {
    (str $name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                $crate::open_enum::deserialize(deserializer)
            }
        }
    };
    (int $name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    /// A string enum as the generator writes it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Mode {
        Fast,
        Unknown(String),
    }

    impl Mode {
        fn as_str(&self) -> &str {
            match self {
                Self::Fast => "fast",
                Self::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for Mode {
        fn from(value: &str) -> Self {
            match value {
                "fast" => Self::Fast,
                other => Self::Unknown(other.to_owned()),
            }
        }
    }

    crate::open_enum_impls!(str Mode);

    /// An integer enum as the generator writes it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Level {
        One,
        Unknown(i64),
    }

    impl Level {
        fn value(&self) -> i64 {
            match self {
                Self::One => 1,
                Self::Unknown(value) => *value,
            }
        }
    }

    impl From<i64> for Level {
        fn from(value: i64) -> Self {
            match value {
                1 => Self::One,
                other => Self::Unknown(other),
            }
        }
    }

    crate::open_enum_impls!(int Level);

    #[test]
    fn string_enums_keep_unknown_values_both_ways() {
        let known: Mode = serde_json::from_str(r#""fast""#).unwrap();
        assert_eq!(known, Mode::Fast);
        let unknown: Mode = serde_json::from_str(r#""warp""#).unwrap();
        assert_eq!(unknown, Mode::Unknown("warp".into()));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""warp""#);
        assert_eq!(Mode::Fast.to_string(), "fast");
        assert!(serde_json::from_str::<Mode>("1").is_err());
    }

    #[test]
    fn int_enums_keep_unknown_values_both_ways() {
        assert_eq!(serde_json::from_str::<Level>("1").unwrap(), Level::One);
        let unknown: Level = serde_json::from_str("7").unwrap();
        assert_eq!(unknown, Level::Unknown(7));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "7");
        assert_eq!(format!("{:>3}", Level::One), "  1");
        assert!(serde_json::from_str::<Level>(r#""1""#).is_err());
    }
}
