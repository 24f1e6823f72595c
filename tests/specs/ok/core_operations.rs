//! Behaviour of the crate generated from core_operations.yaml: operations without an
//! operationId, grouped by their first tag, with path-level parameters that an operation
//! overrides.

mod support;

use corpus_core_operations::models::{
    Board, DeleteBoardsBoardPinsPinParams, GetBoardsBoardPinsPinParams,
};
use serde_json::json;
use support::*;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn path_level_parameters_reach_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/boards/7/pins/p%2F1"))
        .and(header("X-Request-Tag", "t-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "p/1", "board": 7 })))
        .expect(1)
        .mount(&server)
        .await;
    let params = GetBoardsBoardPinsPinParams {
        x_request_tag: Some("t-1".into()),
    };
    let pin = client(&server)
        .pins()
        .get_boards_by_board_pins_by_pin(7, "p/1", &params)
        .await
        .expect("200 decodes as Pin");
    assert_eq!((pin.id.as_str(), pin.board), ("p/1", 7));
}

#[tokio::test]
async fn an_operation_level_parameter_overrides_the_path_level_one() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/boards/1/pins/x"))
        .and(header("X-Request-Tag", "required-now"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .pins()
        .delete_boards_by_board_pins_by_pin(
            1,
            "x",
            &DeleteBoardsBoardPinsPinParams::new("required-now"),
        )
        .await
        .expect("204 is success");
}

#[tokio::test]
async fn untagged_and_tagged_operations_each_get_a_resource() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/boards"))
        .and(body_json(json!({ "name": "ideas" })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": 3, "name": "ideas" })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let created = c
        .boards()
        .post_boards(&Board::new("ideas"))
        .await
        .expect("201 decodes");
    assert_eq!(created.id, Some(3));
    c.health().get_health().await.expect("200 without a body");
}
