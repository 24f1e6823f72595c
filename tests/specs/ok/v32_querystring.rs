//! Behaviour of the crate generated from v32_querystring.yaml: OpenAPI 3.2 `in: querystring`
//! parameters write the whole query string, as a form or as percent-encoded JSON.

mod support;

use corpus_v32_querystring::models::{FindJson, FindParams, SearchFilter, SearchParams};
use corpus_v32_querystring::runtime::Nullable;
use support::*;

#[tokio::test]
async fn a_form_query_string_is_written_from_the_object() {
    let server = serve(204, "").await;
    let filter = SearchFilter {
        foo: "a + b".into(),
        bar: Some(true),
        tags: Some(vec!["x".into(), "y".into()]),
    };
    let mut params = SearchParams::new(filter);
    params.x_trace = Some("t1".into());
    client(&server)
        .search()
        .search(&params)
        .await
        .expect("sent");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/search");
    assert_eq!(
        request.url.query(),
        Some("bar=true&foo=a+%2B+b&tags=x&tags=y")
    );
    assert_eq!(header(&request, "x-trace").as_deref(), Some("t1"));
}

#[tokio::test]
async fn a_json_query_string_is_the_encoded_json_text() {
    let server = serve(204, "").await;
    let client = client(&server);
    let params = FindParams {
        json: Some(FindJson {
            numbers: Some(vec![1, 2]),
            flag: Nullable::Null,
        }),
    };
    client.search().find(&params).await.expect("sent");
    client
        .search()
        .find(&FindParams { json: None })
        .await
        .expect("sent");
    let sent = requests(&server).await;
    let queries: Vec<Option<&str>> = sent.iter().map(|r| r.url.query()).collect();
    assert_eq!(
        queries,
        [
            Some("%7B%22numbers%22%3A%5B1%2C2%5D%2C%22flag%22%3Anull%7D"),
            None
        ]
    );
}
