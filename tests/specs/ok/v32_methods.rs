//! Behaviour of the crate generated from v32_methods.yaml: the OpenAPI 3.2 `query` method and
//! `additionalOperations` (`LINK`, `PURGE`) are operations sent with their own method.

mod support;

use corpus_v32_methods::models::{LinkDocumentParams, QueryDocumentRequest};
use corpus_v32_methods::runtime::Nullable;
use support::*;

#[tokio::test]
async fn query_sends_its_method_path_and_body() {
    let server = serve(200, r#"["line 1", "line 4"]"#).await;
    let mut body = QueryDocumentRequest::new("needle");
    body.limit = Nullable::Value(2);
    let lines = client(&server)
        .documents()
        .query("doc 1", &body)
        .await
        .expect("decodes");
    assert_eq!(lines, ["line 1", "line 4"]);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "QUERY");
    assert_eq!(request.url.path(), "/documents/doc%201");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(sent, serde_json::json!({"text": "needle", "limit": 2}));
}

#[tokio::test]
async fn additional_operations_send_their_method_by_name() {
    let server = serve(204, "").await;
    let client = client(&server);
    client
        .documents()
        .link("d", &LinkDocumentParams::new("parent"))
        .await
        .expect("linked");
    client.documents().purge("d").await.expect("purged");
    let sent = requests(&server).await;
    let seen: Vec<(&str, &str, Option<&str>)> = sent
        .iter()
        .map(|r| (r.method.as_str(), r.url.path(), r.url.query()))
        .collect();
    assert_eq!(
        seen,
        [
            ("LINK", "/documents/d", Some("rel=parent")),
            ("PURGE", "/documents/d", None)
        ]
    );
}
