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

/// Appends the deep-object pairs of `value` under `name`: each object field
/// as `name[key]`, each list item as `name[index]` (a list is an object keyed
/// by position), nested to any depth; a scalar as `name=value`; `null` adds
/// nothing.
fn push_deep_pairs(pairs: &mut Vec<(String, String)>, name: &str, value: &Value) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                push_deep_pairs(pairs, &format!("{name}[{key}]"), field);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                push_deep_pairs(pairs, &format!("{name}[{index}]"), item);
            }
        }
        Value::Null => {}
        Value::String(text) => pairs.push((name.to_owned(), text.clone())),
        Value::Bool(_) | Value::Number(_) => pairs.push((name.to_owned(), value.to_string())),
    }
}

/// How a parameter value is written (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Comma-separated (`a,b`); path and header default.
    Simple,
    /// Dot-prefixed path segment (`.a.b` or `.a,b`).
    Label,
    /// Semicolon-prefixed path parameters (`;id=a,b` or `;id=a;id=b`).
    Matrix,
    /// Query default: `id=a&id=b` (exploded) or `id=a,b`.
    Form,
    /// Query array joined with spaces.
    SpaceDelimited,
    /// Query array joined with `|`.
    PipeDelimited,
    /// Query object as `id[key]=value`, nested keys and list indexes bracketed
    /// (`id[a][0]=x`); a scalar as `id=value`.
    DeepObject,
    /// The value as JSON text (a parameter with `content: application/json`).
    Json,
}

/// The texts of a list's elements (no key) or an object's fields (with their key).
type Items = Vec<(Option<String>, String)>;

/// The scalar items of an array or the key/value texts of an object, in order
/// (`None` for a scalar or null). Nested values are refused.
fn flat_items(value: &Value) -> Result<Option<Items>, String> {
    let nested = |what: &str| Err(format!("a nested {what} cannot be written in this style"));
    match value {
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                if matches!(item, Value::Array(_) | Value::Object(_)) {
                    return nested("list or object");
                }
                if let Some(text) = scalar_text(item)? {
                    out.push((None, text));
                }
            }
            Ok(Some(out))
        }
        Value::Object(fields) => {
            let mut out = Vec::with_capacity(fields.len());
            for (key, field) in fields {
                if matches!(field, Value::Array(_) | Value::Object(_)) {
                    return nested("list or object");
                }
                if let Some(text) = scalar_text(field)? {
                    out.push((Some(key.clone()), text));
                }
            }
            Ok(Some(out))
        }
        _ => Ok(None),
    }
}

/// Joins items as `a,b` or, for object entries, `k,v,k2,v2` (or `k=v,k2=v2`
/// when `explode`), encoding each piece with `encode`.
fn join_items(
    items: &[(Option<String>, String)],
    separator: &str,
    explode: bool,
    encode: &dyn Fn(&str) -> String,
) -> String {
    let mut pieces = Vec::with_capacity(items.len() * 2);
    for (key, text) in items {
        match key {
            Some(key) if explode => pieces.push(format!("{}={}", encode(key), encode(text))),
            Some(key) => {
                pieces.push(encode(key));
                pieces.push(encode(text));
            }
            None => pieces.push(encode(text)),
        }
    }
    pieces.join(separator)
}

/// Appends the query pairs of `value` under `name` in `style`. Empty lists
/// and objects and `null` add nothing.
pub(super) fn push_styled_query(
    pairs: &mut Vec<(String, String)>,
    name: &str,
    value: &Value,
    style: Style,
    explode: bool,
) -> Result<(), String> {
    if style == Style::Json {
        if !value.is_null() {
            pairs.push((name.to_owned(), value.to_string()));
        }
        return Ok(());
    }
    if style == Style::DeepObject {
        push_deep_pairs(pairs, name, value);
        return Ok(());
    }
    let Some(items) = flat_items(value)? else {
        if let Some(text) = scalar_text(value)? {
            pairs.push((name.to_owned(), text));
        }
        return Ok(());
    };
    if items.is_empty() {
        return Ok(());
    }
    let separator = match style {
        Style::Form => ",",
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        other => return Err(format!("{other:?} style cannot be used in a query")),
    };
    if explode {
        for (key, text) in items {
            pairs.push((key.unwrap_or_else(|| name.to_owned()), text));
        }
    } else {
        let identity = |s: &str| s.to_owned();
        pairs.push((
            name.to_owned(),
            join_items(&items, separator, false, &identity),
        ));
    }
    Ok(())
}

/// The text of a path parameter in `style` (percent-encoded, prefix
/// included); `None` for `null`.
pub(super) fn styled_path(
    name: &str,
    value: &Value,
    style: Style,
    explode: bool,
) -> Result<Option<String>, String> {
    let encode = |s: &str| encode_path_segment(s);
    if style == Style::Json {
        return Ok((!value.is_null()).then(|| encode(&value.to_string())));
    }
    let items = flat_items(value)?;
    let scalar = match &items {
        None => match scalar_text(value)? {
            Some(text) => Some(text),
            None => return Ok(None),
        },
        Some(_) => None,
    };
    let name = encode(name);
    Ok(Some(match style {
        Style::Simple => match (&items, scalar) {
            (Some(items), _) => join_items(items, ",", explode, &encode),
            (None, text) => encode(&text.unwrap_or_default()),
        },
        Style::Label => match (&items, scalar) {
            (Some(items), _) => {
                let separator = if explode { "." } else { "," };
                format!(".{}", join_items(items, separator, explode, &encode))
            }
            (None, text) => format!(".{}", encode(&text.unwrap_or_default())),
        },
        Style::Matrix => match (&items, scalar) {
            (Some(items), _) if explode => items
                .iter()
                .map(|(key, text)| {
                    let key = key.as_deref().map(encode).unwrap_or_else(|| name.clone());
                    format!(";{key}={}", encode(text))
                })
                .collect(),
            (Some(items), _) => format!(";{name}={}", join_items(items, ",", false, &encode)),
            (None, text) => format!(";{name}={}", encode(&text.unwrap_or_default())),
        },
        other => return Err(format!("{other:?} style cannot be used in a path")),
    }))
}

/// The text of a header parameter (simple style: lists comma-joined,
/// objects as `k,v` or `k=v` when `explode`); `None` for `null` or an empty list.
pub(super) fn styled_header(value: &Value, explode: bool) -> Result<Option<String>, String> {
    match flat_items(value)? {
        None => scalar_text(value),
        Some(items) if items.is_empty() => Ok(None),
        Some(items) => {
            let identity = |s: &str| s.to_owned();
            Ok(Some(join_items(&items, ",", explode, &identity)))
        }
    }
}

/// Encodes `pairs` as an `application/x-www-form-urlencoded` body: bytes
/// other than `A-Z a-z 0-9 * - . _` are percent-encoded, spaces become `+`.
/// `text` with every byte but the unreserved ones (letters, digits, `-._~`) percent-encoded:
/// a URI component that cannot change the URL's structure.
pub(super) fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

pub(super) fn form_urlencode(pairs: &[(String, String)]) -> String {
    let encode = |text: &str, out: &mut String| {
        for byte in text.bytes() {
            match byte {
                b' ' => out.push('+'),
                b if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') => {
                    out.push(char::from(b))
                }
                // Writing to a String cannot fail.
                b => {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    };
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode(name, &mut out);
        out.push('=');
        encode(value, &mut out);
    }
    out
}
