//! Fault injection: raw HTTP/1.1 servers on 127.0.0.1 that reset or close
//! connections, truncate bodies or ask for an immediate retry, plus checks
//! that tracing output and errors never carry the API key.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use openapi_runtime::reqwest::Method;
use openapi_runtime::{Call, Core, Error, RequestParts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Upper bound on any single call made by these tests.
const CALL_LIMIT: Duration = Duration::from_secs(15);

/// What the raw server does with one connection, after reading the request.
#[derive(Clone)]
enum Reply {
    /// Drops the socket with `SO_LINGER 0`, so the client sees a reset.
    Reset,
    /// Closes the socket cleanly without answering.
    Close,
    /// Writes these bytes, then closes the socket.
    Raw(String),
}

/// A complete response with `Connection: close`.
fn full(status_line: &str, extra_headers: &str, body: &str) -> Reply {
    Reply::Raw(format!(
        "HTTP/1.1 {status_line}\r\nContent-Type: application/json\r\n{extra_headers}\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

fn ok_json() -> Reply {
    full("200 OK", "", r#"{"ok":true}"#)
}

/// A response declaring 100 body bytes but sending only 10.
fn truncated() -> Reply {
    Reply::Raw(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\
         Connection: close\r\n\r\n{\"ok\":true"
            .to_owned(),
    )
}

/// One request as the raw server read it.
#[derive(Debug, Clone)]
struct Received {
    head: String,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

struct RawServer {
    url: String,
    connections: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl RawServer {
    /// Connection `i` gets `replies[i]`, or the last reply once they run out.
    async fn start(replies: Vec<Reply>) -> Self {
        assert!(!replies.is_empty());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let received = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn({
            let connections = connections.clone();
            let received = received.clone();
            async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    let index = connections.fetch_add(1, Ordering::SeqCst);
                    let reply = replies[index.min(replies.len() - 1)].clone();
                    let received = received.clone();
                    tokio::spawn(async move { serve(stream, reply, received).await });
                }
            }
        });
        Self {
            url,
            connections,
            received,
            task,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn core(&self, max_retries: u32) -> Core {
        common::builder(&self.url)
            .timeout(Duration::from_secs(3))
            .max_retries(max_retries)
            .build()
            .unwrap()
            .core
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut stream: TcpStream, reply: Reply, received: Arc<Mutex<Vec<Received>>>) {
    if let Some(request) = read_request(&mut stream).await {
        received.lock().unwrap().push(request);
    }
    match reply {
        Reply::Reset => {
            socket2::SockRef::from(&stream)
                .set_linger(Some(Duration::ZERO))
                .unwrap();
            drop(stream);
        }
        Reply::Close => {
            let _ = stream.shutdown().await;
            drop(stream);
        }
        Reply::Raw(bytes) => {
            let _ = stream.write_all(bytes.as_bytes()).await;
            let _ = stream.flush().await;
            let _ = stream.shutdown().await;
        }
    }
}

/// Reads the request head and a `Content-Length` body.
async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut request = Received {
        head,
        body: buf[head_end..].to_vec(),
    };
    let length: usize = request
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while request.body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        request.body.extend_from_slice(&chunk[..n]);
    }
    Some(request)
}

fn parts(method: Method) -> RequestParts {
    common::request(method, "/things")
}

/// Runs `call` under [`CALL_LIMIT`], failing the test if it hangs.
async fn bounded<F: Future>(call: F) -> F::Output {
    tokio::time::timeout(CALL_LIMIT, call)
        .await
        .expect("the call finished within the limit")
}

async fn get(core: &Core) -> Result<serde_json::Value, Error> {
    bounded(Call::<serde_json::Value>::new(core, parts(Method::GET)).send()).await
}

// ---------------------------------------------------------------------------
// 1. Connection reset / closed before any response.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn dropped_connections_are_retried_then_reported_as_connection_errors() {
    for (name, reply) in [("reset", Reply::Reset), ("close", Reply::Close)] {
        let server = RawServer::start(vec![reply]).await;
        let err = get(&server.core(1)).await.unwrap_err();
        assert!(matches!(err, Error::Connection(_)), "{name}: {err:?}");
        assert!(err.is_retryable(), "{name}");
        assert_eq!(server.connections(), 2, "{name}: one retry");
        assert_eq!(server.received().len(), 2, "{name}: both requests read");
    }
}

#[tokio::test]
async fn dropped_connection_then_success() {
    for (name, reply) in [("reset", Reply::Reset), ("close", Reply::Close)] {
        let server = RawServer::start(vec![reply, ok_json()]).await;
        let value = get(&server.core(1))
            .await
            .unwrap_or_else(|err| panic!("{name}: {err:?}"));
        assert_eq!(value, serde_json::json!({"ok": true}), "{name}");
        assert_eq!(server.connections(), 2, "{name}");
        let counts: Vec<_> = server
            .received()
            .iter()
            .map(|r| r.header("x-retry-count").unwrap())
            .collect();
        assert_eq!(counts, ["0", "1"], "{name}");
    }
}

#[tokio::test]
async fn dropped_connection_without_retries_is_not_retried() {
    let server = RawServer::start(vec![Reply::Reset, ok_json()]).await;
    let err = get(&server.core(0)).await.unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    assert_eq!(server.connections(), 1);
}

// ---------------------------------------------------------------------------
// 2. Truncated bodies are transport failures, not decode errors.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn truncated_body_is_a_retryable_connection_error() {
    let server = RawServer::start(vec![truncated()]).await;
    let err = get(&server.core(1)).await.unwrap_err();
    assert!(
        matches!(err, Error::Connection(_)),
        "a truncated body must not be decoded: {err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(err.status(), None);
    assert_eq!(server.connections(), 2, "the truncated response is retried");
}

/// The innermost cause of an error's `source()` chain.
fn innermost(err: &dyn std::error::Error) -> String {
    let mut cause = err;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

#[tokio::test]
async fn a_truncated_body_says_what_happened() {
    // Content-Length says 100 bytes; 10 come before the connection closes.
    let server = RawServer::start(vec![truncated()]).await;
    let err = get(&server.core(0)).await.unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "connection failed while reading the response body: \
         end of file before message length reached"
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "the chain is kept"
    );
}

#[tokio::test]
async fn connection_errors_name_their_innermost_cause() {
    // A reset before any answer fails while sending; reqwest's own message is only "error
    // sending request for url (...)".
    let server = RawServer::start(vec![Reply::Reset]).await;
    let err = get(&server.core(0)).await.unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("connection failed: error sending request for url"),
        "{message}"
    );
    let cause = innermost(&err);
    assert_ne!(cause, "error sending request for url");
    assert!(message.ends_with(&format!(": {cause}")), "{message}");
}

#[tokio::test]
async fn truncated_chunked_body_is_a_connection_error() {
    let reply = Reply::Raw(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n20\r\n{\"ok\":tr"
            .to_owned(),
    );
    let server = RawServer::start(vec![reply]).await;
    let err = get(&server.core(0)).await.unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("connection failed while reading the response body: "),
        "{err}"
    );
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn truncated_body_then_success() {
    let server = RawServer::start(vec![truncated(), ok_json()]).await;
    let value = get(&server.core(1)).await.unwrap();
    assert_eq!(value, serde_json::json!({"ok": true}));
    assert_eq!(server.connections(), 2);
}

#[tokio::test]
async fn truncated_error_body_is_a_connection_error_not_an_api_error() {
    let reply = Reply::Raw(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 80\r\n\
         Connection: close\r\n\r\n{\"error\":"
            .to_owned(),
    );
    let server = RawServer::start(vec![reply]).await;
    let err = get(&server.core(0)).await.unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
}

// ---------------------------------------------------------------------------
// 3. 503 then 200, with `Retry-After: 0`.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn service_unavailable_with_retry_after_zero_is_retried_at_once() {
    let unavailable = full(
        "503 Service Unavailable",
        "Retry-After: 0\r\n",
        r#"{"message":"busy"}"#,
    );
    let server = RawServer::start(vec![unavailable, ok_json()]).await;
    let started = Instant::now();
    let value = get(&server.core(2)).await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(value, serde_json::json!({"ok": true}));
    assert_eq!(server.connections(), 2);
    // The default backoff would wait at least 375 ms.
    assert!(elapsed < Duration::from_millis(300), "{elapsed:?}");
}

#[tokio::test]
async fn service_unavailable_twice_with_one_retry_is_an_api_error() {
    let unavailable = full(
        "503 Service Unavailable",
        "Retry-After: 0\r\n",
        r#"{"message":"busy"}"#,
    );
    let server = RawServer::start(vec![unavailable]).await;
    let err = get(&server.core(1)).await.unwrap_err();
    let api = err.api().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.status.as_u16(), 503);
    assert_eq!(api.message().as_deref(), Some("busy"));
    assert_eq!(server.connections(), 2);
}

// ---------------------------------------------------------------------------
// 4. Idempotency keys survive a reset connection.
// ---------------------------------------------------------------------------

fn post_parts() -> RequestParts {
    let mut parts = parts(Method::POST);
    parts.json_body(&serde_json::json!({"name": "widget"}));
    parts
}

#[tokio::test]
async fn post_idempotency_key_is_identical_across_a_reset_and_the_retry() {
    let server = RawServer::start(vec![Reply::Reset, ok_json()]).await;
    let core = server.core(1);
    let value = bounded(Call::<serde_json::Value>::new(&core, post_parts()).send())
        .await
        .unwrap();
    assert_eq!(value, serde_json::json!({"ok": true}));
    let received = server.received();
    assert_eq!(received.len(), 2);
    let first = received[0]
        .header("idempotency-key")
        .expect("POST has a key");
    let second = received[1].header("idempotency-key").unwrap();
    assert_eq!(first, second);
    assert_eq!(first.len(), 36, "a UUID: {first}");
    assert!(received[0].head.starts_with("POST /things "));
    assert_eq!(received[0].body, received[1].body, "same body on the retry");
    assert_eq!(received[1].body, br#"{"name":"widget"}"#);

    // A caller-chosen key is also kept across the reset.
    let server = RawServer::start(vec![Reply::Reset, ok_json()]).await;
    let core = server.core(1);
    bounded(
        Call::<serde_json::Value>::new(&core, post_parts())
            .idempotency_key("order-7")
            .send(),
    )
    .await
    .unwrap();
    let keys: Vec<_> = server
        .received()
        .iter()
        .map(|r| r.header("idempotency-key").unwrap())
        .collect();
    assert_eq!(keys, ["order-7", "order-7"]);
}

// ---------------------------------------------------------------------------
// 5. Tracing output and errors never contain the API key.
// ---------------------------------------------------------------------------

const SECRET: &str = "sk_secret_value_123";

/// A recorded span: its name and every field it was given, in order.
#[derive(Debug, Clone)]
struct SpanRecord {
    name: String,
    fields: Vec<(String, String)>,
}

impl SpanRecord {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

#[derive(Default)]
struct Captured {
    spans: Vec<SpanRecord>,
    span_index: HashMap<u64, usize>,
    /// Everything recorded, as text: span creations, recordings and events.
    text: Vec<String>,
}

/// A layer that records every span, field and event.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Captured>>);

#[derive(Default)]
struct FieldVisitor(Vec<(String, String)>);

impl Visit for FieldVisitor {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

fn render(fields: &[(String, String)]) -> String {
    let mut text = String::new();
    for (key, value) in fields {
        let _ = write!(text, " {key}={value}");
    }
    text
}

impl<S: Subscriber> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _ctx: Context<'_, S>) {
        let mut visitor = FieldVisitor::default();
        attrs.record(&mut visitor);
        let name = attrs.metadata().name().to_owned();
        let mut captured = self.0.lock().unwrap();
        captured
            .text
            .push(format!("new span {name}:{}", render(&visitor.0)));
        let index = captured.spans.len();
        captured.spans.push(SpanRecord {
            name,
            fields: visitor.0,
        });
        captured.span_index.insert(id.into_u64(), index);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _ctx: Context<'_, S>) {
        let mut visitor = FieldVisitor::default();
        values.record(&mut visitor);
        let mut captured = self.0.lock().unwrap();
        captured.text.push(format!("record:{}", render(&visitor.0)));
        if let Some(&index) = captured.span_index.get(&id.into_u64()) {
            captured.spans[index].fields.extend(visitor.0);
        }
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut visitor = FieldVisitor::default();
        event.record(&mut visitor);
        let meta = event.metadata();
        self.0.lock().unwrap().text.push(format!(
            "event {} {}:{}",
            meta.level(),
            meta.target(),
            render(&visitor.0)
        ));
    }
}

/// Runs `test` on a current-thread runtime with `capture` as the only
/// subscriber, scoped to this thread.
fn with_capture<F: Future>(capture: &Capture, test: F) -> F::Output {
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || runtime.block_on(test))
}

fn secret_core(base_url: &str) -> Core {
    common::builder(base_url)
        .credential("bearer", common::key(SECRET))
        .timeout(Duration::from_secs(3))
        .max_retries(2)
        .build()
        .unwrap()
        .core
}

#[test]
fn request_spans_are_recorded_without_the_api_key() {
    let capture = Capture::default();
    with_capture(&capture, async {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(500).insert_header("retry-after-ms", "1"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"ok":true}"#))
            .mount(&server)
            .await;
        let core = secret_core(&server.uri());
        let value = get(&core).await.unwrap();
        assert_eq!(value, serde_json::json!({"ok": true}));
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2);
        assert_eq!(
            requests[0].headers.get("authorization").unwrap(),
            &format!("Bearer {SECRET}"),
            "the secret really was sent"
        );

        // A connection failure is retried too, logging its error.
        let server = RawServer::start(vec![Reply::Reset, ok_json()]).await;
        get(&secret_core(&server.url)).await.unwrap();
    });

    let captured = capture.0.lock().unwrap();
    let spans: Vec<_> = captured
        .spans
        .iter()
        .filter(|span| span.name == "http.request")
        .collect();
    assert_eq!(
        spans.len(),
        4,
        "one span per attempt: {:#?}",
        captured.spans
    );
    let summary: Vec<_> = spans
        .iter()
        .map(|span| {
            (
                span.field("method").unwrap().to_owned(),
                span.field("path").unwrap().to_owned(),
                span.field("attempt").unwrap().to_owned(),
                span.field("status").map(str::to_owned),
            )
        })
        .collect();
    let expected = |attempt: &str, status: Option<&str>| {
        (
            "GET".to_owned(),
            "/things".to_owned(),
            attempt.to_owned(),
            status.map(str::to_owned),
        )
    };
    assert_eq!(
        summary,
        [
            expected("0", Some("500")),
            expected("1", Some("200")),
            expected("0", None),
            expected("1", Some("200")),
        ]
    );
    let retry_events = captured
        .text
        .iter()
        .filter(|line| line.starts_with("event") && line.contains("retrying"))
        .count();
    assert_eq!(retry_events, 2, "{:#?}", captured.text);
    for line in &captured.text {
        assert!(!line.contains(SECRET), "secret leaked into tracing: {line}");
    }
}

#[test]
fn errors_never_contain_the_api_key() {
    let capture = Capture::default();
    with_capture(&capture, async {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(401)
                    .insert_header("x-request-id", "req_1")
                    .set_body_string(r#"{"error":{"message":"invalid api key","type":"auth"}}"#),
            )
            .mount(&server)
            .await;
        let err = get(&secret_core(&server.uri())).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
        let shown = [format!("{err:?}"), err.to_string(), format!("{err:#?}")];
        for text in &shown {
            assert!(!text.contains(SECRET), "secret leaked: {text}");
        }
        assert!(shown[1].contains("invalid api key"), "{}", shown[1]);

        // A connection error (whose `reqwest::Error` knows the request) too.
        let server = RawServer::start(vec![Reply::Reset]).await;
        let err = get(&secret_core(&server.url)).await.unwrap_err();
        assert!(matches!(err, Error::Connection(_)), "{err:?}");
        for text in [format!("{err:?}"), err.to_string()] {
            assert!(!text.contains(SECRET), "secret leaked: {text}");
        }
    });
    for line in &capture.0.lock().unwrap().text {
        assert!(!line.contains(SECRET), "secret leaked into tracing: {line}");
    }
}
