//! `Timestamp` and `Nullable` (de)serialization.

use openapi_runtime::time::macros::datetime;
use openapi_runtime::time::OffsetDateTime;
use openapi_runtime::{Nullable, Timestamp};
use serde::{Deserialize, Serialize};

#[test]
fn timestamp_from_rfc3339_string() {
    let ts: Timestamp = serde_json::from_str(r#""2023-12-01T05:00:00.401Z""#).unwrap();
    assert_eq!(ts.0, datetime!(2023-12-01 05:00:00.401 UTC));
    assert_eq!(
        serde_json::to_string(&ts).unwrap(),
        r#""2023-12-01T05:00:00.401Z""#
    );
    assert_eq!(ts.to_string(), "2023-12-01T05:00:00.401Z");

    let offset: Timestamp = serde_json::from_str(r#""2023-12-01T06:00:00+01:00""#).unwrap();
    assert_eq!(offset.unix_timestamp(), 1_701_406_800);
}

#[test]
fn timestamp_from_unix_seconds() {
    let ts: Timestamp = serde_json::from_str("1701406800").unwrap();
    assert_eq!(ts.0, datetime!(2023-12-01 05:00:00 UTC));
    assert_eq!(Timestamp::from_unix(1_701_406_800), Some(ts));
    let json = serde_json::to_string(&ts).unwrap();
    assert_eq!(json, r#""2023-12-01T05:00:00Z""#);
    let back: Timestamp = serde_json::from_str(&json).unwrap();
    assert_eq!(back, ts);

    let fractional: Timestamp = serde_json::from_str("1701406800.5").unwrap();
    assert_eq!(fractional.0, datetime!(2023-12-01 05:00:00.5 UTC));
    let from_string: Timestamp = serde_json::from_str(r#""1701406800""#).unwrap();
    assert_eq!(from_string, ts);
    let negative: Timestamp = serde_json::from_str("-1").unwrap();
    assert_eq!(negative.0, datetime!(1969-12-31 23:59:59 UTC));
}

#[test]
fn timestamp_rejects_garbage_without_panicking() {
    for bad in [
        r#""yesterday""#,
        r#""""#,
        "true",
        "null",
        "{}",
        "1e300",
        "-1e300",
        "18446744073709551615",
        "9223372036854775807",
    ] {
        assert!(
            serde_json::from_str::<Timestamp>(bad).is_err(),
            "{bad} should not parse"
        );
    }
    assert_eq!(Timestamp::from_unix(i64::MAX), None);
}

#[test]
fn timestamp_conversions_and_ordering() {
    let dt: OffsetDateTime = datetime!(2024-02-29 12:00:00 UTC);
    let ts = Timestamp::from(dt);
    assert_eq!(OffsetDateTime::from(ts), dt);
    assert!(Timestamp::from_unix(1).unwrap() < Timestamp::from_unix(2).unwrap());
    assert_eq!("2024-02-29T12:00:00Z".parse::<Timestamp>().unwrap(), ts);
    assert!(Timestamp::now() > ts);
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Update {
    #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
    name: Nullable<String>,
    #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
    description: Nullable<String>,
    #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
    price: Nullable<u32>,
}

#[test]
fn nullable_serializes_three_states() {
    let update = Update {
        name: Nullable::Value("Lamp".into()),
        description: Nullable::Null,
        price: Nullable::Omitted,
    };
    assert_eq!(
        serde_json::to_string(&update).unwrap(),
        r#"{"name":"Lamp","description":null}"#
    );
    assert_eq!(serde_json::to_string(&Update::default()).unwrap(), "{}");
    // Without skip_serializing_if, omitted becomes null.
    assert_eq!(
        serde_json::to_string(&Nullable::<u8>::Omitted).unwrap(),
        "null"
    );
}

#[test]
fn nullable_deserializes_three_states() {
    let update: Update = serde_json::from_str(r#"{"name":"Lamp","description":null}"#).unwrap();
    assert_eq!(
        update,
        Update {
            name: Nullable::Value("Lamp".into()),
            description: Nullable::Null,
            price: Nullable::Omitted,
        }
    );
}

#[test]
fn nullable_helpers() {
    let value: Nullable<u8> = 5.into();
    assert_eq!(value, Nullable::Value(5));
    assert_eq!(Nullable::<u8>::from(None), Nullable::Null);
    assert_eq!(Nullable::<u8>::from(Some(1)), Nullable::Value(1));
    assert_eq!(value.as_ref(), Nullable::Value(&5));
    assert_eq!(value.into_option(), Some(5));
    assert_eq!(Nullable::<u8>::Null.into_option(), None);
    assert!(Nullable::<u8>::default().is_omitted());
    assert!(Nullable::<u8>::Null.is_null());
    assert!(value.is_value());
}

#[test]
fn patterns_are_checked_with_each_regex_and_the_cache_keeps_results_apart() {
    use openapi_runtime::validate::pattern;
    let regexes = &["^(?:.*[A-Za-z])", "^[^<>]{5,22}$"];
    assert_eq!(pattern("d", "PICKAXE", regexes, "p"), Ok(()));
    // Second call: from the cache, same verdicts.
    assert_eq!(pattern("d", "PICKAXE", regexes, "p"), Ok(()));
    let digits = pattern("d", "12345", regexes, "^(?=.*[A-Za-z])[^<>]{5,22}$").unwrap_err();
    assert_eq!(digits.field, "d");
    assert_eq!(
        digits.message,
        "must match the pattern `^(?=.*[A-Za-z])[^<>]{5,22}$`"
    );
    assert!(pattern("d", "<abcde>", regexes, "p").is_err());
    assert!(pattern("d", "abc", regexes, "p").is_err());
    // A regex the engine refuses is skipped (the server judges), here and from the cache.
    for _ in 0..2 {
        assert_eq!(pattern("d", "anything", &["(?<=a)b"], "p"), Ok(()));
    }
}
