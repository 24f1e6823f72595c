//! Behaviour of the crate generated from core_names.yaml: keyword, dashed, dotted, digit-led and
//! colliding names become distinct legal Rust names that still use the spec's names on the wire.

mod support;

use corpus_core_names::models::{MatchParams, Struct, StructKind2};
use serde_json::json;
use support::*;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn odd() -> serde_json::Value {
    json!({
        "type": "t",
        "fn": 1,
        "self": true,
        "crate": "c",
        "super": "s",
        "async": "a",
        "user-name": "dash",
        "user_name": "snake",
        "userName": "camel",
        "e.mail": "x@example.test",
        "9lives": 9,
        "@kind": "at",
        "kind": "Unknown"
    })
}

#[test]
fn odd_property_names_decode_into_distinct_fields() {
    let s: Struct = serde_json::from_value(odd()).expect("decodes");
    assert_eq!(s.r#type.as_deref(), Some("t"));
    assert_eq!(s.r#fn, Some(1));
    assert_eq!(s.self_, Some(true));
    assert_eq!(s.crate_.as_deref(), Some("c"));
    assert_eq!(s.super_.as_deref(), Some("s"));
    assert_eq!(s.r#async.as_deref(), Some("a"));
    assert_eq!(s.user_name.as_deref(), Some("dash"));
    assert_eq!(s.user_name2.as_deref(), Some("snake"));
    assert_eq!(s.user_name3.as_deref(), Some("camel"));
    assert_eq!(s.e_mail.as_deref(), Some("x@example.test"));
    assert_eq!(s.field_9lives, Some(9));
    assert_eq!(s.kind.as_deref(), Some("at"));
    // The wire value "Unknown" is a known variant, not the catch-all for unknown values.
    assert_eq!(s.kind2, Some(StructKind2::Unknown2));
}

#[test]
fn odd_property_names_encode_back_to_the_spec_names() {
    round_trip::<Struct>(odd());
}

#[test]
fn colliding_enum_values_stay_distinct() {
    for wire in [
        "1st", "first", "First", "-", "self", "Unknown", "a.b", "a-b",
    ] {
        let v: StructKind2 = serde_json::from_value(json!(wire)).expect("decodes");
        assert!(
            !matches!(v, StructKind2::Unknown(_)),
            "{wire} is a documented value"
        );
        assert_eq!(serde_json::to_value(&v).expect("encodes"), json!(wire));
    }
    let other: StructKind2 = serde_json::from_value(json!("zzz")).expect("decodes");
    assert_eq!(other, StructKind2::Unknown("zzz".into()));
}

#[tokio::test]
async fn odd_parameter_names_are_sent_verbatim() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/type/me"))
        .and(query_param("page.size", "5"))
        .and(query_param("3d", "true"))
        .and(header("x-api-mode", "fast"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "fn": 2 })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let params = MatchParams {
        page_size: Some(5),
        param_3d: Some(true),
        x_api_mode: Some("fast".into()),
    };
    let s = client
        .r#type()
        .r#match("me", &params)
        .await
        .expect("200 decodes");
    assert_eq!(s.r#fn, Some(2));
}
