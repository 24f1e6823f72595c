//! The blocking client (feature `blocking`) from plain `#[test]`s, with no async runtime on the
//! test's thread: the same requests, retries, validation, errors and pagination as the async
//! client. The mock server on 127.0.0.1 runs on a runtime of its own, which the test thread only
//! enters to set it up and to read what it received.

use serde_json::json;
use whop_products::blocking::Client;
use whop_products::models::{CreateProductRequest, ListProductsParams};
use whop_products::{ApiErrorKind, Error, TryStreamExt, API_VERSION};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const PRODUCT: &str = include_str!("../fixtures/seed001_product_object.json");

/// A mock server, served by a runtime that lives as long as it does.
struct Server {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
}

impl Server {
    fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime.block_on(MockServer::start());
        Self { runtime, server }
    }

    fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    fn received(&self) -> Vec<Request> {
        self.runtime
            .block_on(self.server.received_requests())
            .unwrap()
    }

    fn client(&self, max_retries: u32) -> Client {
        Client::builder()
            .api_key("sk_test")
            .base_url(self.server.uri())
            .max_retries(max_retries)
            .build()
            .expect("client builds")
    }
}

fn item(id: &str) -> serde_json::Value {
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

fn list_page(after: Option<&str>, response: ResponseTemplate) -> Mock {
    let m = Mock::given(method("GET")).and(path("/products"));
    let m = match after {
        Some(c) => m.and(query_param("after", c)),
        None => m.and(query_param_is_missing("after")),
    };
    m.respond_with(response).expect(1)
}

#[test]
fn a_call_retries_and_decodes_like_the_async_client() {
    let server = Server::start();
    server.mount(
        Mock::given(method("GET"))
            .and(path("/products/prod_1"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "1"))
            .up_to_n_times(1)
            .expect(1),
    );
    server.mount(
        Mock::given(method("GET"))
            .and(path("/products/prod_1"))
            .and(header("api-version-date", API_VERSION))
            .respond_with(ResponseTemplate::new(200).set_body_raw(PRODUCT, "application/json"))
            .expect(1),
    );
    let client = server.client(2);
    let response = client
        .products()
        .retrieve("prod_1")
        .header("x-trace", "t-1")
        .send_with_response()
        .expect("the retry succeeds");
    assert_eq!(response.status.as_u16(), 200);
    assert!(response.value.id.starts_with("prod_"));
    let received = server.received();
    let retries: Vec<_> = received
        .iter()
        .map(|r| {
            r.headers
                .get("x-retry-count")
                .map(|v| v.to_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(retries, [Some("0".to_owned()), Some("1".to_owned())]);
    assert!(received.iter().all(|r| r.headers["x-trace"] == "t-1"));
}

#[test]
fn errors_are_the_same_typed_errors() {
    let server = Server::start();
    server.mount(
        Mock::given(method("DELETE"))
            .and(path("/products/prod_gone"))
            .respond_with(ResponseTemplate::new(404).set_body_json(
                json!({"error": {"type": "not_found", "message": "no such product"}}),
            ))
            .expect(1),
    );
    // `whop_products::Error`: the blocking client's errors are the async client's.
    let err: Error = server
        .client(2)
        .products()
        .delete("prod_gone")
        .send()
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::NotFound);
    assert_eq!(api.message().as_deref(), Some("no such product"));
}

#[test]
fn validation_refuses_before_sending() {
    let server = Server::start();
    let body = CreateProductRequest::new("biz_1", "x".repeat(41));
    let err = server
        .client(0)
        .products()
        .create(&body)
        .send()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation { field, .. } if field == "title"),
        "{err:?}"
    );
    assert!(server.received().is_empty(), "nothing was sent");
}

#[test]
fn a_create_sends_its_body_and_idempotency_key() {
    let server = Server::start();
    server.mount(
        Mock::given(method("POST"))
            .and(path("/products"))
            .and(header("idempotency-key", "key-1"))
            .and(body_json(
                json!({"company_id": "biz_1", "title": "Pickaxe"}),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_raw(PRODUCT, "application/json"))
            .expect(1),
    );
    let body = CreateProductRequest::new("biz_1", "Pickaxe");
    let product = server
        .client(0)
        .products()
        .create(&body)
        .idempotency_key("key-1")
        .send()
        .expect("created");
    assert!(product.id.starts_with("prod_"));
}

#[test]
fn list_all_is_an_iterator_across_pages() {
    let server = Server::start();
    server.mount(list_page(None, page(&["a", "b"], Some("c1"), true)));
    server.mount(list_page(Some("c1"), page(&["c"], None, false)));
    let items = server
        .client(0)
        .products()
        .list_all(&ListProductsParams::new("biz_1"));
    let ids: Vec<String> = items.map(|item| item.expect("page fetched").id).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
fn collect_all_keeps_its_bound() {
    let server = Server::start();
    server.mount(list_page(None, page(&["a", "b"], Some("c1"), true)));
    server.mount(list_page(Some("c1"), page(&["c"], None, false)));
    let client = server.client(0);
    let params = ListProductsParams::new("biz_1");
    let err = client
        .products()
        .list_all(&params)
        .collect_all(2)
        .unwrap_err();
    assert!(matches!(err, Error::TooManyItems { limit: 2 }), "{err:?}");
}

#[test]
fn clones_call_from_several_threads_and_drop_anywhere() {
    let server = Server::start();
    server.mount(
        Mock::given(method("DELETE"))
            .respond_with(ResponseTemplate::new(200).set_body_json(true))
            .expect(4),
    );
    let client = server.client(0);
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let client = client.clone();
            std::thread::spawn(move || client.products().delete(&format!("prod_{i}")).send())
        })
        .collect();
    for thread in threads {
        assert!(thread.join().unwrap().expect("deleted"));
    }
    // The last clone dropped inside async code shuts its runtime down without panicking.
    server.runtime.block_on(async move { drop(client) });
}

#[test]
fn the_async_client_inside_runs_on_the_same_runtime() {
    let server = Server::start();
    server.mount(list_page(None, page(&["a", "b"], Some("c1"), true)));
    server.mount(list_page(Some("c1"), page(&["c"], None, false)));
    let client = server.client(0);
    let params = ListProductsParams::new("biz_1");
    // What only the async API offers (stream combinators), run on the blocking client's runtime.
    let titles: Vec<String> = client
        .runtime()
        .block_on(
            client
                .async_client()
                .products()
                .list_all(&params)
                .map_ok(|item| item.title)
                .try_collect(),
        )
        .expect("pages fetched");
    assert_eq!(titles, ["a", "b", "c"]);
}
