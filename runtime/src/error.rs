//! Errors returned by clients: API errors (non-2xx responses), transport
//! failures, decoding failures and invalid input.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::excerpt::{excerpt, truncate, MAX_EXCERPT_CHARS};

/// Everything that can go wrong when calling the API.
///
/// `E` is the type the error response bodies of the operation are parsed
/// into; it defaults to [`serde_json::Value`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The server answered with a non-2xx status.
    #[error("{0}")]
    Api(Box<ApiError<E>>),
    /// The request could not be sent or the response could not be read. `Display` says which,
    /// and names the innermost cause (such as "Connection refused" or "end of file before message
    /// length reached"); `source()` is the `reqwest` error with the whole chain.
    #[error("{}", connection_message(.0))]
    Connection(#[source] reqwest::Error),
    /// An attempt took longer than its timeout (`timeout`, per attempt); retried like a
    /// connection failure.
    #[error("request timed out: an attempt took longer than its timeout")]
    Timeout,
    /// The call's overall deadline (`total_timeout`) passed: it bounds every attempt, retry
    /// and wait of one call together. The call does not retry it (its time is up), though
    /// calling again later could succeed.
    #[error(
        "request timed out: the call's overall deadline of {limit:?} (total_timeout) passed during attempt {attempts}"
    )]
    TotalTimeout {
        /// The overall limit that passed.
        limit: Duration,
        /// How many attempts had been started (1 for the first).
        attempts: u32,
    },
    /// A 2xx response body did not match the expected type.
    #[error("could not decode the {status} response at `{path}`: {message} (body: {excerpt})")]
    Decode {
        /// JSON path of the offending value (`.` for the root).
        path: String,
        /// What was wrong with it.
        message: String,
        /// The start of the body (at most about 200 characters).
        excerpt: String,
        /// Status of the response.
        status: StatusCode,
    },
    /// A request parameter could not be encoded.
    #[error("invalid value for `{field}`: {message}")]
    Validation {
        /// The parameter (or `body`).
        field: String,
        /// What was wrong with it.
        message: String,
    },
    /// The response body was larger than the configured limit.
    #[error("response body exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// One item of a streamed body (a line, a record, an event) was longer than the limit on
    /// response bodies (`max_response_bytes`); the stream ends with this error.
    #[error("an item of the streamed response exceeds the limit of {limit} bytes")]
    ItemTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A paginated list had more items than the bound given to `collect_all`: it is refused
    /// rather than cut short. Collect with a larger bound, or take the first items on purpose
    /// with `collect_first`.
    #[error("the list has more than {limit} items, the bound given to collect_all (use a larger bound, or collect_first for the first items)")]
    TooManyItems {
        /// The bound that was exceeded (`max_items`).
        limit: usize,
    },
    /// The client is misconfigured (missing API key, invalid URL or header), or a call needs
    /// credentials the client does not hold.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The access token provider (oauth2, openIdConnect) failed; the call was not sent.
    #[error("the access token provider failed: {0}")]
    TokenProvider(#[source] crate::auth::BoxError),
}

impl<E> Error<E> {
    /// A [`Error::Validation`] for `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The HTTP status, if a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(api) => Some(api.status),
            Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API error, if the server answered with a non-2xx status.
    pub fn api(&self) -> Option<&ApiError<E>> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// Consumes the error, returning the API error if there is one.
    pub fn into_api(self) -> Option<ApiError<E>> {
        match self {
            Self::Api(api) => Some(*api),
            _ => None,
        }
    }

    /// Whether this is a timeout: of one attempt ([`Error::Timeout`]) or of the whole call
    /// ([`Error::TotalTimeout`]).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout | Self::TotalTimeout { .. })
    }

    /// Whether trying again later could succeed: connection failures,
    /// timeouts (of an attempt or of the whole call), and 408, 409, 429 and 5xx responses.
    /// The client itself retries all of them but [`Error::TotalTimeout`] within a call.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Connection(err) => !err.is_builder(),
            Self::Timeout | Self::TotalTimeout { .. } => true,
            Self::Api(api) => super::retry::is_retryable_status(api.status),
            _ => false,
        }
    }
}

/// What [`Error::Connection`] displays: reqwest's own message alone ("error decoding response
/// body", "error sending request for url (...)") does not say what happened, so the innermost
/// cause of its chain is added. A failure while the response body streams in (the only body
/// reqwest reads here: request bodies are in memory) is said to be one.
fn connection_message(err: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = err;
    while let Some(source) = cause.source() {
        cause = source;
    }
    let cause = cause.to_string();
    if err.is_decode() || err.is_body() {
        format!("connection failed while reading the response body: {cause}")
    } else if cause == err.to_string() {
        format!("connection failed: {err}")
    } else {
        format!("connection failed: {err}: {cause}")
    }
}

/// A non-2xx response.
#[derive(Debug, Clone)]
pub struct ApiError<E = serde_json::Value> {
    /// Response status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body parsed as the operation's error type; `None` if it did not parse.
    pub body: Option<E>,
    /// The raw body (lossily decoded as UTF-8).
    pub raw: String,
}

/// Broad classes of API errors, by status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400.
    BadRequest,
    /// 401.
    Authentication,
    /// 403.
    PermissionDenied,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 422.
    Unprocessable,
    /// 429.
    RateLimited,
    /// 500 and above.
    Server,
    /// Any other status.
    Other,
}

impl ApiErrorKind {
    /// The kind of error a status stands for.
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => Self::BadRequest,
            401 => Self::Authentication,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::Conflict,
            422 => Self::Unprocessable,
            429 => Self::RateLimited,
            500.. => Self::Server,
            _ => Self::Other,
        }
    }
}

/// Where servers commonly put a human-readable error message.
const MESSAGE_POINTERS: &[&str] = &[
    "/error/message",
    "/message",
    "/error",
    "/detail",
    "/detail/0/msg",
    "/errors/0/message",
    "/error_description",
    "/title",
    "",
];

/// Where servers commonly put a machine-readable error code.
const CODE_POINTERS: &[&str] = &["/error/type", "/error/code", "/code"];

/// Longest message (in characters) shown by `Display`.
const MAX_MESSAGE_CHARS: usize = 500;

impl<E> ApiError<E> {
    /// The kind of error, from the status.
    pub fn kind(&self) -> ApiErrorKind {
        ApiErrorKind::from_status(self.status)
    }

    /// The server's message, looked up in the raw JSON body at
    /// `/error/message`, `/message`, `/error`, `/detail` and a few other
    /// common places.
    pub fn message(&self) -> Option<String> {
        self.lookup(MESSAGE_POINTERS)
    }

    /// The server's error code or type (`/error/type`, `/error/code`, `/code`).
    pub fn code(&self) -> Option<String> {
        self.lookup(CODE_POINTERS)
    }

    /// The `x-request-id` response header, useful when contacting support.
    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
    }

    fn lookup(&self, pointers: &[&str]) -> Option<String> {
        let json: serde_json::Value = serde_json::from_str(&self.raw).ok()?;
        pointers
            .iter()
            .find_map(|pointer| match json.pointer(pointer)? {
                serde_json::Value::String(text) if !text.trim().is_empty() => {
                    Some(text.trim().to_owned())
                }
                _ => None,
            })
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status_line = match self.status.canonical_reason() {
            Some(reason) => format!("{} {reason}", self.status.as_u16()),
            None => self.status.as_u16().to_string(),
        };
        f.write_str(&status_line)?;
        if let Some(code) = self.code() {
            write!(f, " ({})", truncate(&code, MAX_EXCERPT_CHARS))?;
        }
        if let Some(message) = self.message() {
            write!(f, ": {}", truncate(&message, MAX_MESSAGE_CHARS))?;
        } else {
            let text = excerpt(&self.raw, MAX_EXCERPT_CHARS);
            if !text.is_empty() && !text.eq_ignore_ascii_case(&status_line) {
                write!(f, ": {text}")?;
            }
        }
        Ok(())
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {}
