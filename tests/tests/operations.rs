//! Every operation against an in-process mock server on 127.0.0.1: method, path, query, headers,
//! body, and the decoded response; error statuses give the typed error with the parsed body.

use serde_json::json;
use whop_products::models::{
    CreateProductRequest, ListProductsParams, ProductType, UpdateProductRequest, VisibilityFilter,
};
use whop_products::{Client, Error, Nullable, API_VERSION};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const PRODUCT: &str = include_str!("../fixtures/seed001_product_object.json");
const KEY: &str = "sk_test_123";

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds");
    (server, client)
}

/// The headers every request carries.
fn common_headers(m: wiremock::MockBuilder) -> wiremock::MockBuilder {
    m.and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("api-version-date", API_VERSION))
        .and(header(
            "user-agent",
            concat!("whop-products/", env!("CARGO_PKG_VERSION")),
        ))
}

fn product_response() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(PRODUCT, "application/json")
}

/// Every query pair of a request, in order.
fn query_pairs(req: &Request) -> Vec<(String, String)> {
    req.url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn create_posts_the_json_body() {
    let (server, client) = setup().await;
    common_headers(Mock::given(method("POST")).and(path("/products")))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"company_id": "biz_1", "title": "Pickaxe Analytics"}),
        ))
        .respond_with(product_response())
        .expect(1)
        .mount(&server)
        .await;

    let body = CreateProductRequest::new("biz_1", "Pickaxe Analytics");
    let product = client.products().create(&body).await.expect("created");
    assert_eq!(product.id, "prod_xxxxxxxxxxxxx");
}

#[tokio::test]
async fn retrieve_gets_one_product() {
    let (server, client) = setup().await;
    common_headers(Mock::given(method("GET")).and(path("/products/prod_123")))
        .respond_with(product_response())
        .expect(1)
        .mount(&server)
        .await;

    let product = client
        .products()
        .retrieve("prod_123")
        .await
        .expect("retrieved");
    assert_eq!(product.title.as_deref(), Some("Pickaxe Analytics"));
}

#[tokio::test]
async fn retrieve_encodes_the_id_as_one_path_segment() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(product_response())
        .mount(&server)
        .await;

    client
        .products()
        .retrieve("../x?y#z")
        .await
        .expect("retrieved");
    let received = server.received_requests().await.expect("recording on");
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].url.path(), "/products/..%2Fx%3Fy%23z");
    assert_eq!(received[0].url.query(), None);
}

#[tokio::test]
async fn update_patches_with_explicit_nulls() {
    let (server, client) = setup().await;
    common_headers(Mock::given(method("PATCH")).and(path("/products/prod_123")))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"headline": null, "title": "Renamed"})))
        .respond_with(product_response())
        .expect(1)
        .mount(&server)
        .await;

    let body = UpdateProductRequest {
        headline: Nullable::Null,
        title: Nullable::Value("Renamed".into()),
        ..Default::default()
    };
    let product = client
        .products()
        .update("prod_123", &body)
        .await
        .expect("updated");
    assert_eq!(product.id, "prod_xxxxxxxxxxxxx");
}

#[tokio::test]
async fn list_sends_every_query_parameter_and_decodes_the_page() {
    let (server, client) = setup().await;
    let page = json!({
        "data": [{
            "id": "prod_1", "created_at": "2023-12-01T05:00:00.401Z", "updated_at": 1701406800,
            "external_identifier": null, "headline": null, "member_count": 3,
            "published_reviews_count": 0, "route": "one", "title": "One", "verified": false,
            "visibility": "visible"
        }],
        "page_info": {"end_cursor": "c2", "start_cursor": "c1", "has_next_page": true, "has_previous_page": false}
    });
    common_headers(Mock::given(method("GET")).and(path("/products")))
        .respond_with(ResponseTemplate::new(200).set_body_json(&page))
        .expect(1)
        .mount(&server)
        .await;

    let params = ListProductsParams {
        first: Some(10),
        after: Some("c0".into()),
        product_types: vec![ProductType::Regular, ProductType::App],
        visibilities: vec![VisibilityFilter::Visible, VisibilityFilter::NotArchived],
        ..ListProductsParams::new("biz_1")
    };
    let result = client.products().list(&params).await.expect("listed");
    assert_eq!(result.data.len(), 1);
    assert_eq!(result.data[0].id, "prod_1");
    assert_eq!(result.page_info.end_cursor.as_deref(), Some("c2"));
    assert!(result.page_info.has_next_page);

    let received = server.received_requests().await.expect("recording on");
    let pairs = query_pairs(&received[0]);
    let expected: Vec<(String, String)> = [
        ("company_id", "biz_1"),
        ("after", "c0"),
        ("first", "10"),
        ("product_types[]", "regular"),
        ("product_types[]", "app"),
        ("visibilities[]", "visible"),
        ("visibilities[]", "not_archived"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn delete_decodes_a_bare_boolean() {
    let (server, client) = setup().await;
    common_headers(Mock::given(method("DELETE")).and(path("/products/prod_123")))
        .respond_with(ResponseTemplate::new(200).set_body_raw("true", "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let deleted = client.products().delete("prod_123").await.expect("deleted");
    assert!(deleted);
}

#[tokio::test]
async fn an_error_status_gives_the_typed_error_with_its_body() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/products/prod_missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": {"type": "not_found", "message": "No product with id prod_missing was found."}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let err = client
        .products()
        .retrieve("prod_missing")
        .await
        .expect_err("404");
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}");
    };
    assert_eq!(api.status.as_u16(), 404);
    let body = api.body.as_ref().expect("error body parsed");
    assert_eq!(body.error.r#type, "not_found");
    assert_eq!(
        body.error.message,
        "No product with id prod_missing was found."
    );
    assert!(
        err.to_string()
            .contains("No product with id prod_missing was found."),
        "{err}"
    );
}

/// What a caller matches an error on comes from the crate root, and the accessors read the
/// server's message, error type and request id without going through the parsed body.
#[tokio::test]
async fn errors_are_matched_with_root_reexports_and_accessors() {
    use whop_products::{ApiErrorKind, HeaderMap, StatusCode};

    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/products/prod_missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "req_404")
                .set_body_json(json!({
                    "error": {"type": "not_found", "message": "No product with id prod_missing was found."}
                })),
        )
        .expect(1)
        .mount(&server)
        .await;

    let err = client
        .products()
        .retrieve("prod_missing")
        .await
        .expect_err("404");
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    let api = match &err {
        Error::Api(api) if api.kind() == ApiErrorKind::NotFound => api,
        other => panic!("expected a 404 API error, got {other:?}"),
    };
    assert_eq!(
        api.message().as_deref(),
        Some("No product with id prod_missing was found.")
    );
    assert_eq!(api.code().as_deref(), Some("not_found"));
    assert_eq!(api.request_id(), Some("req_404"));
    let headers: &HeaderMap = &api.headers;
    assert_eq!(headers["x-request-id"], "req_404");
}

#[tokio::test]
async fn send_with_response_exposes_status_and_headers() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(product_response().insert_header("x-request-id", "req_1"))
        .mount(&server)
        .await;

    let response = client
        .products()
        .retrieve("prod_123")
        .send_with_response()
        .await
        .expect("retrieved");
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.headers["x-request-id"], "req_1");
    assert_eq!(response.value.id, "prod_xxxxxxxxxxxxx");
}

/// `total_timeout` bounds a call with all its retries: a server that keeps answering 503 slowly
/// ends the call at the deadline, long before the retries run out.
#[tokio::test]
async fn total_timeout_ends_a_call_that_keeps_being_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after-ms", "1")
                .set_delay(std::time::Duration::from_millis(100)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(50)
        .build()
        .expect("client builds");

    let call = client
        .products()
        .retrieve("prod_123")
        .total_timeout(std::time::Duration::from_millis(400));
    let err = tokio::time::timeout(std::time::Duration::from_secs(15), call)
        .await
        .expect("the call ends")
        .expect_err("503 until the deadline");
    assert!(matches!(err, Error::TotalTimeout { .. }), "{err:?}");
    assert!(err.is_timeout());
    let requests = server
        .received_requests()
        .await
        .expect("recording on")
        .len();
    // Each answer takes at least 100 ms: at most 4 fit in 400 ms, plus one under way.
    assert!(requests <= 5, "{requests} requests");
}
