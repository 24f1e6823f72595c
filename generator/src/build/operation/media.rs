//! Sorting content types into the kinds of body the client can send and receive.

use super::super::{Builder, SchemaRef};
use crate::error::Res;
use crate::pointer::Pointer;
use openapiv3::StringFormat;

/// What a content type is, for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MediaClass {
    /// `application/json` or `*/*+json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// `application/octet-stream`, or any type whose schema is `format: binary`.
    Bytes,
    /// Any other non-JSON type whose schema is `type: string, format: byte` (3.1
    /// `contentEncoding: base64`, normalised to it): the bytes travel base64-encoded.
    Base64,
    /// `text/*`.
    Text,
    /// A sequential media type whose `itemSchema` (OpenAPI 3.2) says to read it item by item.
    Stream,
    /// Anything else.
    Unknown,
}

/// The class of `mime` (parameters such as `charset` ignored) whose schema is `schema`; `ptr`
/// points at the media type object.
pub(super) fn classify<'a>(
    b: &Builder<'a>,
    mime: &str,
    schema: Option<SchemaRef<'a>>,
    ptr: &Pointer,
) -> Res<MediaClass> {
    let essence = essence(mime);
    let format = match schema {
        Some(s) => super::body::string_format(b, s, &ptr.join_all(&["schema"]))?,
        None => None,
    };
    let binary = format == Some(StringFormat::Binary);
    Ok(if is_json(&essence) {
        MediaClass::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaClass::Form
    } else if essence == "multipart/form-data" {
        MediaClass::Multipart
    } else if format == Some(StringFormat::Byte) {
        MediaClass::Base64
    } else if binary || essence == "application/octet-stream" {
        MediaClass::Bytes
    } else if essence.starts_with("text/") {
        MediaClass::Text
    } else {
        MediaClass::Unknown
    })
}

/// A content type without its parameters, lowercased (`Application/JSON; charset=utf-8` ->
/// `application/json`).
pub(super) fn essence(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a content type's essence is JSON: `application/json` or `*/*+json`.
pub(super) fn is_json(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json")
}
