//! Behaviour of the crate generated from review_unions.yaml: a union with a `{}` member is any
//! JSON value, and an object's own `additionalProperties: false` drops inherited extras.

use corpus_review_unions::models::{AnyOrReq, Closed, StillOpen};
use serde_json::json;

#[test]
fn a_union_with_an_untyped_member_keeps_any_value() {
    let v: AnyOrReq = serde_json::from_value(json!(42)).expect("any value decodes");
    assert_eq!(v, json!(42));
    let v: AnyOrReq = serde_json::from_value(json!({"id": "x"})).expect("decodes");
    assert_eq!(v, json!({"id": "x"}));
}

#[test]
fn own_additional_properties_false_drops_inherited_extras() {
    let closed: Closed =
        serde_json::from_value(json!({"a": "1", "b": "2", "c": "3"})).expect("decodes");
    assert_eq!(
        serde_json::to_value(&closed).expect("encodes"),
        json!({"a": "1", "b": "2"})
    );
    let open: StillOpen =
        serde_json::from_value(json!({"a": "1", "b": "2", "c": "3"})).expect("decodes");
    assert_eq!(
        serde_json::to_value(&open).expect("encodes"),
        json!({"a": "1", "b": "2", "c": "3"})
    );
}
