//! The overall deadline of a call (`total_timeout`, per client or per call): it bounds every
//! attempt, retry and wait together. Servers run on 127.0.0.1; every call is bounded.

mod common;

use std::future::Future;
use std::time::Duration;

use openapi_runtime::reqwest::Method;
use openapi_runtime::{Call, Error, RequestParts};
use wiremock::{MockServer, ResponseTemplate};

/// Upper bound on any call made by these tests; without a working deadline each of them would
/// take far longer than this (and fail here).
const CALL_LIMIT: Duration = Duration::from_secs(15);

async fn bounded<F: Future>(call: F) -> F::Output {
    tokio::time::timeout(CALL_LIMIT, call)
        .await
        .expect("the call finished within the limit")
}

fn get() -> RequestParts {
    common::request(Method::GET, "/things")
}

async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("recording on")
        .len()
}

/// A server that answers every request with 503 after `delay`, asking for a retry in 1 ms.
async fn slow_unavailable(delay: Duration) -> MockServer {
    common::serve(
        ResponseTemplate::new(503)
            .insert_header("retry-after-ms", "1")
            .set_body_string(r#"{"message":"busy"}"#)
            .set_delay(delay),
    )
    .await
}

#[tokio::test]
async fn client_total_timeout_stops_retrying_slow_503s() {
    // Each answer takes at least 200 ms; 100 retries would take over 20 s.
    let server = slow_unavailable(Duration::from_millis(200)).await;
    let core = common::builder(&server.uri())
        .timeout(Duration::from_secs(5))
        .max_retries(100)
        .total_timeout(Duration::from_secs(1))
        .build()
        .unwrap()
        .core;
    assert_eq!(core.total_timeout(), Some(Duration::from_secs(1)));

    let err = bounded(Call::<serde_json::Value>::new(&core, get()).send())
        .await
        .unwrap_err();
    let Error::TotalTimeout { limit, attempts } = err else {
        panic!("expected the overall deadline to pass, got {err:?}");
    };
    assert_eq!(limit, Duration::from_secs(1));
    // At most 5 answers of 200 ms fit in 1 s, plus the attempt under way when it passed.
    assert!((1..=6).contains(&attempts), "{attempts} attempts");
    let requests = received(&server).await;
    assert!(
        requests <= attempts as usize,
        "{requests} requests, {attempts} attempts"
    );
    assert!(err.is_timeout());
    let message = err.to_string();
    assert!(message.contains("overall deadline of 1s"), "{message}");
    assert!(message.contains("total_timeout"), "{message}");
}

#[tokio::test]
async fn per_call_total_timeout_overrides_the_client() {
    let server = slow_unavailable(Duration::from_millis(200)).await;
    // The client allows 60 s overall, this call 500 ms.
    let core = common::builder(&server.uri())
        .max_retries(100)
        .total_timeout(Duration::from_secs(60))
        .build()
        .unwrap()
        .core;
    let err = bounded(
        Call::<serde_json::Value>::new(&core, get())
            .total_timeout(Duration::from_millis(500))
            .send(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, Error::TotalTimeout { limit, .. } if limit == Duration::from_millis(500)),
        "{err:?}"
    );
    assert!(received(&server).await <= 3, "at most 3 answers fit");
}

#[tokio::test]
async fn the_deadline_cuts_an_attempt_short() {
    // The answer would take 10 s and each attempt may take 5 s: without an overall limit, three
    // attempts would take 15 s.
    let server = common::serve(
        ResponseTemplate::new(200)
            .set_body_string("{}")
            .set_delay(Duration::from_secs(10)),
    )
    .await;
    let core = common::builder(&server.uri())
        .timeout(Duration::from_secs(5))
        .max_retries(2)
        .build()
        .unwrap()
        .core;
    let err = bounded(
        Call::<serde_json::Value>::new(&core, get())
            .total_timeout(Duration::from_millis(300))
            .send(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, Error::TotalTimeout { attempts: 1, .. }),
        "{err:?}"
    );
    assert!(received(&server).await <= 1);
}

#[tokio::test]
async fn a_retry_wait_past_the_deadline_fails_at_once_with_the_last_error() {
    // The server asks for a 30 s wait; the call has 10 s in all.
    let server = common::serve(
        ResponseTemplate::new(503)
            .insert_header("retry-after", "30")
            .set_body_string(r#"{"message":"come back later"}"#),
    )
    .await;
    let core = common::builder(&server.uri())
        .max_retries(3)
        .build()
        .unwrap()
        .core;
    let err = bounded(
        Call::<serde_json::Value>::new(&core, get())
            .total_timeout(Duration::from_secs(10))
            .send(),
    )
    .await
    .unwrap_err();
    let api = err
        .api()
        .unwrap_or_else(|| panic!("the 503 itself: {err:?}"));
    assert_eq!(api.status.as_u16(), 503);
    assert_eq!(api.message().as_deref(), Some("come back later"));
    assert_eq!(received(&server).await, 1, "no retry was made");
}

#[tokio::test]
async fn backoff_waits_count_against_the_deadline() {
    // Nothing listens on this port: every attempt fails at once, and the backoff waits (0.5 s,
    // 1 s, 2 s, ... up to 8 s) are all the time a call takes; 20 retries would take minutes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let core = common::builder(&format!("http://{address}"))
        .max_retries(20)
        .total_timeout(Duration::from_secs(1))
        .build()
        .unwrap()
        .core;
    let err = bounded(Call::<serde_json::Value>::new(&core, get()).send())
        .await
        .unwrap_err();
    // The first wait (0.375 to 0.5 s) fits; the second (at least 0.75 s, so ending at 1.125 s or
    // later) would pass the deadline, so the connection error comes back at once rather than
    // after the wait.
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
}
