//! Sequential response bodies (OpenAPI 3.2 `itemSchema`): a body split into items as it
//! arrives, each decoded on its own.
//!
//! [`Framer`] is the splitting, with no I/O: bytes in (in chunks cut anywhere), items out.
//! [`stream`] sends a request and turns its body into an [`ItemStream`] of typed items.

use std::collections::VecDeque;

use futures_util::stream::{self as futures_stream, StreamExt};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::attempt::Received;
use super::config::Core;
use super::error::Error;
use super::excerpt::{excerpt_bytes, MAX_EXCERPT_CHARS};
use super::paginate::ItemStream;
use super::request::RequestParts;
use super::response::json;

/// How a sequential body is split into items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sequence {
    /// `text/event-stream` (Server-Sent Events, parsed as the HTML standard says): each item is
    /// one event as a JSON object, `{"data": "...", "event": "...", "id": "...", "retry": 5}`
    /// (`data` always; `event` and `id` when not empty, `id` being the last one the stream set;
    /// `retry` when the event's block set it), decoded as the item type (OpenAPI 3.2's model of
    /// an event). Comments and unknown fields are skipped.
    ServerSentEvents,
    /// `application/jsonl`, `application/x-ndjson`: one JSON value per line; blank lines are
    /// skipped.
    JsonLines,
    /// `application/json-seq` (RFC 7464): each JSON value preceded by the record separator
    /// (U+001E).
    JsonSeq,
}

/// One item split off a body, not yet decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// A JSON text (a line, a record).
    Json(Vec<u8>),
    /// A value built by the splitter (an event).
    Value(Value),
}

/// Why a body could not be split into items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// One item (a line, a record, an event) is longer than the limit, in bytes.
    TooLarge,
    /// The body is not in the format: what is wrong.
    Invalid(String),
}

/// Splits a sequential body into items, chunk by chunk; each item is held in a buffer no
/// longer than the limit given to [`Framer::new`].
#[derive(Debug)]
pub struct Framer {
    sequence: Sequence,
    limit: usize,
    /// Bytes received and not yet part of an item.
    buffer: Vec<u8>,
    /// How far `buffer` has been searched for the end of an item.
    scanned: usize,
    /// Server-Sent Events: the state of the event being read.
    event: EventState,
}

/// The event being read from a `text/event-stream` body.
#[derive(Debug, Default)]
struct EventState {
    /// The stream has started (its byte order mark, if any, is behind).
    started: bool,
    /// The last line ended with CR: a LF right after it ends nothing more.
    after_cr: bool,
    data: String,
    has_data: bool,
    kind: String,
    last_id: String,
    retry: Option<u64>,
}

impl Framer {
    /// A splitter for `sequence` whose items (and lines) may be at most `limit` bytes long.
    pub fn new(sequence: Sequence, limit: usize) -> Self {
        Self {
            sequence,
            limit,
            buffer: Vec::new(),
            scanned: 0,
            event: EventState::default(),
        }
    }

    /// Splits `chunk` (the next bytes of the body), appending every item it completes to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut VecDeque<Frame>) -> Result<(), FrameError> {
        self.buffer.extend_from_slice(chunk);
        match self.sequence {
            Sequence::JsonLines => self.lines(out, false),
            Sequence::JsonSeq => self.records(out, false),
            Sequence::ServerSentEvents => self.events(out, false),
        }
    }

    /// Ends the body, appending the last item (if complete) to `out`.
    pub fn finish(&mut self, out: &mut VecDeque<Frame>) -> Result<(), FrameError> {
        match self.sequence {
            Sequence::JsonLines => self.lines(out, true),
            Sequence::JsonSeq => self.records(out, true),
            Sequence::ServerSentEvents => self.events(out, true),
        }
    }

    /// The index of the next byte in `buffer` (from `scanned`) that `is_end` accepts; records
    /// how far it searched. An item longer than the limit is an error.
    fn find_end(&mut self, is_end: impl Fn(u8) -> bool) -> Result<Option<usize>, FrameError> {
        match self.buffer[self.scanned..].iter().position(|&b| is_end(b)) {
            Some(i) => {
                let end = self.scanned + i;
                self.scanned = 0;
                if end > self.limit {
                    return Err(FrameError::TooLarge);
                }
                Ok(Some(end))
            }
            None => {
                self.scanned = self.buffer.len();
                if self.buffer.len() > self.limit {
                    return Err(FrameError::TooLarge);
                }
                Ok(None)
            }
        }
    }

    fn lines(&mut self, out: &mut VecDeque<Frame>, at_end: bool) -> Result<(), FrameError> {
        loop {
            let end = match self.find_end(|b| b == b'\n')? {
                Some(end) => end,
                None if at_end => self.buffer.len(),
                None => return Ok(()),
            };
            let mut line: Vec<u8> = self.buffer.drain(..end).collect();
            if !self.buffer.is_empty() {
                self.buffer.remove(0); // the newline
            }
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                out.push_back(Frame::Json(line));
            }
            if at_end && self.buffer.is_empty() {
                return Ok(());
            }
        }
    }

    /// RFC 7464: every record starts with RS. A record is complete at the next RS, at the end
    /// of the body, or when it ends with a newline at the end of a chunk and is a whole JSON
    /// text (a server that writes `RS text LF` and flushes gets each item at once).
    fn records(&mut self, out: &mut VecDeque<Frame>, at_end: bool) -> Result<(), FrameError> {
        const RS: u8 = 0x1e;
        loop {
            // The buffer starts at a record's RS (or holds the whitespace before the first one).
            let from = usize::from(self.buffer.first() == Some(&RS));
            if self.scanned < from {
                self.scanned = from;
            }
            let end = match self.find_end(|b| b == RS)? {
                Some(end) => end,
                None if at_end => self.buffer.len(),
                None => {
                    let text = &self.buffer[from..];
                    let ends_line = text.last() == Some(&b'\n');
                    if from == 1 && ends_line && serde_json::from_slice::<Value>(text).is_ok() {
                        out.push_back(Frame::Json(text.to_vec()));
                        self.buffer.clear();
                        self.scanned = 0;
                    }
                    return Ok(());
                }
            };
            let record: Vec<u8> = self.buffer.drain(..end).skip(from).collect();
            let blank = record.iter().all(u8::is_ascii_whitespace);
            if from == 0 && !blank {
                return Err(FrameError::Invalid(
                    "a JSON text sequence must start each record with the record separator (U+001E)"
                        .to_owned(),
                ));
            }
            if !blank {
                out.push_back(Frame::Json(record));
            }
            if self.buffer.is_empty() {
                return Ok(());
            }
        }
    }

    fn events(&mut self, out: &mut VecDeque<Frame>, at_end: bool) -> Result<(), FrameError> {
        if !self.event.started {
            if self.buffer.len() < 3 && !at_end && b"\xEF\xBB\xBF".starts_with(&self.buffer) {
                return Ok(()); // maybe a byte order mark, not yet whole
            }
            if self.buffer.starts_with(b"\xEF\xBB\xBF") {
                self.buffer.drain(..3);
            }
            self.event.started = true;
        }
        loop {
            if self.event.after_cr {
                match self.buffer.first() {
                    Some(b'\n') => {
                        self.buffer.remove(0);
                        self.event.after_cr = false;
                    }
                    Some(_) => self.event.after_cr = false,
                    None => return Ok(()), // the next chunk may start with its LF
                }
            }
            let Some(end) = self.find_end(|b| b == b'\n' || b == b'\r')? else {
                // An event not ended by a blank line is incomplete: the standard drops it.
                return Ok(());
            };
            self.event.after_cr = self.buffer[end] == b'\r';
            let line: Vec<u8> = self.buffer.drain(..=end).take(end).collect();
            if let Some(event) = self.event.line(&String::from_utf8_lossy(&line)) {
                out.push_back(Frame::Value(event));
            }
            if self.event.data.len() > self.limit {
                return Err(FrameError::TooLarge);
            }
        }
    }
}

impl EventState {
    /// Reads one line of an event stream; a blank line ends the event, returned when it has data.
    fn line(&mut self, line: &str) -> Option<Value> {
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return None; // a comment
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => value.clone_into(&mut self.kind),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "id" if !value.contains('\0') => value.clone_into(&mut self.last_id),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok();
            }
            _ => {} // unknown fields are ignored
        }
        None
    }

    fn dispatch(&mut self) -> Option<Value> {
        let kind = std::mem::take(&mut self.kind);
        let retry = self.retry.take();
        let mut data = std::mem::take(&mut self.data);
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        data.pop(); // the newline after the last data line
        let mut event = Map::new();
        event.insert("data".to_owned(), Value::String(data));
        if !kind.is_empty() {
            event.insert("event".to_owned(), Value::String(kind));
        }
        if !self.last_id.is_empty() {
            event.insert("id".to_owned(), Value::String(self.last_id.clone()));
        }
        if let Some(retry) = retry {
            event.insert("retry".to_owned(), Value::from(retry));
        }
        Some(Value::Object(event))
    }
}

/// Decodes one item as `T`; `index` (from 0) names it in the error.
fn decode_frame<T: DeserializeOwned, E>(
    frame: &Frame,
    index: usize,
    status: StatusCode,
) -> Result<T, Error<E>> {
    let (failure, text) = match frame {
        Frame::Json(text) => match json::<T>(text) {
            Ok(value) => return Ok(value),
            Err(failure) => (failure, text.clone()),
        },
        Frame::Value(value) => match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(item) => return Ok(item),
            Err(err) => (
                super::response::DecodeError {
                    path: err.path().to_string(),
                    message: err.into_inner().to_string(),
                },
                value.to_string().into_bytes(),
            ),
        },
    };
    Err(Error::Decode {
        path: failure.path,
        message: format!("item {index}: {}", failure.message),
        excerpt: excerpt_bytes(&text, MAX_EXCERPT_CHARS),
        status,
    })
}

/// The error of a failed split, for a response of `status`.
fn frame_error<E>(error: FrameError, limit: usize, status: StatusCode, index: usize) -> Error<E> {
    match error {
        FrameError::TooLarge => Error::ItemTooLarge { limit },
        FrameError::Invalid(message) => Error::Decode {
            path: ".".to_owned(),
            message: format!("item {index}: {message}"),
            excerpt: String::new(),
            status,
        },
    }
}

/// What the stream of one call holds between items.
struct Reading {
    /// The body still to read (`None` once it was read whole or to its end).
    response: Option<reqwest::Response>,
    status: StatusCode,
    framer: Framer,
    limit: usize,
    ready: VecDeque<Frame>,
    /// How many items were decoded (or failed to).
    decoded: usize,
    /// The split failed after the items in `ready`: yielded after them.
    failed: Option<FrameError>,
}

/// Sends `parts` (retrying as the client is configured until a response starts) and returns
/// its sequential body as a stream of `T`, one item as soon as it has arrived.
///
/// The stream owns a clone of the client's core. A failure to send, an error status, a body not
/// in the format, an item that does not decode or is longer than the client's
/// `max_response_bytes` (no item is held longer than that; the stream as a whole has no limit)
/// is yielded as an error, and the stream ends after it. The per-attempt `timeout` and the
/// `total_timeout` bound the wait for the response to start, not the reading of the stream:
/// bound that with `tokio::time::timeout` around each `next()`.
pub fn stream<T, E>(core: &Core, parts: RequestParts, sequence: Sequence) -> ItemStream<T, E>
where
    T: DeserializeOwned + Send + 'static,
    E: DeserializeOwned + Send + 'static,
{
    let limit = core.inner.max_response_bytes;
    let core = core.clone();
    let opened = async move { super::call::open::<E>(&core, parts).await };
    let items = futures_stream::once(opened).flat_map(move |opened| {
        let mut reading = Reading {
            status: StatusCode::OK,
            response: None,
            framer: Framer::new(sequence, limit),
            limit,
            ready: VecDeque::new(),
            decoded: 0,
            failed: None,
        };
        match opened {
            Err(err) => return futures_stream::iter([Err(err)]).boxed(),
            Ok(Received::Open(response)) => {
                reading.status = response.status();
                reading.response = Some(response);
            }
            // A body already read whole (within the limit) is split all at once.
            Ok(Received::Whole(raw)) => {
                reading.status = raw.status;
                let split = reading.framer.push(&raw.body, &mut reading.ready);
                reading.fail_or_finish(split);
            }
        }
        futures_stream::unfold(reading, next_item::<T, E>).boxed()
    });
    ItemStream::from_stream(items.boxed())
}

/// The next item of a sequential body, reading chunks until one is complete.
async fn next_item<T: DeserializeOwned, E>(
    mut r: Reading,
) -> Option<(Result<T, Error<E>>, Reading)> {
    loop {
        if let Some(frame) = r.ready.pop_front() {
            let index = r.decoded;
            r.decoded += 1;
            let item = decode_frame::<T, E>(&frame, index, r.status);
            if item.is_err() {
                r.response = None;
                r.ready.clear();
                r.failed = None;
            }
            return Some((item, r));
        }
        if let Some(err) = r.failed.take() {
            return Some((Err(frame_error(err, r.limit, r.status, r.decoded)), r));
        }
        let response = r.response.as_mut()?;
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let split = r.framer.push(&chunk, &mut r.ready);
                r.fail_if(split);
            }
            Ok(None) => r.fail_or_finish(Ok(())),
            Err(err) => {
                r.response = None;
                r.ready.clear();
                return Some((Err(super::body::transport_error(err)), r));
            }
        }
    }
}

impl Reading {
    /// After a split: on failure, the items split before it are still given, then the error,
    /// and nothing more is read.
    fn fail_if(&mut self, split: Result<(), FrameError>) {
        if let Err(err) = split {
            self.failed = Some(err);
            self.response = None;
        }
    }

    /// After the last bytes: the last item, or the failure.
    fn fail_or_finish(&mut self, split: Result<(), FrameError>) {
        let split = split.and_then(|()| self.framer.finish(&mut self.ready));
        self.fail_if(split);
        self.response = None;
    }
}
