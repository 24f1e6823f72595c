//! Setup shared by the behaviour tests in `tests/specs/ok/*.rs`.
//!
//! The corpus harness copies this file into every generated crate that has a behaviour test, as
//! `tests/support/mod.rs`, and appends `use corpus_<name> as api;` so that the helpers can name
//! the crate under test as `api`. A behaviour test opts in with `mod support;` and
//! `use support::*;`.

// Each behaviour test uses a different subset of these helpers; the rest would be dead code in
// that test crate and fail its `-D warnings` build.
#![allow(dead_code)]

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A client of the crate under test (a spec without security schemes) that sends to `server`,
/// never retrying.
pub fn client(server: &MockServer) -> api::Client {
    api::Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// A server on 127.0.0.1 that answers every request with `status` and the bytes of `body`.
pub async fn serve(status: u16, body: impl AsRef<[u8]>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_bytes(body.as_ref().to_vec()))
        .mount(&server)
        .await;
    server
}

/// Every request `server` received, in order.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording on")
}

/// The one request `server` received; fails when it received any other number.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = requests(server).await;
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// The value of the header `name` in `request`, when it was sent.
pub fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("ASCII header").to_owned())
}

/// Decodes `value` as `T`, checks that it encodes back to exactly `value`, and returns it.
pub fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), value);
    decoded
}
