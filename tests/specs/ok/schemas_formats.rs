//! Behaviour of the crate generated from schemas_formats.yaml: each `format` decodes to its Rust
//! type and encodes back to the same JSON.

mod support;

use corpus_schemas_formats::models::Sample;
use corpus_schemas_formats::runtime::{Base64, Binary};
use serde_json::json;
use support::round_trip;

fn sample_json() -> serde_json::Value {
    json!({
        "id": "6f1c3b2a-9d4e-4f5a-8b7c-0123456789ab",
        "small": -7,
        "big": 9007199254740993i64,
        "odd_int": 42,
        "ratio": 0.5,
        "precise": 0.1,
        "day": "2026-11-24",
        "at": "2026-11-24T08:00:00Z",
        "digest": "aGVsbG8=",
        "raw": "plain text",
        "homepage": "https://example.test/a",
        "contact": "a@example.test",
        "code": "01J0000000000000000000000",
        "ids": ["00000000-0000-0000-0000-000000000001"],
        "chunks": {"a": "AAE="}
    })
}

#[test]
fn formats_decode_to_their_rust_types() {
    let sample: Sample = serde_json::from_value(sample_json()).expect("decodes");
    assert_eq!(
        sample.id,
        "6f1c3b2a-9d4e-4f5a-8b7c-0123456789ab"
            .parse::<corpus_schemas_formats::runtime::uuid::Uuid>()
            .unwrap()
    );
    let small: i32 = sample.small;
    let big: i64 = sample.big;
    assert_eq!((small, big), (-7, 9007199254740993));
    let odd: Option<i64> = sample.odd_int;
    assert_eq!(odd, Some(42));
    let ratio: f32 = sample.ratio;
    assert_eq!(ratio, 0.5);
    assert_eq!(sample.day.to_string(), "2026-11-24");
    assert_eq!(sample.digest, Base64(b"hello".to_vec()));
    assert_eq!(sample.raw, Some(Binary(b"plain text".to_vec())));
    let homepage: Option<String> = sample.homepage.clone();
    assert_eq!(homepage.as_deref(), Some("https://example.test/a"));
    assert_eq!(sample.code.as_deref(), Some("01J0000000000000000000000"));
    assert_eq!(sample.chunks.as_ref().unwrap()["a"], Base64(vec![0, 1]));
    assert_eq!(sample.ids.as_ref().unwrap()[0].as_u128(), 1);
}

#[test]
fn formats_encode_back_unchanged() {
    round_trip::<Sample>(sample_json());
}

#[test]
fn malformed_uuid_and_base64_are_refused() {
    let mut bad = sample_json();
    bad["id"] = json!("not-a-uuid");
    assert!(serde_json::from_value::<Sample>(bad).is_err());
    let mut bad = sample_json();
    bad["digest"] = json!("%%%");
    let e = serde_json::from_value::<Sample>(bad).unwrap_err();
    assert!(e.to_string().contains("invalid base64"), "{e}");
}
