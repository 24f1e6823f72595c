//! Behaviour of the crate generated from v32_streams.yaml: responses with an OpenAPI 3.2
//! `itemSchema` are streams of typed items (Server-Sent Events, JSON Lines, JSON text sequences).

mod support;

use corpus_v32_streams::models::{ExportRecordsRequest, Row, WatchEventsItem, WatchEventsParams};
use corpus_v32_streams::ApiStream;
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server on 127.0.0.1 answering `verb path` with 200, `content_type` and `body`.
async fn stream_server(verb: &str, at: &str, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .mount(&server)
        .await;
    server
}

/// Every item of `stream`, failing on the first error; at most 100.
async fn items<T>(mut stream: ApiStream<T>) -> Vec<T> {
    let mut out = Vec::new();
    while let Some(item) = stream.next().await {
        out.push(item.expect("item decodes"));
        assert!(out.len() <= 100, "the stream ends");
    }
    out
}

#[tokio::test]
async fn server_sent_events_are_items() {
    let body = "retry: 3000\nevent: created\nid: 41\ndata: {\"n\": 1}\n\n: ping\n\ndata: line one\ndata: line two\n\n";
    let server = stream_server("GET", "/events", "text/event-stream", body).await;
    let events: Vec<WatchEventsItem> = items(
        client(&server)
            .events()
            .watch(&WatchEventsParams::new("pets")),
    )
    .await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].event.as_deref(), Some("created"));
    assert_eq!(events[0].data, "{\"n\": 1}");
    assert_eq!(events[0].id.as_deref(), Some("41"));
    assert_eq!(events[0].retry, Some(3000));
    assert_eq!(events[1].data, "line one\nline two");
    assert_eq!(events[1].event, None);
    assert_eq!(events[1].retry, None);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("topic=pets"));
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("text/event-stream")
    );
}

#[tokio::test]
async fn json_lines_are_rows() {
    let body = "{\"n\": 1, \"name\": \"a\"}\n\n{\"n\": 2, \"name\": null}\n";
    let server = stream_server("GET", "/rows", "application/jsonl", body).await;
    let rows: Vec<Row> = items(client(&server).rows().export()).await;
    assert_eq!(rows.iter().map(|r| r.n).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(rows[0].name.as_deref(), Some("a"));
    assert_eq!(rows[1].name, None);
}

#[tokio::test]
async fn a_json_text_sequence_is_rows_and_the_body_is_sent() {
    let body = "\u{1e}{\"n\": 7, \"name\": \"x\"}\n\u{1e}{\"n\": 8, \"name\": \"y\"}\n";
    let server = stream_server("POST", "/records", "application/json-seq", body).await;
    let since = ExportRecordsRequest { since: Some(5) };
    let rows: Vec<Row> = items(client(&server).rows().export_records(&since)).await;
    assert_eq!(rows.iter().map(|r| r.n).collect::<Vec<_>>(), [7, 8]);
    let request = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(sent, serde_json::json!({"since": 5}));
}

#[tokio::test]
async fn a_row_that_does_not_decode_ends_the_stream_with_an_error() {
    let body = "{\"n\": 1, \"name\": \"a\"}\n{\"n\": \"two\", \"name\": \"b\"}\n{\"n\": 3, \"name\": \"c\"}\n";
    let server = stream_server("GET", "/rows", "application/jsonl", body).await;
    let mut stream = client(&server).rows().export();
    assert_eq!(stream.next().await.expect("one").expect("decodes").n, 1);
    let err = stream
        .next()
        .await
        .expect("two")
        .expect_err("does not decode");
    assert!(err.to_string().contains("item 1"), "{err}");
    assert!(
        stream.next().await.is_none(),
        "the stream ends after an error"
    );
}

#[tokio::test]
async fn an_error_status_is_the_only_item() {
    let server = serve(500, "{\"message\": \"down\"}").await;
    let mut stream = client(&server).rows().export();
    let err = stream.next().await.expect("an item").expect_err("an error");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert!(stream.next().await.is_none());
}
