//! Behaviour of the crate generated from v31_schemas.yaml: OpenAPI 3.1 type arrays, `const`,
//! numeric bounds, `$defs`, a `$ref` with a description, `anyOf` with `null`, base64 content (in
//! JSON, and a whole `contentEncoding: base64` body) and a webhook payload decode and encode as the
//! 3.0 forms they stand for.

mod support;

use corpus_v31_schemas::models::{Collar, Dog, DogAdopted, DogKind, DogSize};
use serde_json::json;
use support::*;

#[test]
fn a_3_1_object_round_trips() {
    let dog: Dog = round_trip(json!({
        "id": "dog_1",
        "kind": "dog",
        "name": null,
        "age": 3,
        "size": "large",
        "collar": {"colour": "red"},
        "owner": {"name": "Ann"},
        "photo": "aGk="
    }));
    assert_eq!(dog.kind, DogKind::Dog);
    assert_eq!(dog.name, None);
    assert_eq!(dog.size, DogSize::String("large".into()));
    assert_eq!(dog.collar.map(|c: Collar| c.colour).as_deref(), Some("red"));
    assert!(matches!(&dog.owner, Some(o) if o.name == "Ann"));
    assert_eq!(dog.photo.expect("photo").into_inner(), b"hi");
}

#[test]
fn type_array_members_and_null_decode() {
    let dog: Dog = serde_json::from_value(json!({
        "id": "dog_2",
        "kind": "dog",
        "name": "Rex",
        "age": 1,
        "size": 40,
        "collar": null,
        "owner": null
    }))
    .expect("decodes");
    assert_eq!(dog.size, DogSize::I64(40));
    assert!(dog.collar.is_none());
    assert!(dog.owner.is_none());
    assert_eq!(dog.name.as_deref(), Some("Rex"));
}

#[test]
fn the_webhook_payload_is_a_type() {
    let event: DogAdopted =
        serde_json::from_value(json!({"dog_id": "dog_1", "adopted_at": null})).expect("decodes");
    assert_eq!(event.dog_id, "dog_1");
}

#[tokio::test]
async fn the_inlined_path_item_is_an_operation() {
    let server = serve(
        200,
        r#"{"id": "dog_1", "kind": "dog", "name": "Rex", "age": 2, "size": 1, "collar": null}"#,
    )
    .await;
    let dog = client(&server)
        .dogs()
        .get("dog_1")
        .await
        .expect("200 decodes");
    assert_eq!(dog.id, "dog_1");
    assert_eq!(only_request(&server).await.url.path(), "/dogs/dog_1");
}

#[tokio::test]
async fn a_base64_content_encoding_body_travels_encoded() {
    let server = serve(200, "UGhvdG8=").await;
    let photo = client(&server)
        .dogs()
        .put_dog_photo("dog_1", b"Photo")
        .await
        .expect("200 decodes from base64");
    assert_eq!(photo, b"Photo");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("image/jpeg")
    );
    assert_eq!(request.body, b"UGhvdG8=");
}
