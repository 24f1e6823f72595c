//! Behaviour of the crate generated from core_tag_features.yaml: a crate split into one cargo
//! feature per resource works as a whole under its default features (every resource on), and the
//! error body every operation shares is compiled whatever is enabled. (CI also checks this crate
//! with no resource and with one resource enabled.)

mod support;

use corpus_core_tag_features::models::{BoardLayout, Color, PinCreated, Problem};
use corpus_core_tag_features::Error;
use support::*;

#[tokio::test]
async fn every_resource_is_there_by_default() {
    let server = serve(200, br#"[{"id": "b1", "owner": {"name": "ann"}}]"#).await;
    let boards = client(&server)
        .boards()
        .list(&Default::default())
        .await
        .expect("200");
    assert_eq!(boards[0].owner.name, "ann");
    assert_eq!(boards[0].layout, BoardLayout::Grid, "the spec default");

    let server = serve(200, br#"{"id": "p1", "board": "b1", "color": "red"}"#).await;
    let pin = client(&server).pins().get("p1").await.expect("200");
    assert_eq!(pin.color, Color::Red);

    let server = serve(200, br#"{"name": "ann", "boards": 2}"#).await;
    let user = client(&server).users().get("ann").await.expect("200");
    assert_eq!(user.boards, 2);
}

#[tokio::test]
async fn the_shared_error_body_decodes() {
    let server = serve(404, br#"{"message": "no such pin", "detail": {"code": 7}}"#).await;
    match client(&server).pins().get("p9").await.unwrap_err() {
        Error::Api(api) => {
            let body: Problem = api.body.expect("a Problem body");
            assert_eq!(body.message, "no such pin");
            assert_eq!(body.detail.and_then(|d| d.code), Some(7));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn types_no_operation_uses_are_there_by_default() {
    let payload: PinCreated = round_trip(serde_json::json!({"pin": "p1"}));
    assert_eq!(payload.pin, "p1");
}
