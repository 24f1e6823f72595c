//! Behaviour of the crate generated from review_params.yaml: an optional JSON-encoded list
//! parameter is an `Option` and unset means not sent; a styled optional list stays a `Vec`.

mod support;

use corpus_review_params::models::ListItemsParams;
use support::{client, header, only_request};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn sent(params: &ListItemsParams) -> (Option<String>, Option<String>) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).items().list(params).await.expect("204");
    let request = only_request(&server).await;
    let header = header(&request, "x-tags");
    (request.url.query().map(str::to_owned), header)
}

#[tokio::test]
async fn unset_json_lists_are_not_sent() {
    let (query, header) = sent(&ListItemsParams::default()).await;
    assert_eq!(query, None);
    assert_eq!(header, None);
}

#[tokio::test]
async fn set_json_lists_are_sent_even_when_empty() {
    let params = ListItemsParams {
        filter: Some(vec!["a".into()]),
        x_tags: Some(Vec::new()),
        ids: vec![1, 2],
    };
    let (query, header) = sent(&params).await;
    assert_eq!(query.as_deref(), Some("filter=%5B%22a%22%5D&ids=1&ids=2"));
    assert_eq!(header.as_deref(), Some("[]"));
}
