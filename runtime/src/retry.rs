//! When to retry, and how long to wait before doing so.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// Longest wait a server may ask for via `retry-after-ms` / `Retry-After`.
const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);
/// First backoff delay, in seconds; doubled on every retry.
const INITIAL_BACKOFF_SECS: f64 = 0.5;
/// Longest backoff delay, in seconds.
const MAX_BACKOFF_SECS: f64 = 8.0;
/// Largest fraction taken off a backoff delay at random.
const JITTER: f64 = 0.25;

/// Statuses worth retrying: 408, 409, 429 and 5xx.
pub(super) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429 | 500..)
}

/// Whether a non-2xx response should be retried; an `x-should-retry:
/// true|false` header overrides the status-based rule.
pub(super) fn should_retry_response(status: StatusCode, headers: &HeaderMap) -> bool {
    let directive = headers
        .get("x-should-retry")
        .and_then(|value| value.to_str().ok())
        .map(|value| value.trim().to_ascii_lowercase());
    match directive.as_deref() {
        Some("true") => true,
        Some("false") => false,
        _ => is_retryable_status(status),
    }
}

/// How long to wait before retry number `retry` (0 for the first retry):
/// what the server asked for, if anything, else exponential backoff.
pub(super) fn retry_delay(headers: Option<&HeaderMap>, retry: u32) -> Duration {
    headers
        .and_then(server_delay)
        .unwrap_or_else(|| backoff(retry))
}

/// The delay from `retry-after-ms`, else `Retry-After` (seconds or an HTTP
/// date), capped at [`MAX_SERVER_DELAY`].
fn server_delay(headers: &HeaderMap) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    let delay = if let Some(millis) = header("retry-after-ms").and_then(parse_seconds) {
        millis / 1000.0
    } else {
        let value = header("retry-after")?;
        match parse_seconds(value) {
            Some(seconds) => seconds,
            None => {
                let at = httpdate::parse_http_date(value).ok()?;
                at.duration_since(SystemTime::now())
                    .map(|wait| wait.as_secs_f64())
                    .unwrap_or(0.0)
            }
        }
    };
    Duration::try_from_secs_f64(delay)
        .ok()
        .map(|delay| delay.min(MAX_SERVER_DELAY))
}

/// A finite, non-negative number.
fn parse_seconds(text: &str) -> Option<f64> {
    text.parse::<f64>()
        .ok()
        .filter(|value| value.is_finite() && *value >= 0.0)
}

/// 0.5 s × 2^retry, at most 8 s, minus up to 25 % jitter.
fn backoff(retry: u32) -> Duration {
    let base = (INITIAL_BACKOFF_SECS * 2f64.powi(retry.min(16) as i32)).min(MAX_BACKOFF_SECS);
    let delay = base * (1.0 - JITTER * random_fraction());
    Duration::try_from_secs_f64(delay).unwrap_or(Duration::from_secs(8))
}

/// A pseudo-random number in `[0, 1)`, from std's randomly keyed hasher.
fn random_fraction() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|since| since.as_nanos())
        .unwrap_or_default();
    hasher.write_u128(nanos);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}
