//! Stage 1: spec text (YAML or JSON) -> `openapiv3::OpenAPI`, refusing versions we do not map.

use openapiv3::OpenAPI;

/// A parse failure: a message, the JSON pointer of the offending field (empty for the whole
/// file) and, when known, the 1-based line.
#[derive(Debug)]
pub(crate) struct ParseError {
    pub message: String,
    pub pointer: String,
    pub line: Option<usize>,
}

/// Parses `text` as an OpenAPI 3.0.x document.
pub(crate) fn parse(text: &str) -> Result<OpenAPI, ParseError> {
    let is_json = text.trim_start().starts_with('{');
    let parsed: Result<OpenAPI, ParseError> = if is_json {
        serde_json::from_str(text).map_err(|e| ParseError {
            message: format!("invalid OpenAPI JSON: {e}"),
            pointer: String::new(),
            line: Some(e.line()),
        })
    } else {
        serde_yaml::from_str(text).map_err(|e| ParseError {
            line: e.location().map(|l| l.line()),
            pointer: String::new(),
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
    if !e.pointer.is_empty() {
        e.line = crate::locate::line_of(text, &e.pointer);
    }
    e
}

fn check_version(openapi: Option<&str>, swagger: bool) -> Result<(), ParseError> {
    let fail = |pointer: &str, message: String| {
        Err(ParseError {
            message,
            pointer: pointer.to_owned(),
            line: None,
        })
    };
    if swagger {
        return fail(
            "#/swagger",
            "Swagger 2.0 is not supported: convert the document to OpenAPI 3.0 first".into(),
        );
    }
    match openapi {
        Some(v) if v.starts_with("3.0.") || v == "3.0" => Ok(()),
        Some(v) if v.starts_with("3.1") => fail(
            "#/openapi",
            format!("OpenAPI {v} is not supported: only OpenAPI 3.0.x is"),
        ),
        Some(v) => fail(
            "#/openapi",
            format!("unsupported `openapi` version {v:?}: only OpenAPI 3.0.x is"),
        ),
        None => fail(
            "",
            "missing the `openapi` version field: not an OpenAPI 3.0 document".into(),
        ),
    }
}
