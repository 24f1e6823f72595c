//! Cursor pagination: a `Stream` of items across pages.

use super::error::Error;
use futures_util::stream::{self, Stream};
use std::collections::{HashSet, VecDeque};
use std::future::Future;

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
pub fn stream<T, E, F, Fut>(
    start: Option<String>,
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error<E>>>,
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
    stream::unfold(state, |mut s| async move {
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
    })
}
