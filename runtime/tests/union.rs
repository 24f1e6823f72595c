//! Tagged-union helpers: the tag is found, written back only when missing, a variant's
//! decoding error names the variant and the path inside it, and a value that is not an object
//! goes to the first untagged member that accepts it.

use openapi_runtime::union::{
    decode_untagged, decode_variant, expect_object, serialize_tagged, tag_of, try_decode,
};
use serde_json::{json, Value};

#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct Dog {
    name: String,
}

fn tagged<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::new(&mut out);
    serialize_tagged(&mut ser, "kind", "dog", value).expect("encodes");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn the_tag_is_added_when_absent_and_kept_when_present() {
    let v: Value = serde_json::from_str(&tagged(&Dog { name: "Rex".into() })).unwrap();
    assert_eq!(v, json!({"name": "Rex", "kind": "dog"}));
    assert_eq!(tagged(&json!({"kind": "puppy"})), r#"{"kind":"puppy"}"#);
}

#[test]
fn a_variant_that_is_not_an_object_cannot_be_tagged() {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::new(&mut out);
    let e = serialize_tagged(&mut ser, "kind", "dog", &3).unwrap_err();
    assert!(
        e.to_string().contains("must encode as a JSON object"),
        "{e}"
    );
}

#[test]
fn variant_errors_name_the_variant_and_path() {
    let e = decode_variant::<Dog, serde_json::Error>(json!({"name": 3}), "Dog").unwrap_err();
    assert!(
        e.to_string().starts_with("Dog at name: invalid type"),
        "{e}"
    );
    let e = decode_variant::<Dog, serde_json::Error>(json!({}), "Dog").unwrap_err();
    assert!(
        e.to_string().starts_with("Dog: missing field `name`"),
        "{e}"
    );
}

#[test]
fn only_string_tags_of_objects_count() {
    assert_eq!(tag_of(&json!({"kind": "dog"}), "kind"), Some("dog"));
    assert_eq!(tag_of(&json!({"kind": 1}), "kind"), None);
    assert!(expect_object::<serde_json::Error>(&Value::Null, "kind").is_err());
    assert!(expect_object::<serde_json::Error>(&json!({}), "kind").is_ok());
}

#[derive(Debug, PartialEq)]
enum Shaped {
    Names(Vec<String>),
    Count(i64),
}

const SHAPES: &[fn(&Value) -> Option<Shaped>] = &[
    |v| try_decode(v).map(Shaped::Names),
    |v| try_decode(v).map(Shaped::Count),
];

#[test]
fn untagged_members_are_tried_in_order() {
    let got: Result<Shaped, serde_json::Error> =
        decode_untagged(&json!(["a", "b"]), "kind", SHAPES);
    assert_eq!(got.unwrap(), Shaped::Names(vec!["a".into(), "b".into()]));
    let got: Result<Shaped, serde_json::Error> = decode_untagged(&json!(7), "kind", SHAPES);
    assert_eq!(got.unwrap(), Shaped::Count(7));
    // `[1]` is not a list of strings, and not a number.
    let got: Result<Shaped, serde_json::Error> = decode_untagged(&json!([1]), "kind", SHAPES);
    assert_eq!(
        got.unwrap_err().to_string(),
        "expected an object with a string `kind` tag"
    );
}

#[test]
fn without_untagged_members_a_non_object_is_the_missing_tag_error() {
    let got: Result<Shaped, serde_json::Error> = decode_untagged(&json!("x"), "kind", &[]);
    let expected = expect_object::<serde_json::Error>(&json!("x"), "kind").unwrap_err();
    assert_eq!(got.unwrap_err().to_string(), expected.to_string());
    assert_eq!(try_decode::<i64>(&json!("x")), None);
}
