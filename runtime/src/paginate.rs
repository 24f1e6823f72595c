//! Cursor pagination: a `Stream` of items across pages.

use super::error::Error;
use futures_util::stream::{self, BoxStream, Stream, StreamExt};
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One fetched page, reduced to what the pager needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The cursor of the next page, if the server gave one.
    pub next_cursor: Option<String>,
    /// The server's "has more pages" flag, if the API has one.
    pub has_more: Option<bool>,
}

/// Every item of a paginated list, page after page, fetched lazily (or of a sequential response
/// body as it arrives: [`sequence::stream`](super::sequence::stream)): a [`Stream`] of
/// `Result<T, Error<E>>`.
///
/// It owns everything it needs (a clone of the client, which shares its connection pool, and
/// the parameters), so it can be kept, returned, stored in a struct or moved to another task;
/// and it is `Unpin`, so it needs no `pin!`. Read it with [`next`](Self::next), collect it with
/// [`collect_all`](Self::collect_all) (every item, with a bound) or
/// [`collect_first`](Self::collect_first), or use any `StreamExt`/`TryStreamExt` method.
///
/// It ends after an error (yielded as the last item). A list also ends after an empty page, a
/// page without a next cursor, a page that says there are no more, or a next cursor already
/// seen (so a server bug cannot make it loop forever); a body, where it ends.
#[must_use = "a stream does nothing until it is read"]
pub struct ItemStream<T, E = serde_json::Value> {
    inner: BoxStream<'static, Result<T, Error<E>>>,
}

impl<T, E> ItemStream<T, E> {
    /// The items of `inner`.
    pub(crate) fn from_stream(inner: BoxStream<'static, Result<T, Error<E>>>) -> Self {
        Self { inner }
    }

    /// The next item: `None` once the list is exhausted (or after an error was returned).
    ///
    /// The same as `StreamExt::next`, without needing the trait in scope.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        self.inner.next().await
    }

    /// Every item of the list, refusing to collect more than `max_items`: a list that turns out
    /// longer fails with [`Error::TooManyItems`] instead of being cut short silently. To know
    /// that, the page after the bound may be fetched. The first error of any page fails the
    /// whole collection.
    ///
    /// For the first `n` items (fewer when the list is shorter), use
    /// [`collect_first`](Self::collect_first).
    pub async fn collect_all(mut self, max_items: usize) -> Result<Vec<T>, Error<E>> {
        let mut items = Vec::new();
        while let Some(item) = self.inner.next().await {
            if items.len() == max_items {
                item?;
                return Err(Error::TooManyItems { limit: max_items });
            }
            items.push(item?);
        }
        Ok(items)
    }

    /// The first `n` items of the list (all of them when it has fewer), fetching no page past
    /// the one that holds the `n`th. The first error of any page fails the whole collection.
    pub async fn collect_first(mut self, n: usize) -> Result<Vec<T>, Error<E>> {
        let mut items = Vec::new();
        while items.len() < n {
            match self.inner.next().await {
                Some(item) => items.push(item?),
                None => break,
            }
        }
        Ok(items)
    }
}

impl<T, E> Stream for ItemStream<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T, E> fmt::Debug for ItemStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemStream").finish_non_exhaustive()
    }
}

struct State<T, F> {
    fetch: F,
    cursor: Option<String>,
    buffer: VecDeque<T>,
    seen: HashSet<String>,
    done: bool,
}

/// Every item of every page, fetched lazily, starting at `start` (a cursor, or the first page).
///
/// Stops after an error, an empty page, a page without a next cursor, a page whose
/// `has_more` is `false`, or a next cursor already seen (so a server bug cannot loop forever).
/// `fetch` owns what it needs (a clone of the client's core): the stream borrows nothing.
pub fn stream<T, E, F, Fut>(start: Option<String>, fetch: F) -> ItemStream<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>, Error<E>>> + Send + 'static,
{
    let mut seen = HashSet::new();
    if let Some(c) = &start {
        seen.insert(c.clone());
    }
    let state = State {
        fetch,
        cursor: start,
        buffer: VecDeque::new(),
        seen,
        done: false,
    };
    let inner = stream::unfold(state, |mut s| async move {
        loop {
            if let Some(item) = s.buffer.pop_front() {
                return Some((Ok(item), s));
            }
            if s.done {
                return None;
            }
            match (s.fetch)(s.cursor.take()).await {
                Err(e) => {
                    s.done = true;
                    return Some((Err(e), s));
                }
                Ok(page) => {
                    let more = page.has_more != Some(false) && !page.items.is_empty();
                    match page.next_cursor {
                        Some(next) if more && s.seen.insert(next.clone()) => s.cursor = Some(next),
                        _ => s.done = true,
                    }
                    s.buffer.extend(page.items);
                }
            }
        }
    });
    ItemStream {
        inner: inner.boxed(),
    }
}
