//! Decoding, error reporting, timeouts and body size limits.

mod common;

use std::time::{Duration, Instant};

use common::serve;
use openapi_runtime::reqwest::StatusCode;
use openapi_runtime::{ApiErrorKind, Call, Error, RequestParts};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::ResponseTemplate;

fn get() -> RequestParts {
    common::get("/products/p1")
}

#[derive(Debug, Deserialize, PartialEq)]
struct Product {
    id: String,
    price: u32,
}

#[tokio::test]
async fn decodes_json_and_exposes_status_and_headers() {
    let server = serve(
        ResponseTemplate::new(201)
            .insert_header("x-request-id", "req_1")
            .set_body_string(r#"{"id":"p1","price":5,"extra":true}"#),
    )
    .await;
    let core = common::core(&server.uri());
    let response = Call::<Product>::new(&core, get())
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status, StatusCode::CREATED);
    assert_eq!(response.headers.get("x-request-id").unwrap(), "req_1");
    assert_eq!(
        response.into_value(),
        Product {
            id: "p1".into(),
            price: 5
        }
    );

    let product = Call::<Product>::new(&core, get()).send().await.unwrap();
    assert_eq!(product.price, 5);
}

#[tokio::test]
async fn empty_body_decodes_as_unit_and_none() {
    let server = serve(ResponseTemplate::new(204)).await;
    let core = common::core(&server.uri());
    Call::<()>::new(&core, get()).await.unwrap();
    let nothing: Option<Product> = Call::<Option<Product>>::new(&core, get()).await.unwrap();
    assert_eq!(nothing, None);
}

#[tokio::test]
async fn unit_ignores_an_unexpected_body() {
    let server = serve(ResponseTemplate::new(200).set_body_string(r#"{"deleted":true}"#)).await;
    let core = common::core(&server.uri());
    Call::<()>::new(&core, get()).await.unwrap();
}

#[tokio::test]
async fn invalid_json_on_success_is_a_decode_error_with_path_and_excerpt() {
    let body = r#"{"id":"p1","price":"cheap"}"#;
    let server = serve(ResponseTemplate::new(200).set_body_string(body)).await;
    let core = common::core(&server.uri());
    let err = Call::<Product>::new(&core, get()).await.unwrap_err();
    match &err {
        Error::Decode {
            path,
            message,
            excerpt,
            status,
        } => {
            assert_eq!(path, "price");
            assert!(message.contains("invalid type"), "{message}");
            assert_eq!(excerpt, body);
            assert_eq!(*status, StatusCode::OK);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(err.status(), Some(StatusCode::OK));
    assert!(err.to_string().contains("`price`"), "{err}");

    let long = format!("not json {}", "x".repeat(5000));
    let server = serve(ResponseTemplate::new(200).set_body_string(long)).await;
    let core = common::core(&server.uri());
    match Call::<Product>::new(&core, get()).await.unwrap_err() {
        Error::Decode { excerpt, .. } => {
            assert!(excerpt.starts_with("not json"));
            assert!(excerpt.chars().count() <= 200, "{}", excerpt.len());
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn trailing_garbage_is_a_decode_error() {
    let server =
        serve(ResponseTemplate::new(200).set_body_string(r#"{"id":"p","price":1} x"#)).await;
    let core = common::core(&server.uri());
    let err = Call::<Product>::new(&core, get()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn api_error_message_kind_and_display() {
    let server = serve(
        ResponseTemplate::new(404)
            .insert_header("x-request-id", "req_9")
            .set_body_string(r#"{"error":{"type":"not_found","message":"Product not found"}}"#),
    )
    .await;
    let core = common::core(&server.uri());
    let err = Call::<Product>::new(&core, get()).await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(
        err.to_string(),
        "404 Not Found (not_found): Product not found"
    );
    let api = err.into_api().unwrap();
    assert_eq!(api.kind(), ApiErrorKind::NotFound);
    assert_eq!(api.message().as_deref(), Some("Product not found"));
    assert_eq!(api.code().as_deref(), Some("not_found"));
    assert_eq!(api.request_id(), Some("req_9"));
    assert_eq!(
        api.body.unwrap()["error"]["type"],
        serde_json::json!("not_found")
    );
}

#[derive(Debug, Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Debug, Deserialize)]
struct ErrorDetail {
    message: String,
}

#[tokio::test]
async fn typed_error_bodies_are_parsed_or_left_empty() {
    let server =
        serve(ResponseTemplate::new(422).set_body_string(r#"{"error":{"message":"bad price"}}"#))
            .await;
    let core = common::core(&server.uri());
    let err = Call::<Product, ErrorBody>::new(&core, get())
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.kind(), ApiErrorKind::Unprocessable);
    assert_eq!(api.body.as_ref().unwrap().error.message, "bad price");

    let server = serve(ResponseTemplate::new(400).set_body_string(r#"{"detail":"nope"}"#)).await;
    let core = common::core(&server.uri());
    let err = Call::<Product, ErrorBody>::new(&core, get())
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert!(api.body.is_none());
    assert_eq!(api.raw, r#"{"detail":"nope"}"#);
    assert_eq!(err.to_string(), "400 Bad Request: nope");
}

#[tokio::test]
async fn html_error_page_is_summarised() {
    let page = r#"<!DOCTYPE html>
<html><head><style>body { color: red }</style><title>Service Unavailable</title></head>
<body><h1>Oops</h1><p>The upstream &amp; friends are down.</p><script>var x = "<b>";</script></body></html>"#;
    let server = serve(
        ResponseTemplate::new(502)
            .insert_header("content-type", "text/html")
            .insert_header("x-should-retry", "false")
            .set_body_string(page),
    )
    .await;
    let core = common::core(&server.uri());
    let err = Call::<Product>::new(&core, get()).await.unwrap_err();
    let text = err.to_string();
    assert_eq!(text, "502 Bad Gateway: Service Unavailable");
    assert_eq!(err.api().unwrap().raw, page);

    // Without a title: the visible text, without tags, scripts or styles.
    let page = "<html><body><style>p{}</style><h1>Bad   Gateway</h1>\n<p>nginx</p><script>alert(1)</script></body></html>";
    let server = serve(
        ResponseTemplate::new(502)
            .insert_header("x-should-retry", "false")
            .set_body_string(page),
    )
    .await;
    let core = common::core(&server.uri());
    let text = Call::<Product>::new(&core, get())
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(text, "502 Bad Gateway: Bad Gateway nginx");
}

#[tokio::test]
async fn plain_text_and_empty_error_bodies() {
    let server = serve(ResponseTemplate::new(403).set_body_string("   go\naway  ")).await;
    let core = common::core(&server.uri());
    let err = Call::<Product>::new(&core, get()).await.unwrap_err();
    assert_eq!(err.to_string(), "403 Forbidden: go away");
    assert_eq!(err.api().unwrap().kind(), ApiErrorKind::PermissionDenied);

    let server = serve(ResponseTemplate::new(401)).await;
    let core = common::core(&server.uri());
    let err = Call::<Product>::new(&core, get()).await.unwrap_err();
    assert_eq!(err.to_string(), "401 Unauthorized");
    assert_eq!(err.api().unwrap().kind(), ApiErrorKind::Authentication);
    assert!(err.api().unwrap().body.is_none());
}

#[tokio::test]
async fn slow_responses_time_out() {
    let server = serve(
        ResponseTemplate::new(200)
            .set_body_string("{}")
            .set_delay(Duration::from_millis(1500)),
    )
    .await;
    let core = common::core(&server.uri());
    let started = Instant::now();
    let err = Call::<serde_json::Value>::new(&core, get())
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(err.is_timeout() && err.is_retryable());
    assert!(started.elapsed() < Duration::from_secs(1));

    // Client-wide timeout, with one retry.
    let core = common::builder(&server.uri())
        .timeout(Duration::from_millis(100))
        .max_retries(1)
        .build()
        .unwrap()
        .core;
    let err = Call::<serde_json::Value>::new(&core, get())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn oversized_body_with_content_length_is_refused() {
    let server = serve(ResponseTemplate::new(200).set_body_string("x".repeat(4096))).await;
    let core = common::builder(&server.uri())
        .max_response_bytes(1024)
        .build()
        .unwrap()
        .core;
    let err = Call::<serde_json::Value>::new(&core, get())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 1024 }),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    // Exactly at the limit is fine.
    let body = format!("\"{}\"", "y".repeat(1022));
    let server = serve(ResponseTemplate::new(200).set_body_string(body)).await;
    let core = common::builder(&server.uri())
        .max_response_bytes(1024)
        .build()
        .unwrap()
        .core;
    let value: String = Call::<String>::new(&core, get()).await.unwrap();
    assert_eq!(value.len(), 1022);
}

/// A one-shot HTTP/1.1 server that streams a chunked body of `total` bytes
/// (no Content-Length) in 1 KiB chunks.
async fn chunked_server(total: usize) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let mut request = vec![0u8; 8192];
        let mut read = 0;
        while !request[..read].windows(4).any(|w| w == b"\r\n\r\n") && read < request.len() {
            match socket.read(&mut request[read..]).await {
                Ok(0) | Err(_) => return,
                Ok(n) => read += n,
            }
        }
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b' '; 1024];
        let mut sent = 0;
        while sent < total {
            let size = chunk.len().min(total - sent);
            let frame = [
                format!("{size:X}\r\n").into_bytes(),
                chunk[..size].to_vec(),
                b"\r\n".to_vec(),
            ]
            .concat();
            if socket.write_all(&frame).await.is_err() {
                return;
            }
            sent += size;
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
        let _ = socket.shutdown().await;
    });
    format!("http://{address}")
}

#[tokio::test]
async fn oversized_chunked_body_is_refused_while_streaming() {
    let url = chunked_server(64 * 1024).await;
    let core = common::builder(&url)
        .max_response_bytes(8 * 1024)
        .max_retries(0)
        .build()
        .unwrap()
        .core;
    let err = Call::<serde_json::Value>::new(&core, get())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 8192 }),
        "{err:?}"
    );

    // A chunked body under the limit is read in full (whitespace = null).
    let url = chunked_server(4 * 1024).await;
    let core = common::builder(&url)
        .max_response_bytes(8 * 1024)
        .max_retries(0)
        .build()
        .unwrap()
        .core;
    Call::<()>::new(&core, get()).await.unwrap();
}
