//! Documented limits, and headers a call cannot send, are refused before anything is sent, with an
//! error naming the field.

use whop_products::models::{CreateProductRequest, UpdateProductRequest};
use whop_products::{Client, Error, Nullable};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            include_str!("../fixtures/seed001_product_object.json"),
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("sk_test")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds");
    (server, client)
}

fn invalid_field(err: Error) -> (String, String) {
    match err {
        Error::Validation { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_title_over_40_characters_is_refused_before_sending() {
    let (server, client) = setup().await;
    let body = CreateProductRequest::new("biz_1", "x".repeat(41));
    let err = client.products().create(&body).await.expect_err("too long");
    let (field, message) = invalid_field(err);
    assert_eq!(field, "title");
    assert!(message.contains("at most 40"), "{message}");
    assert!(server.received_requests().await.unwrap().is_empty());

    let ok = CreateProductRequest::new("biz_1", "é".repeat(40));
    client
        .products()
        .create(&ok)
        .await
        .expect("40 characters are fine");
}

#[tokio::test]
async fn statement_descriptor_limits_are_checked_on_create_and_update() {
    let (server, client) = setup().await;
    for (bad, why) in [
        ("ABCD", "shorter than 5"),
        ("ABCDEFGHIJKLMNOPQRSTUVW", "longer than 22"),
        ("12345", "no letter"),
        ("PICK<AXE", "a forbidden character"),
        ("PICK\"AXE", "a forbidden quote"),
    ] {
        let mut body = CreateProductRequest::new("biz_1", "Title");
        body.custom_statement_descriptor = Nullable::Value(bad.into());
        let err = client.products().create(&body).await.expect_err(why);
        assert_eq!(invalid_field(err).0, "custom_statement_descriptor", "{why}");

        let update = UpdateProductRequest {
            custom_statement_descriptor: Nullable::Value(bad.into()),
            ..Default::default()
        };
        let err = client
            .products()
            .update("prod_1", &update)
            .await
            .expect_err(why);
        assert_eq!(invalid_field(err).0, "custom_statement_descriptor", "{why}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());

    let mut body = CreateProductRequest::new("biz_1", "Title");
    body.custom_statement_descriptor = Nullable::Value("WHOP*SPORTS".into());
    client
        .products()
        .create(&body)
        .await
        .expect("a valid descriptor is sent");
    let update = UpdateProductRequest {
        custom_statement_descriptor: Nullable::Null,
        ..Default::default()
    };
    client
        .products()
        .update("prod_1", &update)
        .await
        .expect("clearing is allowed");
}

/// A per-call header and an idempotency key with the same fault fail the same way, when they are
/// set (the call then fails before sending).
#[tokio::test]
async fn a_bad_header_and_a_bad_idempotency_key_are_refused_with_one_message() {
    let (server, client) = setup().await;
    let body = CreateProductRequest::new("biz_1", "Title");
    let with_header = client
        .products()
        .create(&body)
        .header("X-Note", "line\nbreak");
    let with_key = client
        .products()
        .create(&body)
        .idempotency_key("line\nbreak");
    assert_eq!(
        with_header.parts().invalid(),
        Some(("X-Note", "header values must not contain CR or LF"))
    );
    assert_eq!(
        with_key.parts().invalid(),
        Some(("Idempotency-Key", "header values must not contain CR or LF"))
    );
    let (header_field, header_message) = invalid_field(with_header.await.expect_err("refused"));
    let (key_field, key_message) = invalid_field(with_key.await.expect_err("refused"));
    assert_eq!(header_field, "X-Note");
    assert_eq!(key_field, "Idempotency-Key");
    assert_eq!(header_message, key_message);
    assert!(server.received_requests().await.unwrap().is_empty());
}
