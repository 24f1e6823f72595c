//! Turning parameter values into path segments, query pairs and header text.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

/// Percent-encodes `value` as exactly one path segment: every byte except
/// RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so
/// `/`, `?`, `#` and `%` can never change the shape of the URL.
pub(super) fn encode_path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Serializes `value` to JSON for use as parameter text.
pub(super) fn to_json<V: Serialize + ?Sized>(value: &V) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|err| err.to_string())
}

/// The text of a scalar: strings unquoted, numbers and booleans as written
/// in JSON; `None` for `null`. Arrays and objects are refused.
pub(super) fn scalar_text(value: &Value) -> Result<Option<String>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text.clone())),
        Value::Bool(flag) => Ok(Some(flag.to_string())),
        Value::Number(number) => Ok(Some(number.to_string())),
        Value::Array(_) => Err("expected a single value, got a list".to_owned()),
        Value::Object(_) => Err("expected a single value, got an object".to_owned()),
    }
}

/// Appends the query pairs for `value` under `name`: nothing for `null`, one
/// pair for a scalar, one pair per element for a list (the key repeated),
/// and `name[key]=value` pairs for an object (deep-object style).
pub(super) fn push_query_pairs(
    pairs: &mut Vec<(String, String)>,
    name: &str,
    value: &Value,
) -> Result<(), String> {
    match value {
        Value::Array(items) => {
            for item in items {
                if let Some(text) = scalar_text(item)? {
                    pairs.push((name.to_owned(), text));
                }
            }
            Ok(())
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                push_query_pairs(pairs, &format!("{name}[{key}]"), field)?;
            }
            Ok(())
        }
        scalar => {
            if let Some(text) = scalar_text(scalar)? {
                pairs.push((name.to_owned(), text));
            }
            Ok(())
        }
    }
}
