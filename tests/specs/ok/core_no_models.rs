//! Behaviour of the crate generated from core_no_models.yaml: an API whose only operation names
//! no model type still gets a working client.

mod support;

use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_operation_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/ping/p-1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .ping()
        .delete_ping_by_id("p-1")
        .await
        .expect("204 is success");
}
