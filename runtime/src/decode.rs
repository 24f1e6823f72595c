//! Turning a received response into the caller's value or an API error.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::error::{ApiError, Error};
use super::excerpt::{excerpt_bytes, MAX_EXCERPT_CHARS};
use super::response::Decoder;

/// A response whose body has been read in full.
pub(super) struct RawResponse {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Vec<u8>,
}

/// Longest decode-error message kept (serde quotes whole offending values).
const MAX_MESSAGE_CHARS: usize = 300;

/// Decodes a 2xx response with `decode`, turning a failure into
/// [`Error::Decode`] with the status and a short excerpt of the body.
pub(super) fn decode_body<T, E>(raw: &RawResponse, decode: Decoder<T>) -> Result<T, Error<E>> {
    decode(raw.status, &raw.headers, &raw.body).map_err(|failure| Error::Decode {
        path: failure.path,
        message: super::excerpt::truncate(&failure.message, MAX_MESSAGE_CHARS),
        excerpt: excerpt_bytes(&raw.body, MAX_EXCERPT_CHARS),
        status: raw.status,
    })
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
