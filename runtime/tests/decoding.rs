//! Decoding success bodies: JSON, text, bytes, and enums chosen by status.

mod common;

use openapi_runtime::reqwest::header::HeaderMap;
use openapi_runtime::reqwest::StatusCode;
use openapi_runtime::response::{self, DecodeError, FromResponse};
use openapi_runtime::{Call, Error, RequestParts};
use serde::Deserialize;
use wiremock::{MockServer, ResponseTemplate};

#[derive(Debug, PartialEq, Deserialize)]
struct Pet {
    name: String,
}

/// What a generated response enum looks like.
#[derive(Debug, PartialEq)]
enum GetPet {
    Ok(Pet),
    Accepted(String),
    NoContent,
    Other(Vec<u8>),
}

impl FromResponse for GetPet {
    fn from_response(
        status: StatusCode,
        _headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        match status.as_u16() {
            200 => response::json(body).map(Self::Ok),
            202 => response::text(body).map(Self::Accepted),
            204 => Ok(Self::NoContent),
            206 => Ok(Self::Other(response::bytes(body))),
            _ => Err(response::unexpected_status(status)),
        }
    }
}

/// A server answering every request with `status` and `body`.
async fn serve(status: u16, body: &[u8]) -> MockServer {
    common::serve(ResponseTemplate::new(status).set_body_bytes(body.to_vec())).await
}

fn get() -> RequestParts {
    common::get("/pet")
}

#[tokio::test]
async fn response_enums_decode_by_status() {
    let cases: [(u16, &[u8], GetPet); 4] = [
        (
            200,
            b"{\"name\":\"Rex\"}",
            GetPet::Ok(Pet { name: "Rex".into() }),
        ),
        (202, b"queued", GetPet::Accepted("queued".into())),
        (204, b"", GetPet::NoContent),
        (206, &[0, 255], GetPet::Other(vec![0, 255])),
    ];
    for (status, body, expected) in cases {
        let server = serve(status, body).await;
        let core = common::core(&server.uri());
        let response = Call::<GetPet>::new(&core, get())
            .send_with_response()
            .await
            .unwrap();
        assert_eq!(response.status.as_u16(), status);
        assert_eq!(response.value, expected, "status {status}");
    }
}

#[tokio::test]
async fn an_undocumented_success_status_is_a_decode_error() {
    let server = serve(201, b"{}").await;
    let core = common::core(&server.uri());
    let err = Call::<GetPet>::new(&core, get()).await.unwrap_err();
    match err {
        Error::Decode {
            status, message, ..
        } => {
            assert_eq!(status.as_u16(), 201);
            assert!(message.contains("201"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_bad_variant_body_names_the_json_path() {
    let server = serve(200, b"{\"name\":5}").await;
    let core = common::core(&server.uri());
    let err = Call::<GetPet>::new(&core, get()).await.unwrap_err();
    assert!(
        matches!(err, Error::Decode { ref path, .. } if path == "name"),
        "{err:?}"
    );
}

#[tokio::test]
async fn text_and_bytes_calls_keep_the_body() {
    let server = serve(200, "plain ✓".as_bytes()).await;
    let core = common::core(&server.uri());
    let text: String = Call::<String>::text(&core, get()).await.unwrap();
    assert_eq!(text, "plain ✓");

    let server = serve(200, &[0, 1, 254]).await;
    let core = common::core(&server.uri());
    let bytes: Vec<u8> = Call::<Vec<u8>>::bytes(&core, get()).await.unwrap();
    assert_eq!(bytes, vec![0, 1, 254]);

    let server = serve(200, &[0xff, 0xfe]).await;
    let core = common::core(&server.uri());
    let err = Call::<String>::text(&core, get()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn json_calls_still_decode_with_serde() {
    let server = serve(200, b"\"quoted\"").await;
    let core = common::core(&server.uri());
    let value: String = Call::<String>::new(&core, get()).await.unwrap();
    assert_eq!(value, "quoted");

    let server = serve(204, b"").await;
    let core = common::core(&server.uri());
    Call::<()>::new(&core, get()).await.unwrap();
}
