//! Turning the status, headers and body of a successful response into the
//! caller's value: JSON through serde for ordinary types, and per-status
//! decoding for the response enums of operations with several success bodies.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// Why a successful response could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Where in the body the problem is (a JSON path such as `data[0].id`,
    /// or `.` for the whole body).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl DecodeError {
    /// A failure about the body as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        Self {
            path: ".".to_owned(),
            message: message.into(),
        }
    }
}

/// A value decoded from a successful (2xx) response.
///
/// Every serde type decodes from JSON; generated response enums pick a
/// variant by status code.
pub trait FromResponse: Sized {
    /// Decodes the value from the response's status, headers and body.
    fn from_response(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError>;
}

impl<T: DeserializeOwned> FromResponse for T {
    fn from_response(
        _status: StatusCode,
        _headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        json(body)
    }
}

/// A decoder of one call's successful responses.
pub type Decoder<T> = fn(StatusCode, &HeaderMap, &[u8]) -> Result<T, DecodeError>;

/// Decodes a JSON body. An empty body decodes as `null` (so `()` and
/// `Option<_>` work for 204s), and a zero-sized `T` such as `()` ignores
/// whatever body was sent.
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let bytes: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    // Fast path: plain serde_json (path tracking doubles the decode time); only a failure is
    // decoded again with serde_path_to_error, to name the JSON path of the bad value.
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let failure = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(value) => match deserializer.end() {
            Ok(()) => return Ok(value),
            Err(err) => DecodeError::whole(err.to_string()),
        },
        Err(err) => DecodeError {
            path: err.path().to_string(),
            message: err.into_inner().to_string(),
        },
    };
    if std::mem::size_of::<T>() == 0 {
        if let Ok(value) = serde_json::from_slice(b"null") {
            return Ok(value);
        }
    }
    Err(failure)
}

/// Decodes a text body, which must be UTF-8.
pub fn text(body: &[u8]) -> Result<String, DecodeError> {
    String::from_utf8(body.to_vec())
        .map_err(|err| DecodeError::whole(format!("the text body is not UTF-8: {err}")))
}

/// The body's bytes as they were received.
pub fn bytes(body: &[u8]) -> Vec<u8> {
    body.to_vec()
}

/// Decodes a base64 body (a non-JSON body whose schema is `format: byte`) into its bytes:
/// standard or URL-safe alphabet, padded or not, surrounding whitespace ignored.
pub fn base64(body: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let text = std::str::from_utf8(body)
        .map_err(|err| DecodeError::whole(format!("the base64 body is not text: {err}")))?;
    crate::Base64::decode(text)
        .map(crate::Base64::into_inner)
        .map_err(|err| DecodeError::whole(format!("the body is not base64: {err}")))
}

/// [`Decoder`] of a text body.
pub fn text_decoder(
    _status: StatusCode,
    _headers: &HeaderMap,
    body: &[u8],
) -> Result<String, DecodeError> {
    text(body)
}

/// [`Decoder`] of a binary body.
pub fn bytes_decoder(
    _status: StatusCode,
    _headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<u8>, DecodeError> {
    Ok(bytes(body))
}

/// [`Decoder`] of a base64 body.
pub fn base64_decoder(
    _status: StatusCode,
    _headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<u8>, DecodeError> {
    base64(body)
}

/// The failure for a success status the API did not document.
pub fn unexpected_status(status: StatusCode) -> DecodeError {
    DecodeError::whole(format!(
        "status {} is not a documented response of this operation",
        status.as_u16()
    ))
}
