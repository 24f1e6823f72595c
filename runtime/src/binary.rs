//! Bytes carried in JSON strings: `format: byte` ([`Base64`]) and `format: binary` ([`Binary`]).

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;

/// Bytes sent as a base64 string (`format: byte`).
///
/// Encodes with the standard alphabet and padding; decodes the standard or URL-safe alphabet,
/// padded or not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The decoded bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// Decodes base64 text (standard or URL-safe alphabet, padded or not).
    pub fn decode(text: &str) -> Result<Self, base64::DecodeError> {
        let text = text.trim();
        STANDARD
            .decode(text)
            .or_else(|_| STANDARD_NO_PAD.decode(text))
            .or_else(|_| URL_SAFE.decode(text))
            .or_else(|_| URL_SAFE_NO_PAD.decode(text))
            .map(Self)
    }
}

impl fmt::Display for Base64 {
    /// The standard, padded base64 text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Self::decode(&text).map_err(|e| de::Error::custom(format!("invalid base64: {e}")))
    }
}

/// Raw bytes of a `format: binary` string.
///
/// Inside JSON a string can only hold text, so it decodes a string's UTF-8 bytes and refuses to
/// encode bytes that are not UTF-8 (JSON cannot carry them faithfully).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// The bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(&self.0) {
            Ok(text) => serializer.serialize_str(text),
            Err(e) => Err(serde::ser::Error::custom(format!(
                "binary value is not UTF-8 and cannot be sent inside JSON: {e}"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self(String::deserialize(deserializer)?.into_bytes()))
    }
}

macro_rules! bytes_conversions {
    ($t:ident) => {
        impl Deref for $t {
            type Target = [u8];
            fn deref(&self) -> &[u8] {
                &self.0
            }
        }

        impl AsRef<[u8]> for $t {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        impl From<Vec<u8>> for $t {
            fn from(bytes: Vec<u8>) -> Self {
                Self(bytes)
            }
        }

        impl From<&[u8]> for $t {
            fn from(bytes: &[u8]) -> Self {
                Self(bytes.to_vec())
            }
        }

        impl From<&str> for $t {
            fn from(text: &str) -> Self {
                Self(text.as_bytes().to_vec())
            }
        }

        impl From<$t> for Vec<u8> {
            fn from(value: $t) -> Self {
                value.0
            }
        }
    };
}

bytes_conversions!(Base64);
bytes_conversions!(Binary);
