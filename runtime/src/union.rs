//! Support for tagged unions (`oneOf`/`anyOf` with a `discriminator`): finding the tag,
//! decoding the chosen variant, and writing the tag back when encoding. Members that are not
//! objects (an array, a string, ...) carry no tag: they decode by shape from a value that is not
//! an object ([`decode_untagged`]) and encode as themselves.

use serde::{Serialize, Serializer};
use serde_json::Value;

/// The discriminator value of a JSON object: the string at `property`, if any.
pub fn tag_of<'v>(value: &'v Value, property: &str) -> Option<&'v str> {
    value.get(property).and_then(Value::as_str)
}

/// Decodes the variant chosen by the tag from the buffered value.
pub fn decode_variant<T, E>(value: Value, variant: &str) -> Result<T, E>
where
    T: serde::de::DeserializeOwned,
    E: serde::de::Error,
{
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            E::custom(format!("{variant}: {inner}"))
        } else {
            E::custom(format!("{variant} at {path}: {inner}"))
        }
    })
}

/// Encodes `value` (an object) with `property` set to `tag` unless the value already has it,
/// so a variant type that declares the discriminator itself round-trips unchanged.
pub fn serialize_tagged<S, T>(
    serializer: S,
    property: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    let mut encoded = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    match &mut encoded {
        Value::Object(map) => {
            if !map.contains_key(property) {
                map.insert(property.to_owned(), Value::String(tag.to_owned()));
            }
        }
        other => {
            return Err(serde::ser::Error::custom(format!(
                "a tagged union variant must encode as a JSON object, not {other}"
            )))
        }
    }
    encoded.serialize(serializer)
}

/// The error for a value that is not an object with a string tag, for `deserialize` impls.
pub fn missing_tag<E: serde::de::Error>(property: &str) -> E {
    E::custom(format!("expected an object with a string `{property}` tag"))
}

/// Checks that a buffered union value is an object (every tagged union decodes from one).
pub fn expect_object<E: serde::de::Error>(value: &Value, property: &str) -> Result<(), E> {
    if value.is_object() {
        Ok(())
    } else {
        Err(missing_tag(property))
    }
}

/// Decodes `value` as `T`, or `None` when it does not fit: one untagged member's attempt for
/// [`decode_untagged`].
pub fn try_decode<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// Decodes a value that is not an object (so it has no tag) as the first of a tagged union's
/// untagged members, tried in order, that accepts it; when none does (or there are none), the
/// same error as [`expect_object`].
pub fn decode_untagged<U, E: serde::de::Error>(
    value: &Value,
    property: &str,
    members: &[fn(&Value) -> Option<U>],
) -> Result<U, E> {
    members
        .iter()
        .find_map(|decode| decode(value))
        .ok_or_else(|| missing_tag(property))
}
