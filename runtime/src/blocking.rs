//! Blocking calls, for programs without an async runtime (feature `blocking`).
//!
//! A generated client's `blocking::Client` is its async client plus a private [`Runtime`]: every
//! method is the async one, the same request, retries, deadline, validation and errors, sent with
//! [`Call::send`], which blocks the calling thread until the call ends. Paginated lists are
//! [`Items`], an [`Iterator`] fetching pages as it goes.
//!
//! As with `reqwest::blocking`, these must not be used from async code: sending blocks the
//! thread, and a call made inside an async runtime's thread panics.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::call::Response;
use super::error::Error;
use super::paginate::ItemStream;
use super::request::RequestParts;

/// The runtime a blocking client sends its calls on: a tokio runtime with one worker thread of
/// its own, which keeps the client's pooled connections served between calls, while each call
/// runs on the thread that makes it. Clones share it; when the last one goes, it is shut down
/// without waiting (so dropping a blocking client inside async code does not panic).
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Owned>,
}

/// The tokio runtime, shut down in the background when dropped.
struct Owned(Option<tokio::runtime::Runtime>);

impl Drop for Owned {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Runtime {
    /// Starts the runtime (its one worker thread).
    pub fn new() -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("api-client-blocking")
            .enable_all()
            .build()?;
        Ok(Self {
            inner: Arc::new(Owned(Some(runtime))),
        })
    }

    /// Runs `future` to completion on the calling thread, within this runtime.
    ///
    /// # Panics
    ///
    /// When called from async code (a thread that is running an async runtime's tasks).
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        match &self.inner.0 {
            Some(runtime) => runtime.block_on(future),
            None => unreachable!("the runtime is only taken when the last clone is dropped"),
        }
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime").finish_non_exhaustive()
    }
}

/// One API call, ready to send: the async [`Call`](super::Call) with the same per-request options,
/// sent by [`send`](Self::send), which blocks until the call (with its retries) ends.
#[must_use = "a call does nothing until it is sent"]
pub struct Call<'c, T, E = serde_json::Value> {
    call: super::Call<'c, T, E>,
    runtime: &'c Runtime,
}

impl<'c, T, E> Call<'c, T, E> {
    /// The async `call`, to be sent on `runtime`.
    pub fn new(call: super::Call<'c, T, E>, runtime: &'c Runtime) -> Self {
        Self { call, runtime }
    }

    /// Overrides the per-attempt timeout for this call.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.map(|call| call.timeout(timeout))
    }

    /// Sets (or overrides the client's) overall limit on this call: every attempt, retry and
    /// wait together. When it passes, the call fails with [`Error::TotalTimeout`].
    pub fn total_timeout(self, total_timeout: Duration) -> Self {
        self.map(|call| call.total_timeout(total_timeout))
    }

    /// Overrides the number of retries for this call.
    pub fn max_retries(self, max_retries: u32) -> Self {
        self.map(|call| call.max_retries(max_retries))
    }

    /// Sets a header for this call, replacing any default of the same name; an invalid one fails
    /// the call with [`Error::Validation`] before anything is sent.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.map(|call| call.header(name, value))
    }

    /// Sets the `Idempotency-Key` (POSTs get a random one otherwise), sent on every attempt.
    pub fn idempotency_key(self, key: impl Into<String>) -> Self {
        self.map(|call| call.idempotency_key(key))
    }

    /// The request parts this call will send.
    pub fn parts(&self) -> &RequestParts {
        self.call.parts()
    }

    fn map(self, f: impl FnOnce(super::Call<'c, T, E>) -> super::Call<'c, T, E>) -> Self {
        Self {
            call: f(self.call),
            runtime: self.runtime,
        }
    }
}

impl<'c, T, E> Call<'c, T, E>
where
    T: Send + 'c,
    E: DeserializeOwned + Send + 'c,
{
    /// Sends the call, retrying as configured, and decodes the body; blocks until it ends.
    ///
    /// # Panics
    ///
    /// When called from async code (use the async client there).
    pub fn send(self) -> Result<T, Error<E>> {
        self.runtime.block_on(self.call.send())
    }

    /// Like [`send`](Self::send), also returning status and headers.
    ///
    /// # Panics
    ///
    /// When called from async code (use the async client there).
    pub fn send_with_response(self) -> Result<Response<T>, Error<E>> {
        self.runtime.block_on(self.call.send_with_response())
    }
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("parts", self.call.parts())
            .finish_non_exhaustive()
    }
}

/// Every item of a paginated list, page after page: an [`Iterator`] of `Result<T, Error<E>>`
/// that fetches the next page when it needs it (blocking), and ends as the async
/// [`ItemStream`] does. It owns a clone of the client, so it can be kept.
///
/// Iterating it from async code panics, as every blocking call does.
#[must_use = "an iterator does nothing until it is read"]
pub struct Items<T, E = serde_json::Value> {
    stream: ItemStream<T, E>,
    runtime: Runtime,
}

impl<T, E> Items<T, E> {
    /// The async `stream`, read on `runtime`.
    pub fn new(stream: ItemStream<T, E>, runtime: Runtime) -> Self {
        Self { stream, runtime }
    }

    /// Every item of the list, refusing to collect more than `max_items`
    /// ([`Error::TooManyItems`]; see [`ItemStream::collect_all`]).
    pub fn collect_all(self, max_items: usize) -> Result<Vec<T>, Error<E>> {
        self.runtime.block_on(self.stream.collect_all(max_items))
    }

    /// The first `n` items of the list (all of them when it has fewer), fetching no page past
    /// the one that holds the `n`th.
    pub fn collect_first(self, n: usize) -> Result<Vec<T>, Error<E>> {
        self.runtime.block_on(self.stream.collect_first(n))
    }
}

impl<T, E> Iterator for Items<T, E> {
    type Item = Result<T, Error<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.runtime.block_on(self.stream.next())
    }
}

impl<T, E> fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
