//! Behaviour of the crate generated from core_json.json: a JSON spec goes through the same
//! pipeline as YAML.

use corpus_core_json::models::GetItemParams;
use corpus_core_json::{client, Client, Nullable};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[test]
fn servers_and_version_come_from_the_json_spec() {
    assert_eq!(client::servers::PRODUCTION, "https://json.example.test/api");
    assert_eq!(client::API_VERSION, "2.1");
}

#[tokio::test]
async fn an_operation_from_a_json_spec_works() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/5"))
        .and(query_param("expand", "a"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 5,
            "tags": ["x"],
            "price": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds");
    let params = GetItemParams {
        expand: vec!["a".into(), "b".into()],
    };
    let item = client.items().get(5, &params).await.expect("200 decodes");
    assert_eq!(item.id, 5);
    assert_eq!(item.tags, ["x"]);
    assert_eq!(item.price, Nullable::Null);
    let requests: Vec<Request> = server.received_requests().await.expect("recorded");
    assert_eq!(requests[0].url.query(), Some("expand=a&expand=b"));
}
