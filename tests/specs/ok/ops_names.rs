//! Behaviour of the crate generated from ops_names.yaml: colliding operation names, keywords and
//! odd parameter names still reach the wire under their spec names.

mod support;

use corpus_ops_names::models::{ListPagesParams, MatchParams};
use corpus_ops_names::runtime::futures_util::StreamExt;
use support::*;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn colliding_names_get_distinct_methods_for_distinct_operations() {
    let server = serve(204, "").await;
    let things = client(&server);
    let things = things.things();
    things.get_a_b().await.expect("204");
    things.get_a_b2().await.expect("204");
    // `listThings` and `list_things` would both be `list`: they keep their full names.
    things.list_things().await.expect("204");
    things.list_things2().await.expect("204");
    client(&server)
        .user_accounts()
        .get_user_accounts_by_id("u1")
        .await
        .expect("204");
    let seen: Vec<(String, String)> = requests(&server)
        .await
        .iter()
        .map(|r| (r.method.to_string(), r.url.path().to_owned()))
        .collect();
    let expected = [
        ("GET", "/a-b"),
        ("GET", "/a_b"),
        ("GET", "/things"),
        ("POST", "/things"),
        ("GET", "/user-accounts/u1"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn keyword_and_odd_parameter_names_keep_their_wire_names() {
    let server = serve(204, "").await;
    let params = MatchParams {
        r#async: Some("yes".into()),
        page_size: Some(20),
        filter_name: Some("n".into()),
        param_2fa: Some(true),
        x_count: Some(1),
        x_count2: Some(2),
        r#fn: Some("f".into()),
    };
    client(&server)
        .things()
        .r#match("t", "r", 3, false, "s", &params)
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/things/t/r/3/false/s");
    assert_eq!(
        request.url.query(),
        Some("async=yes&page.size=20&filter%5Bname%5D=n&2fa=true&x-count=1")
    );
    assert_eq!(request.headers["x-count"], "2");
    assert_eq!(request.headers["fn"], "f");
}

#[tokio::test]
async fn a_stream_method_never_takes_an_operation_name() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pages"))
        .and(query_param_is_missing("after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": ["a", "b"],
            "page_info": {"end_cursor": "c1", "has_next_page": true}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pages"))
        .and(query_param("after", "c1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": ["c"],
            "page_info": {"end_cursor": null, "has_next_page": false}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pages/all"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .pages()
        .list_pages_all()
        .await
        .expect("the operation named listPagesAll");
    let params = ListPagesParams::default();
    let items: Vec<String> = client
        .pages()
        .list_all(&params)
        .map(|item| item.expect("every page decodes"))
        .collect()
        .await;
    assert_eq!(items, ["a", "b", "c"]);
}
