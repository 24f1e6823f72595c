//! Behaviour of the crate generated from review_pagination.yaml: a paged operation with path
//! parameters streams every page with the same path; a required cursor or a body means no
//! stream (only `list_all` exists, checked by compiling the call below).

mod support;

use corpus_review_pagination::models::ListThingsParams;
use corpus_review_pagination::runtime::futures_util::StreamExt;
use serde_json::json;
use support::client;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_stream_passes_path_parameters_to_every_page() {
    let server = MockServer::start().await;
    let things = "/orgs/o%2F1/teams/7/pages/p1/things";
    Mock::given(method("GET"))
        .and(path(things))
        .and(query_param_is_missing("after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": ["a", "b"],
            "page_info": {"end_cursor": "c1", "has_next_page": true}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(things))
        .and(query_param("after", "c1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": ["c"],
            "page_info": {"end_cursor": null, "has_next_page": false}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let params = ListThingsParams::default();
    let items: Vec<String> = client
        .things()
        .list_all("o/1", 7, "p1", &params)
        .map(|item| item.expect("every page decodes"))
        .collect()
        .await;
    assert_eq!(items, ["a", "b", "c"]);
}
