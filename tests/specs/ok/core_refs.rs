//! Behaviour of the crate generated from core_refs.yaml: parameters, request bodies and
//! responses reached through `$ref` (and a schema alias chain) behave like inline ones.

mod support;

use corpus_core_refs::models::{GetNoteParams, Note};
use serde_json::json;
use support::*;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn referenced_parameters_and_response_decode() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/notes/n-1"))
        .and(query_param("verbose", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "n-1",
            "text": "hello",
            "author": { "name": "Ada" }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let params = GetNoteParams {
        verbose: Some(true),
    };
    let note = client(&server)
        .notes()
        .get(&"n-1".to_owned(), &params)
        .await
        .expect("200 decodes as Note");
    assert_eq!(note.id, "n-1");
    assert_eq!(note.text, "hello");
    assert_eq!(note.author.expect("author present").name, "Ada");
}

#[tokio::test]
async fn referenced_request_body_is_sent_as_json() {
    let server = MockServer::start().await;
    let sent = json!({ "id": "n-2", "text": "changed" });
    Mock::given(method("PUT"))
        .and(path("/notes/n-2"))
        .and(body_json(&sent))
        .respond_with(ResponseTemplate::new(200).set_body_json(&sent))
        .expect(1)
        .mount(&server)
        .await;
    let body = Note::new("n-2", "changed");
    let back = client(&server)
        .notes()
        .replace(&"n-2".to_owned(), &body)
        .await
        .expect("200 decodes");
    assert_eq!(back.text, "changed");
    assert!(back.author.is_none());
}

#[tokio::test]
async fn referenced_error_response_decodes_into_the_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/notes/missing"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({ "message": "no such note" })),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .notes()
        .get(&"missing".to_owned(), &GetNoteParams::default())
        .await
        .expect_err("404 is an error");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let api = err.into_api().expect("an API error");
    assert_eq!(
        api.body.expect("body decodes as Problem").message,
        "no such note"
    );
}
