//! A prepared API call: per-request options, sending with retries, and the
//! response wrapper.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use tracing::Instrument;

use super::attempt::{add_secret_query, build_url, common_headers, Attempt, Received};
use super::body::read_limited;
use super::config::Core;
use super::decode::{api_error, decode_body, RawResponse};
use super::error::Error;
use super::request::RequestParts;
use super::response::{base64_decoder, bytes_decoder, text_decoder, Decoder, FromResponse};
use super::retry::{retry_delay, should_retry_response};

/// A successful response: status, headers and the decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// Response status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub value: T,
}

impl<T> Response<T> {
    /// The decoded body.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Transforms the decoded body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            value: f(self.value),
        }
    }
}

/// One API call, ready to send. Await it (or call [`send`](Self::send)) to
/// get the decoded `T`; error bodies are parsed as `E`.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, T, E = serde_json::Value> {
    core: &'c Core,
    parts: RequestParts,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_retries: Option<u32>,
    decode: Decoder<T>,
    output: PhantomData<fn() -> E>,
}

impl<'c, T: FromResponse, E> Call<'c, T, E> {
    /// A call of `parts` through `core`, decoding success bodies with
    /// [`FromResponse`] (JSON for serde types).
    pub fn new(core: &'c Core, parts: RequestParts) -> Self {
        Self::with_decoder(core, parts, T::from_response)
    }
}

impl<'c, E> Call<'c, String, E> {
    /// A call whose success body is text (UTF-8).
    pub fn text(core: &'c Core, parts: RequestParts) -> Self {
        Self::with_decoder(core, parts, text_decoder)
    }
}

impl<'c, E> Call<'c, Vec<u8>, E> {
    /// A call whose success body is kept as raw bytes.
    pub fn bytes(core: &'c Core, parts: RequestParts) -> Self {
        Self::with_decoder(core, parts, bytes_decoder)
    }

    /// A call whose success body is base64 text, decoded into its bytes.
    pub fn base64(core: &'c Core, parts: RequestParts) -> Self {
        Self::with_decoder(core, parts, base64_decoder)
    }
}

impl<'c, T, E> Call<'c, T, E> {
    /// A call of `parts` through `core` whose success bodies `decode` reads.
    pub fn with_decoder(core: &'c Core, parts: RequestParts, decode: Decoder<T>) -> Self {
        Self {
            core,
            parts,
            timeout: None,
            total_timeout: None,
            max_retries: None,
            decode,
            output: PhantomData,
        }
    }

    /// Overrides the per-attempt timeout for this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets (or overrides the client's) overall limit on this call: every attempt, retry and
    /// wait together, counted from when it is sent. When it passes, the call fails with
    /// [`Error::TotalTimeout`]; a retry whose wait would end after it is not made, and the call
    /// fails at once with the last error instead.
    pub fn total_timeout(mut self, total_timeout: Duration) -> Self {
        self.total_timeout = Some(total_timeout);
        self
    }

    /// Overrides the number of retries for this call.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Sets a header for this call, replacing any default of the same name.
    ///
    /// An invalid name, or a value with CR, LF or another control character, is refused here:
    /// it is recorded ([`RequestParts::invalid`]) and the call fails with
    /// [`Error::Validation`] naming the header, before anything is sent.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.parts.set_header(name, value);
        self
    }

    /// Sets the `Idempotency-Key` (POSTs get a random one otherwise). The
    /// same key is sent on every attempt.
    ///
    /// It is a header like any other: a key [`header`](Self::header) would refuse is refused
    /// here the same way, with the same message (field `Idempotency-Key`).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.parts.set_header("Idempotency-Key", &key.into());
        self
    }

    /// The request parts this call will send.
    pub fn parts(&self) -> &RequestParts {
        &self.parts
    }
}

impl<'c, T, E> Call<'c, T, E>
where
    T: Send + 'c,
    E: DeserializeOwned + Send + 'c,
{
    /// Sends the call, retrying as configured, and decodes the body.
    pub async fn send(self) -> Result<T, Error<E>> {
        self.send_with_response().await.map(Response::into_value)
    }

    /// Like [`send`](Self::send), also returning status and headers.
    pub async fn send_with_response(self) -> Result<Response<T>, Error<E>> {
        let Self {
            core,
            parts,
            timeout,
            total_timeout,
            max_retries,
            decode,
            ..
        } = self;
        let options = Options {
            timeout,
            total_timeout,
            max_retries,
            open: false,
        };
        let raw = match exchange(core, parts, options).await? {
            Received::Whole(raw) => raw,
            Received::Open(mut response) => {
                let limit = core.inner.max_response_bytes;
                let body = read_limited(&mut response, limit).await?;
                RawResponse {
                    status: response.status(),
                    headers: std::mem::take(response.headers_mut()),
                    body,
                }
            }
        };
        let value = decode_body(&raw, decode)?;
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            value,
        })
    }
}

/// The per-call options of one exchange.
struct Options {
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_retries: Option<u32>,
    /// Leave a success's body to read ([`Received::Open`]).
    open: bool,
}

/// Sends `parts`, retrying as configured, until a success (its body read whole, or left to read
/// when `options.open`) or a failure for good.
async fn exchange<E: DeserializeOwned>(
    core: &Core,
    parts: RequestParts,
    options: Options,
) -> Result<Received, Error<E>> {
    if let Some((field, message)) = parts.error {
        return Err(Error::Validation { field, message });
    }
    let core = &*core.inner;
    let retries = Retries {
        max_retries: options.max_retries.unwrap_or(core.max_retries),
        deadline: options
            .total_timeout
            .or(core.total_timeout)
            .map(|limit| (limit, Instant::now() + limit)),
        started: AtomicU32::new(0),
    };
    // Credentials are found inside the deadline: a token provider's time counts too.
    // A 401 to a token from a provider drops it and sends the call once more, with a fresh
    // token (the body is buffered `Bytes`, so it can always be sent again).
    let exchange = async {
        let operation = || format!("`{} {}`", parts.method, parts.path);
        let mut refreshed = false;
        loop {
            let auth = core.auth.apply(parts.security, operation).await?;
            let mut url = build_url(
                &core.base_url,
                &parts.path,
                &parts.query,
                parts.raw_query.as_deref(),
            );
            let shown_url = add_secret_query(&mut url, &auth);
            let headers = common_headers(core, &parts.method, &parts.headers, &auth)?;
            let attempt = Attempt {
                core,
                method: &parts.method,
                url: &url,
                headers: &headers,
                body: parts.body.as_ref(),
                timeout: options.timeout.unwrap_or(core.timeout),
                open: options.open,
                shown_url: shown_url.as_ref(),
            };
            let outcome = retries.run(&attempt, &parts.method, &url).await;
            let unauthorized =
                matches!(&outcome, Err(err) if err.status() == Some(StatusCode::UNAUTHORIZED));
            if refreshed || !unauthorized || !auth.drop_provided_tokens().await {
                return outcome;
            }
            tracing::debug!("401 to a provider's token: sending again with a fresh one");
            refreshed = true;
        }
    };
    match retries.deadline {
        None => exchange.await,
        Some((limit, deadline)) => match tokio::time::timeout_at(deadline, exchange).await {
            Ok(outcome) => outcome,
            Err(_elapsed) => Err(Error::TotalTimeout {
                limit,
                attempts: retries.started.load(Ordering::Relaxed),
            }),
        },
    }
}

/// Sends `parts` with the client's retries and timeouts until a success starts, and returns
/// it with its body left to read.
pub(super) async fn open<E: DeserializeOwned>(
    core: &Core,
    parts: RequestParts,
) -> Result<Received, Error<E>> {
    let options = Options {
        timeout: None,
        total_timeout: None,
        max_retries: None,
        open: true,
    };
    exchange(core, parts, options).await
}

/// The retry policy of one call: how many retries, the overall deadline (its limit and when it
/// passes), and how many attempts have been started so far.
struct Retries {
    max_retries: u32,
    deadline: Option<(Duration, Instant)>,
    started: AtomicU32,
}

impl Retries {
    /// Makes attempts until one succeeds, fails for good, or the retries run out; a retry whose
    /// wait would end after the deadline is not made (the last error is returned at once).
    async fn run<E: DeserializeOwned>(
        &self,
        attempt: &Attempt<'_>,
        method: &reqwest::Method,
        url: &reqwest::Url,
    ) -> Result<Received, Error<E>> {
        let mut retry = 0;
        loop {
            let span = tracing::info_span!(
                "http.request",
                method = %method,
                path = url.path(),
                attempt = retry,
                status = tracing::field::Empty,
            );
            // Counted across the call (a call sent again after a 401 keeps counting).
            self.started.fetch_add(1, Ordering::Relaxed);
            let outcome = attempt.run::<E>(retry).instrument(span.clone()).await;
            let (error, delay) = match outcome {
                Ok(Ok(received)) => return Ok(received),
                Ok(Err(raw)) => {
                    if retry >= self.max_retries || !should_retry_response(raw.status, &raw.headers)
                    {
                        return Err(api_error(raw));
                    }
                    let delay = retry_delay(Some(&raw.headers), retry);
                    (api_error(raw), delay)
                }
                Err(err) => {
                    if retry >= self.max_retries || !err.is_retryable() {
                        return Err(err);
                    }
                    (err, retry_delay(None, retry))
                }
            };
            if self
                .deadline
                .is_some_and(|(_, deadline)| Instant::now() + delay >= deadline)
            {
                span.in_scope(|| {
                    tracing::debug!(error = %error, ?delay, "giving up: the wait would pass the deadline");
                });
                return Err(error);
            }
            span.in_scope(|| match error.status() {
                Some(status) => tracing::debug!(status = status.as_u16(), ?delay, "retrying"),
                None => tracing::debug!(error = %error, ?delay, "retrying"),
            });
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }
}

impl<'c, T, E> IntoFuture for Call<'c, T, E>
where
    T: Send + 'c,
    E: DeserializeOwned + Send + 'c,
{
    type Output = Result<T, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
