//! Retry policy, backoff hints and idempotency keys.

mod common;

use std::time::{Duration, Instant, SystemTime};

use openapi_runtime::reqwest::Method;
use openapi_runtime::{ApiErrorKind, Call, Error, RequestParts};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Responds with `first` once, then with 200 `{"ok":true}`.
async fn server_failing_once(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"ok":true}"#))
        .mount(&server)
        .await;
    server
}

fn parts(method: Method) -> RequestParts {
    common::request(method, "/things")
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording on")
}

fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn fast_fail(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("retry-after-ms", "1")
}

#[tokio::test]
async fn server_error_then_success_is_retried_with_retry_count() {
    let server = server_failing_once(fast_fail(500)).await;
    let core = common::core(&server.uri());
    let value: serde_json::Value = Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap();
    assert_eq!(value, serde_json::json!({"ok": true}));
    let requests = requests(&server).await;
    let counts: Vec<_> = requests
        .iter()
        .map(|r| header(r, "x-retry-count").unwrap())
        .collect();
    assert_eq!(counts, ["0", "1"]);
}

#[tokio::test]
async fn retryable_statuses_are_retried() {
    for status in [408, 409, 429, 502, 503, 504] {
        let server = server_failing_once(fast_fail(status)).await;
        let core = common::core(&server.uri());
        Call::<serde_json::Value>::new(&core, parts(Method::GET))
            .await
            .unwrap_or_else(|err| panic!("{status}: {err}"));
        assert_eq!(requests(&server).await.len(), 2, "status {status}");
    }
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 422] {
        let server = server_failing_once(fast_fail(status)).await;
        let core = common::core(&server.uri());
        let err = Call::<serde_json::Value>::new(&core, parts(Method::GET))
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert!(!err.is_retryable());
        assert_eq!(requests(&server).await.len(), 1, "status {status}");
    }
}

#[tokio::test]
async fn x_should_retry_header_overrides_the_status_rule() {
    let server = server_failing_once(fast_fail(500).insert_header("x-should-retry", "false")).await;
    let core = common::core(&server.uri());
    let err = Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap_err();
    assert_eq!(err.status().unwrap().as_u16(), 500);
    assert_eq!(requests(&server).await.len(), 1);

    let server = server_failing_once(fast_fail(400).insert_header("x-should-retry", "true")).await;
    let core = common::core(&server.uri());
    Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap();
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn gives_up_after_max_retries() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(fast_fail(503).set_body_string(r#"{"message":"overloaded"}"#))
        .mount(&server)
        .await;
    let core = common::core(&server.uri());
    let err = Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap_err();
    let api = err.api().expect("api error");
    assert_eq!(api.kind(), ApiErrorKind::Server);
    assert_eq!(api.message().as_deref(), Some("overloaded"));
    assert_eq!(requests(&server).await.len(), 3, "1 attempt + 2 retries");

    // A per-call override.
    let server2 = MockServer::start().await;
    Mock::given(any())
        .respond_with(fast_fail(503))
        .mount(&server2)
        .await;
    let core = common::core(&server2.uri());
    Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(requests(&server2).await.len(), 1);
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server =
        server_failing_once(ResponseTemplate::new(429).insert_header("retry-after", "1")).await;
    let core = common::core(&server.uri());
    let started = Instant::now();
    Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_http_date_is_honoured() {
    // A date in the past means "retry now".
    let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(3600));
    let server =
        server_failing_once(ResponseTemplate::new(503).insert_header("retry-after", past.as_str()))
            .await;
    let core = common::core(&server.uri());
    let started = Instant::now();
    Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_millis(300));

    // A date about two seconds ahead (whole-second resolution) is waited for.
    let future = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let server = server_failing_once(
        ResponseTemplate::new(503).insert_header("retry-after", future.as_str()),
    )
    .await;
    let core = common::core(&server.uri());
    let started = Instant::now();
    Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
}

#[tokio::test]
async fn default_backoff_is_about_half_a_second() {
    let server = server_failing_once(ResponseTemplate::new(500)).await;
    let core = common::core(&server.uri());
    let started = Instant::now();
    Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(370), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio::test]
async fn post_idempotency_key_is_the_same_on_every_attempt() {
    let server = server_failing_once(fast_fail(500)).await;
    let core = common::core(&server.uri());
    Call::<serde_json::Value>::new(&core, parts(Method::POST))
        .await
        .unwrap();
    let requests = requests(&server).await;
    assert_eq!(requests.len(), 2);
    let first = header(&requests[0], "idempotency-key").expect("POST carries a key");
    let second = header(&requests[1], "idempotency-key").unwrap();
    assert_eq!(first, second);
    assert_eq!(first.len(), 36, "a UUID: {first}");

    // Two separate calls get different keys.
    let server2 = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server2)
        .await;
    let core = common::core(&server2.uri());
    for _ in 0..2 {
        Call::<()>::new(&core, parts(Method::POST)).await.unwrap();
    }
    let requests = self::requests(&server2).await;
    assert_ne!(
        header(&requests[0], "idempotency-key"),
        header(&requests[1], "idempotency-key")
    );
}

#[tokio::test]
async fn caller_idempotency_key_is_used() {
    let server = server_failing_once(fast_fail(503)).await;
    let core = common::core(&server.uri());
    Call::<serde_json::Value>::new(&core, parts(Method::POST))
        .idempotency_key("order-42")
        .await
        .unwrap();
    let keys: Vec<_> = requests(&server)
        .await
        .iter()
        .map(|r| header(r, "idempotency-key").unwrap())
        .collect();
    assert_eq!(keys, ["order-42", "order-42"]);
}

#[tokio::test]
async fn connection_failures_are_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let core = common::builder(&format!("http://{address}"))
        .max_retries(1)
        .build()
        .unwrap()
        .core;
    let started = Instant::now();
    let err = Call::<serde_json::Value>::new(&core, parts(Method::GET))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    assert!(err.is_retryable());
    assert!(err.to_string().starts_with("connection failed"), "{err}");
    // One backoff (0.375–0.5 s) happened before giving up.
    assert!(started.elapsed() >= Duration::from_millis(370));
}
