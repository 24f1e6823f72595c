//! Stage 1: spec text (YAML or JSON) -> `openapiv3::OpenAPI`, refusing versions we do not map.
//!
//! An OpenAPI 3.0 document is parsed straight into `openapiv3::OpenAPI`: the only work before it
//! is reading the `openapi` field off the text. A 3.1 or 3.2 document is parsed into a
//! `serde_yaml::Value` (ordered maps), normalised in place into the 3.0 shape (`v31.rs`), then
//! deserialized from that value; every node it rewrites keeps its pointer, and the few it moves
//! are recorded in [`Origins`] so diagnostics name what the user wrote.

mod explode;
mod v31;

use crate::error::Located;
use crate::pointer::Pointer;
use openapiv3::OpenAPI;

pub(crate) use explode::EXPLODE;
pub(crate) use v31::{
    Origins, EXTRA_METHOD, EXTRA_PATH, ITEM_SCHEMA, QUERYSTRING, TAG_PARENT, TAG_SUMMARY, TUPLE,
};

/// A parse failure: a message, the JSON pointer of the offending field (the root for the whole
/// file) and, when known, the 1-based line.
#[derive(Debug)]
pub(crate) struct ParseError {
    pub message: String,
    pub pointer: Pointer,
    pub line: Option<usize>,
}

/// A parsed document: the 3.0 model, what normalising a 3.1/3.2 document approximated, and where
/// the nodes it moved were written.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub spec: OpenAPI,
    /// Located at what the user wrote.
    pub warnings: Vec<Located>,
    pub origins: Origins,
}

/// The major.minor line of a document's `openapi` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    V30,
    V31,
    V32,
}

fn line_of_version(v: &str) -> Option<Line> {
    let minor = |m: &str| v == m || v.strip_prefix(m).is_some_and(|r| r.starts_with('.'));
    if minor("3.0") {
        Some(Line::V30)
    } else if minor("3.1") {
        Some(Line::V31)
    } else if minor("3.2") {
        Some(Line::V32)
    } else {
        None
    }
}

/// Parses `text` as an OpenAPI 3.0.x, 3.1.x or 3.2.x document.
pub(crate) fn parse(text: &str) -> Result<Parsed, Vec<ParseError>> {
    let is_json = text.trim_start().starts_with('{');
    // Reading the version off the text costs next to nothing and sends 3.1/3.2 documents straight
    // to the normaliser. It only decides the route: the parsed `openapi` field decides the rest.
    if sniff_version(text, is_json)
        .and_then(line_of_version)
        .is_some_and(|l| l != Line::V30)
    {
        return parse_via_value(text, is_json);
    }
    let parsed: Result<OpenAPI, ParseError> = if is_json {
        unpanicked(|| serde_json::from_str(text)).map_err(|e| ParseError {
            message: format!("invalid OpenAPI JSON: {e}"),
            pointer: failure_pointer(text, true),
            line: Some(e.line()),
        })
    } else {
        match unpanicked(|| serde_yaml::from_str(text)) {
            Ok(api) => Ok(api),
            // An integer beyond 64 bits (`maximum: 99999999999999999999`) has no serde value:
            // read as a float instead (only on failure, so other documents pay nothing); the
            // build drops such a default with a warning.
            Err(e) => match widened_after(&e, text) {
                Some(widened) => return parse(&widened),
                None => Err(e),
            },
        }
        .map_err(|e| ParseError {
            line: e.location().map(|l| l.line()),
            pointer: failure_pointer(text, false),
            message: format!("invalid OpenAPI YAML: {e}"),
        })
    };
    match parsed {
        Ok(mut api) => {
            if line_of_version(&api.openapi).is_some_and(|l| l != Line::V30) {
                return parse_via_value(text, is_json);
            }
            check_version(Some(&api.openapi), false).map_err(|e| vec![locate(e, text)])?;
            if explode::needed(&api) {
                if is_json {
                    explode::record(&mut api, &mut serde_json::Deserializer::from_str(text));
                } else {
                    explode::record(&mut api, serde_yaml::Deserializer::from_str(text));
                }
            }
            Ok(Parsed {
                spec: api,
                warnings: Vec::new(),
                origins: Origins::default(),
            })
        }
        Err(err) => {
            // Prefer a version complaint over a shape complaint for Swagger 2.0 / 3.x documents.
            let head = read_head(text, is_json);
            if let Some((openapi, swagger)) = head {
                if !swagger
                    && openapi
                        .as_deref()
                        .and_then(line_of_version)
                        .is_some_and(|l| l != Line::V30)
                {
                    return parse_via_value(text, is_json);
                }
                check_version(openapi.as_deref(), swagger).map_err(|e| vec![locate(e, text)])?;
            }
            Err(vec![err])
        }
    }
}

/// The `openapi` field as written near the top of the text, without parsing the document: the
/// first top-level `openapi:` line of YAML, the first `"openapi"` member of JSON. `None` when it
/// is not found that way (the parsed document then decides).
fn sniff_version(text: &str, is_json: bool) -> Option<&str> {
    let value = if is_json {
        let at = text.find("\"openapi\"")?;
        let rest = text[at + "\"openapi\"".len()..].trim_start();
        rest.strip_prefix(':')?.trim_start()
    } else {
        text.lines().find_map(|line| {
            ["openapi:", "\"openapi\":", "'openapi':"]
                .iter()
                .find_map(|key| line.strip_prefix(key))
        })?
    };
    let value = value.trim_start();
    let quoted = value.starts_with(['"', '\'']);
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| {
            if quoted {
                matches!(c, '"' | '\'')
            } else {
                c.is_whitespace() || matches!(c, '#' | ',' | '}')
            }
        })
        .unwrap_or(value.len());
    Some(&value[..end])
}

/// A 3.1 or 3.2 document (as far as the text said): parsed into a value, normalised into the 3.0
/// shape, then read as `openapiv3::OpenAPI`.
fn parse_via_value(text: &str, is_json: bool) -> Result<Parsed, Vec<ParseError>> {
    let mut value: serde_yaml::Value = if is_json {
        serde_json::from_str(text).map_err(|e| {
            vec![ParseError {
                message: format!("invalid OpenAPI JSON: {e}"),
                pointer: Pointer::root(),
                line: Some(e.line()),
            }]
        })?
    } else {
        match serde_yaml::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                if let Some(widened) = widened_after(&e, text) {
                    return parse_via_value(&widened, is_json);
                }
                return Err(vec![ParseError {
                    line: e.location().map(|l| l.line()),
                    pointer: Pointer::root(),
                    message: format!("invalid OpenAPI YAML: {e}"),
                }]);
            }
        }
    };
    let (openapi, swagger) = match &value {
        serde_yaml::Value::Mapping(m) => (
            m.get("openapi").map(|v| match v {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            }),
            m.contains_key("swagger"),
        ),
        _ => (None, false),
    };
    check_version(openapi.as_deref(), swagger).map_err(|e| vec![locate(e, text)])?;
    let outcome = if openapi.as_deref().and_then(line_of_version) == Some(Line::V30) {
        v31::Outcome::default()
    } else {
        v31::normalise(&mut value)
    };
    let located = |l: Located| {
        let line = if l.pointer.is_root() {
            None
        } else {
            crate::locate::line_of(text, l.pointer.as_str())
        };
        ParseError {
            message: l.message,
            pointer: l.pointer,
            line,
        }
    };
    if !outcome.errors.is_empty() {
        return Err(outcome.errors.into_iter().map(located).collect());
    }
    match unpanicked(|| serde_yaml::from_value::<OpenAPI>(value.clone())) {
        Ok(mut spec) => Ok(Parsed {
            spec: {
                if explode::needed(&spec) {
                    explode::record(&mut spec, &value);
                }
                spec
            },
            warnings: outcome.warnings,
            origins: outcome.origins,
        }),
        Err(e) => {
            let pointer = std::panic::catch_unwind(|| {
                serde_path_to_error::deserialize::<_, OpenAPI>(value)
                    .err()
                    .map(|e| e.path().clone())
            })
            .ok()
            .flatten()
            .map_or_else(Pointer::root, |p| pointer_of(&p));
            Err(vec![located(Located::new(
                outcome.origins.original(&pointer),
                format!("invalid OpenAPI document: {e}"),
            ))])
        }
    }
}

/// The text to read again after YAML `error`, when it is an integer beyond 64 bits that serde
/// cannot hold: `text` with such integers written as floats ([`widen_big_integers`]).
fn widened_after(error: &serde_yaml::Error, text: &str) -> Option<String> {
    if error.to_string().contains("128") {
        widen_big_integers(text)
    } else {
        None
    }
}

/// YAML `text` with every plain integer scalar beyond 64 bits written as a float (`.0` appended,
/// on the same line, so lines and pointers stay); `None` when there is none.
fn widen_big_integers(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 16);
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut quote: Option<u8> = None;
        let mut i = 0;
        let mut last = 0;
        while i < bytes.len() {
            let c = bytes[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) => break,
                None if c.is_ascii_digit()
                    || (c == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
                {
                    let starts_token =
                        i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b',' | b'{' | b':');
                    let end = i
                        + 1
                        + bytes[i + 1..]
                            .iter()
                            .take_while(|b| b.is_ascii_digit())
                            .count();
                    let ends_token = bytes.get(end).is_none_or(|b| {
                        matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'}' | b'#')
                    });
                    let digits = &line[i..end];
                    let beyond = digits.parse::<i64>().is_err() && digits.parse::<u64>().is_err();
                    if starts_token && ends_token && beyond {
                        out.push_str(&line[last..end]);
                        out.push_str(".0");
                        last = end;
                        changed = true;
                    }
                    i = end;
                    continue;
                }
                None => {}
            }
            i += 1;
        }
        out.push_str(&line[last..]);
    }
    changed.then_some(out)
}

/// Runs a deserialization into `openapiv3` types, turning a panic into an error: openapiv3's
/// `ReferenceOr` panics ("somehow this parsed successfully the second time") when a schema
/// fails to deserialize once and then succeeds from a `serde_json::Value` copy, as a map that
/// repeats a key does.
fn unpanicked<T, E: serde::de::Error>(f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(E::custom(
            "the openapiv3 parser gave up on this document (does a map repeat a key?)",
        ))
    })
}

/// The JSON pointer of the value a failed parse stopped in, found by parsing again with the path
/// tracked (only after a failure: tracking slows every parse). Empty when the failure is at the
/// top level; it stops where serde loses the path (inside untagged or internally tagged enums).
fn failure_pointer(text: &str, is_json: bool) -> Pointer {
    let path = std::panic::catch_unwind(|| {
        if is_json {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize::<_, OpenAPI>(&mut de)
                .err()
                .map(|e| e.path().clone())
        } else {
            serde_path_to_error::deserialize::<_, OpenAPI>(serde_yaml::Deserializer::from_str(text))
                .err()
                .map(|e| e.path().clone())
        }
    })
    .ok()
    .flatten();
    path.map_or_else(Pointer::root, |p| pointer_of(&p))
}

/// A serde path as a JSON pointer (`#/servers/0/variables`), up to its first unknown segment.
fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    let mut pointer = Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.join(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => pointer.join(key),
            Segment::Unknown => break,
        }
    }
    pointer
}

/// The `openapi` and `swagger` fields, read leniently.
fn read_head(text: &str, is_json: bool) -> Option<(Option<String>, bool)> {
    #[derive(serde::Deserialize)]
    struct Head {
        openapi: Option<serde_json::Value>,
        swagger: Option<serde_json::Value>,
    }
    let head: Head = if is_json {
        serde_json::from_str(text).ok()?
    } else {
        serde_yaml::from_str(text).ok()?
    };
    let openapi = head.openapi.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Some((openapi, head.swagger.is_some()))
}

/// Fills in the line of a located error.
fn locate(mut e: ParseError, text: &str) -> ParseError {
    if !e.pointer.is_root() {
        e.line = crate::locate::line_of(text, e.pointer.as_str());
    }
    e
}

fn check_version(openapi: Option<&str>, swagger: bool) -> Result<(), ParseError> {
    let fail = |field: Option<&str>, message: String| {
        Err(ParseError {
            message,
            pointer: field.map_or_else(Pointer::root, |f| Pointer::root().join(f)),
            line: None,
        })
    };
    if swagger {
        return fail(
            Some("swagger"),
            "Swagger 2.0 is not supported: convert the document to OpenAPI 3.0 first".into(),
        );
    }
    match openapi {
        Some(v) if line_of_version(v).is_some() => Ok(()),
        Some(v) => fail(
            Some("openapi"),
            format!("unsupported `openapi` version {v:?}: only OpenAPI 3.0.x, 3.1.x and 3.2.x are"),
        ),
        None => fail(
            None,
            "missing the `openapi` version field: not an OpenAPI 3 document".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::widen_big_integers;

    #[test]
    fn integers_beyond_64_bits_become_floats_in_place() {
        let text = "a: 99999999999999999999\nb: [1, -99999999999999999999]\nc: '99999999999999999999'\nd: 18446744073709551615 # u64::MAX stays\n";
        assert_eq!(
            widen_big_integers(text).as_deref(),
            Some("a: 99999999999999999999.0\nb: [1, -99999999999999999999.0]\nc: '99999999999999999999'\nd: 18446744073709551615 # u64::MAX stays\n")
        );
        assert_eq!(
            widen_big_integers("a: 12\nb: x99999999999999999999\n"),
            None
        );
    }
}
