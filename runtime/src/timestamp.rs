//! Date-time values as sent by APIs: RFC 3339 strings or Unix seconds.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::{Iso8601, Rfc3339};
use time::OffsetDateTime;

/// A point in time. Deserializes from an RFC 3339 / ISO 8601 string or from
/// Unix seconds (integer or float); serializes as an RFC 3339 string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub OffsetDateTime);

impl Timestamp {
    /// The timestamp `seconds` after the Unix epoch; `None` outside the years 0000 to 9999,
    /// which RFC 3339 can express.
    pub fn from_unix(seconds: i64) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .and_then(Self::in_rfc3339_range)
    }

    /// `value` if RFC 3339 can write it (years 0000 to 9999).
    fn in_rfc3339_range(value: OffsetDateTime) -> Option<Self> {
        (0..=9999).contains(&value.year()).then_some(Self(value))
    }

    /// The current time.
    pub fn now() -> Self {
        Self(OffsetDateTime::now_utc())
    }

    /// Whole seconds since the Unix epoch.
    pub fn unix_timestamp(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// Formats as RFC 3339 (`2023-12-01T05:00:00.401Z`). Falls back to ISO
    /// 8601 for values RFC 3339 cannot express (years beyond 9999).
    pub fn to_rfc3339(&self) -> String {
        self.0
            .format(&Rfc3339)
            .or_else(|_| self.0.format(&Iso8601::DEFAULT))
            .unwrap_or_else(|_| self.0.to_string())
    }

    fn from_unix_f64(seconds: f64) -> Option<Self> {
        if !seconds.is_finite() {
            return None;
        }
        let nanos = (seconds * 1e9).round();
        if nanos.abs() > i128::MAX as f64 {
            return None;
        }
        OffsetDateTime::from_unix_timestamp_nanos(nanos as i128)
            .ok()
            .and_then(Self::in_rfc3339_range)
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(value: OffsetDateTime) -> Self {
        Self(value)
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(value: Timestamp) -> Self {
        value.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Error returned when a string is not a recognised timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid timestamp `{0}`: expected RFC 3339 / ISO 8601 or Unix seconds")]
pub struct ParseTimestampError(String);

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    /// Parses RFC 3339, ISO 8601, or Unix seconds written as a number.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        OffsetDateTime::parse(trimmed, &Rfc3339)
            .or_else(|_| OffsetDateTime::parse(trimmed, &Iso8601::DEFAULT))
            .ok()
            .and_then(Self::in_rfc3339_range)
            .or_else(|| trimmed.parse::<i64>().ok().and_then(Self::from_unix))
            .or_else(|| trimmed.parse::<f64>().ok().and_then(Self::from_unix_f64))
            .ok_or_else(|| ParseTimestampError(super::excerpt::truncate(trimmed, 64)))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date-time string or Unix seconds")
    }

    fn visit_str<Err: de::Error>(self, value: &str) -> Result<Timestamp, Err> {
        value.parse().map_err(Err::custom)
    }

    fn visit_i64<Err: de::Error>(self, value: i64) -> Result<Timestamp, Err> {
        Timestamp::from_unix(value)
            .ok_or_else(|| Err::custom(format!("Unix timestamp {value} is out of range")))
    }

    fn visit_u64<Err: de::Error>(self, value: u64) -> Result<Timestamp, Err> {
        i64::try_from(value)
            .ok()
            .and_then(Timestamp::from_unix)
            .ok_or_else(|| Err::custom(format!("Unix timestamp {value} is out of range")))
    }

    fn visit_f64<Err: de::Error>(self, value: f64) -> Result<Timestamp, Err> {
        Timestamp::from_unix_f64(value)
            .ok_or_else(|| Err::custom(format!("Unix timestamp {value} is out of range")))
    }
}
