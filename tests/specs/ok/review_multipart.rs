//! Behaviour of the crate generated from review_multipart.yaml: a type sent as a JSON part is a
//! request type (its read-only field is not sent) and its limits are checked before sending.

mod support;

use corpus_review_multipart::models::{Meta, UploadRequest};
use corpus_review_multipart::runtime::FilePart;
use corpus_review_multipart::{Client, Error};
use support::{client, only_request, requests};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/uploads"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    (server, client)
}

#[tokio::test]
async fn a_json_part_leaves_out_its_read_only_field() {
    let (server, client) = setup().await;
    let mut meta = Meta::new("abc");
    meta.id = Some("server-id".into());
    let form = UploadRequest::new(FilePart::new(b"x".to_vec()), meta);
    client.uploads().upload(&form).await.expect("204");
    let request = only_request(&server).await;
    let body = String::from_utf8_lossy(&request.body).into_owned();
    assert!(body.contains(r#"{"name":"abc"}"#), "{body}");
    assert!(!body.contains("server-id"), "{body}");
}

#[tokio::test]
async fn limits_of_json_parts_are_checked_before_sending() {
    let (server, client) = setup().await;
    let mut form = UploadRequest::new(FilePart::new(b"x".to_vec()), Meta::new("ok"));
    form.extra = Some(vec![Meta::new("too long")]);
    let err = client.uploads().upload(&form).await.expect_err("refused");
    match err {
        Error::Validation { field, .. } => {
            assert_eq!(field, "extra[0].name")
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(requests(&server).await.is_empty(), "nothing is sent");
}

#[tokio::test]
async fn limits_of_text_parts_are_checked_before_sending() {
    let (server, client) = setup().await;
    let mut form = UploadRequest::new(FilePart::new(b"x".to_vec()), Meta::new("ok"));
    form.title = Some("abc".into());
    client
        .uploads()
        .upload(&form)
        .await
        .expect("within the limit");
    form.title = Some("abcd".into());
    let err = client.uploads().upload(&form).await.expect_err("refused");
    match err {
        Error::Validation { field, message } => {
            assert_eq!(field, "title");
            assert!(message.contains("at most 3"), "{message}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(
        requests(&server).await.len(),
        1,
        "only the valid form is sent"
    );
}
