//! Behaviour of the crate generated from review_names.yaml: tags and schemas named like the
//! runtime items the client uses unqualified (`Core`, `Call`, `Method`, ...) get other names,
//! and their operations still work.

mod support;

use corpus_review_names::models::MethodModel;
use corpus_review_names::CoreApi;
use serde_json::json;
use support::client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_tag_named_core_gets_its_own_resource_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/core"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "name": "n" })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let api: CoreApi<'_> = client.core2();
    let core = api.get().await.expect("200 decodes as the Core schema");
    assert_eq!(core.name.as_deref(), Some("n"));
}

#[tokio::test]
async fn a_schema_named_method_decodes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/call"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!("post")))
        .expect(1)
        .mount(&server)
        .await;
    let value = client(&server).call().get().await.expect("decodes");
    assert_eq!(value, MethodModel::Post);
}
