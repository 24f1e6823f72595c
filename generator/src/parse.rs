//! Stage 1: spec text (YAML or JSON) -> `openapiv3::OpenAPI`, refusing versions we do not map.

use crate::pointer::Pointer;
use openapiv3::OpenAPI;

/// A parse failure: a message, the JSON pointer of the offending field (the root for the whole
/// file) and, when known, the 1-based line.
#[derive(Debug)]
pub(crate) struct ParseError {
    pub message: String,
    pub pointer: Pointer,
    pub line: Option<usize>,
}

/// Parses `text` as an OpenAPI 3.0.x document.
pub(crate) fn parse(text: &str) -> Result<OpenAPI, ParseError> {
    let is_json = text.trim_start().starts_with('{');
    let parsed: Result<OpenAPI, ParseError> = if is_json {
        serde_json::from_str(text).map_err(|e| ParseError {
            message: format!("invalid OpenAPI JSON: {e}"),
            pointer: failure_pointer(text, true),
            line: Some(e.line()),
        })
    } else {
        serde_yaml::from_str(text).map_err(|e| ParseError {
            line: e.location().map(|l| l.line()),
            pointer: failure_pointer(text, false),
            message: format!("invalid OpenAPI YAML: {e}"),
        })
    };
    match parsed {
        Ok(api) => {
            check_version(Some(&api.openapi), false).map_err(|e| locate(e, text))?;
            Ok(api)
        }
        Err(err) => {
            // Prefer a version complaint over a shape complaint for Swagger 2.0 / 3.1 documents.
            let head = read_head(text, is_json);
            if let Some((openapi, swagger)) = head {
                check_version(openapi.as_deref(), swagger).map_err(|e| locate(e, text))?;
            }
            Err(err)
        }
    }
}

/// The JSON pointer of the value a failed parse stopped in, found by parsing again with the path
/// tracked (only after a failure: tracking slows every parse). Empty when the failure is at the
/// top level; it stops where serde loses the path (inside untagged or internally tagged enums).
fn failure_pointer(text: &str, is_json: bool) -> Pointer {
    let path = if is_json {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, OpenAPI>(&mut de)
            .err()
            .map(|e| e.path().clone())
    } else {
        serde_path_to_error::deserialize::<_, OpenAPI>(serde_yaml::Deserializer::from_str(text))
            .err()
            .map(|e| e.path().clone())
    };
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
        Some(v) if v.starts_with("3.0.") || v == "3.0" => Ok(()),
        Some(v) if v.starts_with("3.1") => fail(
            Some("openapi"),
            format!("OpenAPI {v} is not supported: only OpenAPI 3.0.x is"),
        ),
        Some(v) => fail(
            Some("openapi"),
            format!("unsupported `openapi` version {v:?}: only OpenAPI 3.0.x is"),
        ),
        None => fail(
            None,
            "missing the `openapi` version field: not an OpenAPI 3.0 document".into(),
        ),
    }
}
