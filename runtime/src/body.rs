//! Reading response bodies without exceeding a size limit.

use super::error::Error;

/// Reads the whole body chunk by chunk, failing with
/// [`Error::BodyTooLarge`] as soon as it exceeds `limit` bytes (or at once if
/// `Content-Length` already says so).
pub(super) async fn read_limited<E>(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, Error<E>> {
    let declared = response.content_length().unwrap_or(0);
    if usize::try_from(declared).map_or(true, |declared| declared > limit) {
        return Err(Error::BodyTooLarge { limit });
    }
    let mut body = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(limit));
    while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
        if chunk.len() > limit - body.len() {
            return Err(Error::BodyTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Maps a `reqwest` failure to [`Error::Timeout`] or [`Error::Connection`].
pub(super) fn transport_error<E>(err: reqwest::Error) -> Error<E> {
    if err.is_timeout() {
        Error::Timeout
    } else {
        Error::Connection(err)
    }
}
