//! Preparing the URL and headers of a call, and making one attempt.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, COOKIE, USER_AGENT};
use reqwest::{Method, Url};

use super::auth::Applied;
use super::body::{read_limited, transport_error};
use super::config::CoreInner;
use super::decode::RawResponse;
use super::error::Error;
use super::request::header_value;

/// Header carrying the number of the attempt (0 for the first).
const RETRY_COUNT: HeaderName = HeaderName::from_static("x-retry-count");
/// Header that makes retried POSTs safe.
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// Appends `path` to the base URL's path (keeping e.g. `/api/v1`, with
/// exactly one `/` in between), then appends the query pairs, then `raw_query` (already
/// percent-encoded).
pub(super) fn build_url(
    base: &Url,
    path: &str,
    query: &[(String, String)],
    raw_query: Option<&str>,
) -> Url {
    let mut url = base.clone();
    if !path.is_empty() {
        let joined = format!(
            "{}/{}",
            base.path().trim_end_matches('/'),
            path.trim_start_matches('/')
        );
        url.set_path(&joined);
    }
    url.set_fragment(None);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    if let Some(raw) = raw_query {
        let joined = match url.query() {
            Some(pairs) if !pairs.is_empty() => format!("{pairs}&{raw}"),
            _ => raw.to_owned(),
        };
        url.set_query(Some(&joined));
    }
    url
}

/// Appends the query pairs of the call's credentials to `url`; when there are any, also
/// returns the URL to show in errors instead, with each of their values written `****`.
pub(super) fn add_secret_query(url: &mut Url, auth: &Applied) -> Option<Url> {
    if auth.query.is_empty() {
        return None;
    }
    let mut shown = url.clone();
    shown
        .query_pairs_mut()
        .extend_pairs(auth.query.iter().map(|(name, _)| (*name, "****")));
    url.query_pairs_mut().extend_pairs(
        auth.query
            .iter()
            .map(|(name, value)| (*name, value.expose())),
    );
    Some(shown)
}

/// The headers shared by every attempt: the credentials' headers, user agent, accept,
/// the client's default headers, the request's own headers (with the caller's
/// `Idempotency-Key`, if any), and for POSTs without one a random key; then the credentials'
/// cookies, after any `Cookie` header already set.
pub(super) fn common_headers<E>(
    core: &CoreInner,
    method: &Method,
    request_headers: &HeaderMap,
    auth: &Applied,
) -> Result<HeaderMap, Error<E>> {
    let mut headers = HeaderMap::new();
    for (name, value) in &auth.headers {
        headers.insert(name, value.clone());
    }
    headers.insert(USER_AGENT, core.user_agent.clone());
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.extend(core.default_headers.clone());
    headers.extend(request_headers.clone());
    if !auth.cookies.is_empty() {
        let mut cookies: Vec<&str> = headers
            .get(COOKIE)
            .and_then(|value| value.to_str().ok())
            .into_iter()
            .collect();
        cookies.extend(auth.cookies.iter().map(|pair| pair.expose()));
        let mut value = header_value(&cookies.join("; "))
            .map_err(|message| Error::validation("Cookie", message))?;
        value.set_sensitive(true);
        headers.insert(COOKIE, value);
    }
    if *method == Method::POST && !headers.contains_key(IDEMPOTENCY_KEY) {
        let key = header_value(&uuid::Uuid::new_v4().to_string())
            .map_err(|message| Error::validation("Idempotency-Key", message))?;
        headers.insert(IDEMPOTENCY_KEY, key);
    }
    Ok(headers)
}

/// A success one attempt received: its body read, or (for a streamed call) left to read.
pub(super) enum Received {
    /// The whole body was read (bounded by the limit on response bodies).
    Whole(RawResponse),
    /// A success of a streamed call: the body is read as it arrives.
    Open(reqwest::Response),
}

/// What one attempt sends.
pub(super) struct Attempt<'a> {
    pub(super) core: &'a CoreInner,
    pub(super) method: &'a Method,
    pub(super) url: &'a Url,
    pub(super) headers: &'a HeaderMap,
    pub(super) body: Option<&'a Bytes>,
    pub(super) timeout: Duration,
    /// A success's body is left to read ([`Received::Open`]) instead of read whole.
    pub(super) open: bool,
    /// The URL errors show when `url` carries a secret (see [`add_secret_query`]).
    pub(super) shown_url: Option<&'a Url>,
}

impl Attempt<'_> {
    /// Sends the request (with `X-Retry-Count: retry`) and reads the whole
    /// body, all within the timeout (for an `open` attempt's success, only until the
    /// response starts). One timer covers the whole exchange (no second per-request
    /// timer inside reqwest).
    /// A success is `Ok(Ok(_))`, a response of another status `Ok(Err(_))` (its body read).
    pub(super) async fn run<E>(
        &self,
        retry: u32,
    ) -> Result<Result<Received, RawResponse>, Error<E>> {
        let mut headers = self.headers.clone();
        headers.insert(RETRY_COUNT, HeaderValue::from(retry));
        let mut request = self
            .core
            .http
            .request(self.method.clone(), self.url.clone())
            .headers(headers);
        if let Some(body) = self.body {
            request = request.body(body.clone());
        }
        let limit = self.core.max_response_bytes;
        let open = self.open;
        let exchange = async move {
            let mut response = request.send().await.map_err(transport_error)?;
            let status = response.status();
            tracing::Span::current().record("status", status.as_u16());
            if open && status.is_success() {
                return Ok(Ok(Received::Open(response)));
            }
            let headers = std::mem::take(response.headers_mut());
            let body = read_limited(&mut response, limit).await?;
            let raw = RawResponse {
                status,
                headers,
                body,
            };
            Ok(if status.is_success() {
                Ok(Received::Whole(raw))
            } else {
                Err(raw)
            })
        };
        let outcome = tokio::time::timeout(self.timeout, exchange)
            .await
            .unwrap_or(Err(Error::Timeout));
        match (outcome, self.shown_url) {
            (Err(Error::Connection(err)), Some(shown)) => {
                Err(Error::Connection(err.with_url(shown.clone())))
            }
            (outcome, _) => outcome,
        }
    }
}
