//! Turning a received response into the caller's value or an API error.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::error::{ApiError, Error};
use super::excerpt::{excerpt_bytes, MAX_EXCERPT_CHARS};

/// A response whose body has been read in full.
pub(super) struct RawResponse {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Vec<u8>,
}

/// Decodes a 2xx body as JSON. An empty body decodes as `null` (so `()`
/// and `Option<_>` work for 204s), and a zero-sized `T` such as `()`
/// ignores whatever body was sent.
/// Longest decode-error message kept (serde quotes whole offending values).
const MAX_MESSAGE_CHARS: usize = 300;

pub(super) fn decode_body<T: DeserializeOwned, E>(raw: &RawResponse) -> Result<T, Error<E>> {
    let bytes: &[u8] = if raw.body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &raw.body
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let failure = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(value) => match deserializer.end() {
            Ok(()) => return Ok(value),
            Err(err) => (".".to_owned(), err.to_string()),
        },
        Err(err) => (err.path().to_string(), err.into_inner().to_string()),
    };
    if let Some(value) = zero_sized_value::<T>() {
        return Ok(value);
    }
    let (path, message) = failure;
    Err(Error::Decode {
        path,
        message: super::excerpt::truncate(&message, MAX_MESSAGE_CHARS),
        excerpt: excerpt_bytes(&raw.body, MAX_EXCERPT_CHARS),
        status: raw.status,
    })
}

/// The value of a zero-sized `T` (such as `()`) that deserializes from `null`.
fn zero_sized_value<T: DeserializeOwned>() -> Option<T> {
    if std::mem::size_of::<T>() != 0 {
        return None;
    }
    serde_json::from_slice(b"null").ok()
}

/// Builds the API error for a non-2xx response.
pub(super) fn api_error<E: DeserializeOwned>(raw: RawResponse) -> Error<E> {
    let body = serde_json::from_slice::<E>(&raw.body).ok();
    Error::Api(Box::new(ApiError {
        status: raw.status,
        headers: raw.headers,
        body,
        raw: String::from_utf8_lossy(&raw.body).into_owned(),
    }))
}
