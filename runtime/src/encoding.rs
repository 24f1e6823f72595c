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

/// How one property of a form body is written: its OpenAPI `encoding` (`style`, `explode`,
/// `allowReserved`; `contentType: application/json` is [`Style::Json`]). Properties without one
/// are written the default way (see [`RequestParts::form_body`](super::RequestParts::form_body)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField<'a> {
    /// The property's name in the body.
    pub name: &'a str,
    /// `Form`, `SpaceDelimited`, `PipeDelimited`, `DeepObject` or `Json`.
    pub style: Style,
    /// Lists repeat the key (and objects write their own keys) in `Form` style.
    pub explode: bool,
    /// RFC 3986 reserved characters in values are sent as they are, except those the form
    /// syntax itself uses (`&`, `=`, `+`), and so are percent-encoded triples.
    pub allow_reserved: bool,
}

impl<'a> FormField<'a> {
    /// The encoding of property `name`.
    pub const fn new(name: &'a str, style: Style, explode: bool, allow_reserved: bool) -> Self {
        Self {
            name,
            style,
            explode,
            allow_reserved,
        }
    }
}

/// One pair of a form body: key, value, and whether the value keeps reserved characters.
pub(super) type FormPair = (String, String, bool);

/// The pairs of a form body `value` (an object), each property written as `fields` says, the
/// others the default way: scalars `key=value`, lists of scalars by repeating the key, objects
/// as `key[field]=value` and lists holding lists or objects as `key[0][field]=value` (the bracket
/// convention of Rails, PHP and Stripe, for which OpenAPI's default `form` style has no faithful
/// form); nulls add nothing.
pub(super) fn form_pairs(value: &Value, fields: &[FormField<'_>]) -> Result<Vec<FormPair>, String> {
    let Value::Object(properties) = value else {
        return Err("a form body must be an object".to_owned());
    };
    let mut out = Vec::new();
    for (key, value) in properties {
        let mut pairs = Vec::new();
        let field = fields.iter().find(|f| f.name == key);
        match field {
            None => push_form_default(&mut pairs, key, value)?,
            Some(field) => push_styled_query(&mut pairs, key, value, field.style, field.explode)
                .map_err(|message| format!("`{key}`: {message}"))?,
        }
        let reserved = field.is_some_and(|f| f.allow_reserved);
        out.extend(pairs.into_iter().map(|(k, v)| (k, v, reserved)));
    }
    Ok(out)
}

/// The default pairs of one form property (see [`form_pairs`]).
fn push_form_default(
    pairs: &mut Vec<(String, String)>,
    name: &str,
    value: &Value,
) -> Result<(), String> {
    match value {
        Value::Array(items) if items.iter().any(|i| i.is_array() || i.is_object()) => {
            push_deep_pairs(pairs, name, value);
            Ok(())
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                push_form_default(pairs, &format!("{name}[{key}]"), field)?;
            }
            Ok(())
        }
        other => push_query_pairs(pairs, name, other),
    }
}

/// Encodes `pairs` as an `application/x-www-form-urlencoded` body: bytes other than
/// `A-Z a-z 0-9 * - . _` are percent-encoded, spaces become `+`; in a value marked as allowing
/// reserved characters, those of RFC 3986 but `&`, `=` and `+` (which the form syntax uses) and
/// percent-encoded triples are kept as they are.
pub(super) fn form_urlencode(pairs: &[FormPair]) -> String {
    let encode = |text: &str, reserved: bool, out: &mut String| {
        let bytes = text.as_bytes();
        for (i, &byte) in bytes.iter().enumerate() {
            match byte {
                b' ' => out.push('+'),
                b if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') => {
                    out.push(char::from(b))
                }
                b if reserved && b"~:/?#[]@!$'(),;".contains(&b) => out.push(char::from(b)),
                b'%' if reserved
                    && bytes
                        .get(i + 1..i + 3)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                {
                    out.push('%')
                }
                // Writing to a String cannot fail.
                b => {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    };
    let mut out = String::new();
    for (i, (name, value, reserved)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode(name, false, &mut out);
        out.push('=');
        encode(value, *reserved, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The encoded body of `value` with `fields`.
    fn body(value: Value, fields: &[FormField<'_>]) -> String {
        form_urlencode(&form_pairs(&value, fields).unwrap())
    }

    fn deep(name: &str) -> FormField<'_> {
        FormField::new(name, Style::DeepObject, true, false)
    }

    #[test]
    fn deep_object_nests_objects_and_indexes_lists() {
        let value = json!({
            "metadata": {"order": "6735", "tier": {"level": 2}},
            "items": [{"price": "p_1", "quantity": 2}, {"price": "p_2"}],
            "expand": ["customer", "invoice"],
        });
        let fields = [deep("metadata"), deep("items"), deep("expand")];
        assert_eq!(
            body(value, &fields),
            "expand%5B0%5D=customer&expand%5B1%5D=invoice\
             &items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p_2\
             &metadata%5Border%5D=6735&metadata%5Btier%5D%5Blevel%5D=2"
        );
    }

    #[test]
    fn unions_are_written_by_their_value_shape() {
        // Stripe's `created`: an integer or a range object; `tax_rates`: a list or "" to clear.
        let fields = [deep("created"), deep("tax_rates")];
        assert_eq!(
            body(json!({"created": 1700000000, "tax_rates": ""}), &fields),
            "created=1700000000&tax_rates="
        );
        assert_eq!(
            body(
                json!({"created": {"gte": 1, "lt": 9}, "tax_rates": ["a"]}),
                &fields
            ),
            "created%5Bgte%5D=1&created%5Blt%5D=9&tax_rates%5B0%5D=a"
        );
    }

    #[test]
    fn lists_of_scalars_follow_their_style() {
        let value = json!({"ids": [1, 2, 3]});
        let cases = [
            (Style::Form, true, "ids=1&ids=2&ids=3"),
            (Style::Form, false, "ids=1%2C2%2C3"),
            (Style::SpaceDelimited, false, "ids=1+2+3"),
            (Style::PipeDelimited, false, "ids=1%7C2%7C3"),
            (Style::PipeDelimited, true, "ids=1&ids=2&ids=3"),
            (
                Style::DeepObject,
                true,
                "ids%5B0%5D=1&ids%5B1%5D=2&ids%5B2%5D=3",
            ),
            (Style::Json, false, "ids=%5B1%2C2%2C3%5D"),
        ];
        for (style, explode, expected) in cases {
            let fields = [FormField::new("ids", style, explode, false)];
            assert_eq!(
                body(value.clone(), &fields),
                expected,
                "{style:?} {explode}"
            );
        }
    }

    #[test]
    fn objects_in_form_style_and_as_json() {
        let value = json!({"point": {"x": 1, "y": "a b"}});
        let form = |explode| [FormField::new("point", Style::Form, explode, false)];
        assert_eq!(body(value.clone(), &form(true)), "x=1&y=a+b");
        assert_eq!(body(value.clone(), &form(false)), "point=x%2C1%2Cy%2Ca+b");
        let json = [FormField::new("point", Style::Json, false, false)];
        assert_eq!(
            body(value, &json),
            "point=%7B%22x%22%3A1%2C%22y%22%3A%22a+b%22%7D"
        );
    }

    #[test]
    fn nulls_and_empty_values_add_nothing() {
        let value = json!({
            "gone": null,
            "list": [],
            "meta": {"a": null, "b": "x"},
            "items": [{"k": null, "v": 1}],
            "as_json": null,
        });
        let fields = [
            deep("meta"),
            deep("items"),
            deep("list"),
            FormField::new("as_json", Style::Json, false, false),
        ];
        assert_eq!(body(value, &fields), "items%5B0%5D%5Bv%5D=1&meta%5Bb%5D=x");
    }

    #[test]
    fn properties_without_encoding_are_written_the_default_way() {
        let value = json!({
            "name": "a&b=c",
            "tags": ["x", "y"],
            "address": {"city": "Oslo", "lines": ["1", "2"]},
            "lines": [{"amount": 5}],
        });
        assert_eq!(
            body(value, &[]),
            "address%5Bcity%5D=Oslo&address%5Blines%5D=1&address%5Blines%5D=2\
             &lines%5B0%5D%5Bamount%5D=5&name=a%26b%3Dc&tags=x&tags=y"
        );
    }

    #[test]
    fn nested_values_in_a_flat_style_are_refused() {
        let fields = [FormField::new("items", Style::Form, true, false)];
        let err = form_pairs(&json!({"items": [{"a": 1}]}), &fields).unwrap_err();
        assert_eq!(
            err,
            "`items`: a nested list or object cannot be written in this style"
        );
        assert_eq!(
            form_pairs(&json!([1]), &[]).unwrap_err(),
            "a form body must be an object"
        );
    }

    #[test]
    fn allow_reserved_keeps_reserved_characters_but_the_form_syntax() {
        let value = json!({"url": "https://x.io/a?b=1&c=d+e#f%20g%zz", "other": "a/b"});
        let fields = [FormField::new("url", Style::Form, true, true)];
        assert_eq!(
            body(value, &fields),
            "other=a%2Fb&url=https://x.io/a?b%3D1%26c%3Dd%2Be#f%20g%25zz"
        );
    }
}
