//! `list_all` streams items across pages and stops on the right signals, never looping; the
//! stream owns what it needs (it outlives the client it came from), needs no `pin!` and no import
//! to read, and `collect_all`/`collect_first` collect it in one line, with a bound.

use serde_json::{json, Value};
use whop_products::models::{ListProductsParams, ProductListItem};
use whop_products::{ApiStream, Client, Error, StreamExt};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn item(id: &str) -> Value {
    json!({
        "id": id, "created_at": 1701406800, "updated_at": 1701406800,
        "external_identifier": null, "headline": null, "member_count": 1,
        "published_reviews_count": 0, "route": id, "title": id, "verified": false,
        "visibility": "visible"
    })
}

fn page(ids: &[&str], end_cursor: Option<&str>, has_next: bool) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "data": ids.iter().map(|i| item(i)).collect::<Vec<_>>(),
        "page_info": {"end_cursor": end_cursor, "start_cursor": null,
                      "has_next_page": has_next, "has_previous_page": false}
    }))
}

async fn mount(server: &MockServer, after: Option<&str>, response: ResponseTemplate) {
    let m = Mock::given(method("GET")).and(path("/products"));
    let m = match after {
        Some(c) => m.and(query_param("after", c)),
        None => m.and(query_param_is_missing("after")),
    };
    m.respond_with(response).expect(1).mount(server).await;
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("sk_test")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap()
}

async fn ids(server: &MockServer) -> Vec<String> {
    let client = client(server);
    let params = ListProductsParams::new("biz_1");
    let items: Vec<_> = client
        .products()
        .list_all(&params)
        .take(100)
        .collect()
        .await;
    items
        .into_iter()
        .map(|r| r.expect("page fetched").id)
        .collect()
}

#[tokio::test]
async fn follows_end_cursor_until_has_next_page_is_false() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("c1"), true)).await;
    mount(&server, Some("c1"), page(&["c"], Some("c2"), true)).await;
    mount(&server, Some("c2"), page(&["d"], Some("c3"), false)).await;
    assert_eq!(ids(&server).await, ["a", "b", "c", "d"]);
}

#[tokio::test]
async fn stops_on_a_null_cursor() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], None, true)).await;
    assert_eq!(ids(&server).await, ["a"]);
}

#[tokio::test]
async fn stops_on_an_empty_page() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("c1"), true)).await;
    mount(&server, Some("c1"), page(&[], Some("c2"), true)).await;
    assert_eq!(ids(&server).await, ["a"]);
}

#[tokio::test]
async fn never_requests_a_cursor_it_has_already_seen() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("c1"), true)).await;
    // The server keeps answering with the same cursor: the pager must stop, not loop.
    mount(&server, Some("c1"), page(&["b"], Some("c1"), true)).await;
    assert_eq!(ids(&server).await, ["a", "b"]);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_yielding_it() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("c1"), true)).await;
    mount(
        &server,
        Some("c1"),
        ResponseTemplate::new(404)
            .set_body_json(json!({"error": {"type": "not_found", "message": "gone"}})),
    )
    .await;
    let client = client(&server);
    let results: Vec<_> = client
        .products()
        .list_all(&ListProductsParams::new("biz_1"))
        .take(10)
        .collect()
        .await;
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap().id, "a");
    assert_eq!(
        results[1]
            .as_ref()
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
}

/// A stream made from a client that is then dropped: it must own a clone, not borrow.
fn every_product(server: &MockServer) -> ApiStream<ProductListItem> {
    let client = client(server);
    client
        .products()
        .list_all(&ListProductsParams::new("biz_1"))
}

#[tokio::test]
async fn the_stream_owns_its_client_and_is_read_without_pin_or_imports() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("c1"), true)).await;
    mount(&server, Some("c1"), page(&["c"], None, false)).await;
    let mut items = every_product(&server);
    // Moved to another task (`Send + 'static`) and read there with its own `next`.
    let ids = tokio::spawn(async move {
        let mut ids = Vec::new();
        while let Some(item) = items.next().await {
            ids.push(item.expect("page fetched").id);
        }
        ids
    })
    .await
    .unwrap();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[tokio::test]
async fn collect_all_returns_every_item_within_the_bound() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("c1"), true)).await;
    mount(&server, Some("c1"), page(&["c"], Some("c2"), false)).await;
    let items = every_product(&server).collect_all(3).await.unwrap();
    let ids: Vec<_> = items.into_iter().map(|i| i.id).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[tokio::test]
async fn collect_all_refuses_a_list_longer_than_the_bound() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("c1"), true)).await;
    mount(&server, Some("c1"), page(&["c"], Some("c2"), false)).await;
    let err = every_product(&server).collect_all(2).await.unwrap_err();
    assert!(matches!(err, Error::TooManyItems { limit: 2 }), "{err:?}");
    assert!(err.to_string().contains("more than 2 items"), "{err}");
}

#[tokio::test]
async fn collect_all_fails_with_the_first_page_error() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("c1"), true)).await;
    mount(
        &server,
        Some("c1"),
        ResponseTemplate::new(500)
            .set_body_json(json!({"error": {"type": "server_error", "message": "down"}})),
    )
    .await;
    let err = every_product(&server).collect_all(10).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err:?}");
}

#[tokio::test]
async fn collect_first_stops_at_n_without_fetching_further_pages() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("c1"), true)).await;
    // `mount` expects exactly one request: none may reach the second page.
    Mock::given(method("GET"))
        .and(path("/products"))
        .and(query_param("after", "c1"))
        .respond_with(page(&["c"], None, false))
        .expect(0)
        .mount(&server)
        .await;
    let items = every_product(&server).collect_first(2).await.unwrap();
    let ids: Vec<_> = items.into_iter().map(|i| i.id).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[tokio::test]
async fn collect_first_returns_a_shorter_list_whole() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("c1"), true)).await;
    mount(&server, Some("c1"), page(&["b"], None, false)).await;
    let items = every_product(&server).collect_first(10).await.unwrap();
    assert_eq!(items.len(), 2);
}
