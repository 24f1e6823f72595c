//! Sequential bodies read as streams of typed items (`sequence::stream`).

mod common;

use std::time::Duration;

use common::{get, serve};
use openapi_runtime::{sequence, Error, ItemStream, Sequence};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::ResponseTemplate;

#[derive(Debug, PartialEq, Deserialize)]
struct Event {
    data: String,
    event: Option<String>,
    id: Option<String>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Row {
    n: i64,
}

/// Every item of `stream`, at most 100.
async fn all<T>(mut stream: ItemStream<T>) -> Vec<Result<T, Error>> {
    let mut items = Vec::new();
    while let Some(item) = stream.next().await {
        items.push(item);
        assert!(items.len() <= 100, "the stream ends");
    }
    items
}

#[tokio::test]
async fn server_sent_events_are_typed_items() {
    let body = "event: greet\ndata: hello\ndata: world\nid: 1\n\n: keep-alive\n\ndata: bye\n\n";
    let server = serve(
        ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/event-stream"),
    )
    .await;
    let core = common::core(&server.uri());
    let items: Vec<Event> = all(sequence::stream(
        &core,
        get("/events"),
        Sequence::ServerSentEvents,
    ))
    .await
    .into_iter()
    .map(|i| i.expect("decodes"))
    .collect();
    assert_eq!(
        items,
        [
            Event {
                data: "hello\nworld".into(),
                event: Some("greet".into()),
                id: Some("1".into())
            },
            Event {
                data: "bye".into(),
                event: None,
                id: Some("1".into())
            },
        ]
    );
}

#[tokio::test]
async fn an_item_that_does_not_decode_ends_the_stream_with_a_decode_error() {
    let body = "{\"n\": 1}\n{\"n\": \"two\"}\n{\"n\": 3}\n";
    let server = serve(ResponseTemplate::new(200).set_body_string(body)).await;
    let core = common::core(&server.uri());
    let items = all(sequence::stream::<Row, _>(
        &core,
        get("/rows"),
        Sequence::JsonLines,
    ))
    .await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().ok(), Some(&Row { n: 1 }));
    match &items[1] {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(path, "n");
            assert!(message.starts_with("item 1: "), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_item_longer_than_the_response_limit_is_an_error() {
    let long = format!("{{\"n\": 1, \"pad\": \"{}\"}}\n", "x".repeat(200));
    let body = format!("{{\"n\": 0}}\n{long}");
    let server = serve(ResponseTemplate::new(200).set_body_string(body)).await;
    let core = common::builder(&server.uri())
        .max_response_bytes(100)
        .build()
        .expect("builds")
        .core;
    let items = all(sequence::stream::<Row, _>(
        &core,
        get("/rows"),
        Sequence::JsonSeq,
    ))
    .await;
    // No record separator: the text is not a JSON text sequence at all.
    assert!(
        matches!(
            &items[..],
            [Err(
                Error::ItemTooLarge { limit: 100 } | Error::Decode { .. }
            )]
        ),
        "{items:?}"
    );
    let lines = all(sequence::stream::<Row, _>(
        &core,
        get("/rows"),
        Sequence::JsonLines,
    ))
    .await;
    assert!(
        matches!(
            &lines[..],
            [Ok(Row { n: 0 }), Err(Error::ItemTooLarge { limit: 100 })]
        ),
        "{lines:?}"
    );
}

#[tokio::test]
async fn an_error_status_is_an_api_error() {
    let server = serve(ResponseTemplate::new(404).set_body_string("{\"message\": \"gone\"}")).await;
    let core = common::builder(&server.uri())
        .max_retries(0)
        .build()
        .expect("builds")
        .core;
    let items = all(sequence::stream::<Row, _>(
        &core,
        get("/rows"),
        Sequence::JsonLines,
    ))
    .await;
    assert!(
        matches!(&items[..], [Err(e)] if e.status().map(|s| s.as_u16()) == Some(404)),
        "{items:?}"
    );
}

/// A server on 127.0.0.1 that answers one request with a chunked body written in `parts`, the
/// last one only after `release` fires.
async fn chunked_server(
    parts: Vec<&'static str>,
    release: tokio::sync::oneshot::Receiver<()>,
) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accepts");
        let mut request = vec![0u8; 4096];
        let _ = socket.read(&mut request).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/jsonl\r\ntransfer-encoding: chunked\r\n\r\n";
        socket.write_all(head.as_bytes()).await.expect("writes");
        let (last, first) = parts.split_last().expect("parts");
        for part in first {
            let chunk = format!("{:x}\r\n{part}\r\n", part.len());
            socket.write_all(chunk.as_bytes()).await.expect("writes");
            socket.flush().await.expect("flushes");
        }
        let _ = release.await;
        let chunk = format!("{:x}\r\n{last}\r\n0\r\n\r\n", last.len());
        let _ = socket.write_all(chunk.as_bytes()).await;
    });
    url
}

#[tokio::test]
async fn items_arrive_before_the_body_ends() {
    let (release, wait) = tokio::sync::oneshot::channel();
    let url = chunked_server(vec!["{\"n\"", ": 1}\n{\"n\": 2", "}\n{\"n\": 3}\n"], wait).await;
    let core = common::core(&url);
    let mut stream =
        sequence::stream::<Row, serde_json::Value>(&core, get("/rows"), Sequence::JsonLines);
    let within = Duration::from_secs(5);
    let first = tokio::time::timeout(within, stream.next())
        .await
        .expect("in time");
    assert_eq!(first.map(Result::ok), Some(Some(Row { n: 1 })));
    // The second item is cut across chunks; the third is sent only after this.
    release.send(()).expect("server waits");
    let rest: Vec<i64> = tokio::time::timeout(within, all(stream))
        .await
        .expect("in time")
        .into_iter()
        .map(|r| r.expect("decodes").n)
        .collect();
    assert_eq!(rest, [2, 3]);
}
