//! Behaviour of the crate generated from core_json.json: a JSON spec goes through the same
//! pipeline as YAML.

mod support;

use corpus_core_json::models::GetItemParams;
use serde_json::json;
use support::*;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn servers_and_version_come_from_the_json_spec() {
    use corpus_core_json::client::{servers, API_VERSION};
    assert_eq!(servers::PRODUCTION, "https://json.example.test/api");
    assert_eq!(API_VERSION, "2.1");
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
    let client = client(&server);
    let params = GetItemParams {
        expand: vec!["a".into(), "b".into()],
    };
    let item = client.items().get(5, &params).await.expect("200 decodes");
    assert_eq!(item.id, 5);
    assert_eq!(item.tags, ["x"]);
    // Received only: a null price is `None`, like an absent one.
    assert_eq!(item.price, None);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("expand=a&expand=b"));
}
