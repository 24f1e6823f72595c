//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::time::Duration;

use openapi_runtime::reqwest::Method;
use openapi_runtime::{
    ApiDefaults, Call, ClientBuilder, Core, Credential, Error, RequestParts, SchemeDef, SchemeKind,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The key every test client uses.
pub(crate) const API_KEY: &str = "sk-test-very-secret-key";

/// Defaults whose environment variables are never set.
pub(crate) const DEFAULTS: ApiDefaults = ApiDefaults {
    base_url: "http://127.0.0.1:9/default",
    env_base_url: "OPENAPI_RUNTIME_TEST_NEVER_SET_URL",
    user_agent: "test-sdk/1.0",
    schemes: &[BEARER],
    security: &[&["bearer"]],
    credentials_required: true,
};

/// The bearer scheme of [`DEFAULTS`], whose environment variable is never set.
pub(crate) const BEARER: SchemeDef = SchemeDef {
    key: "bearer",
    kind: SchemeKind::Bearer,
    setter: "api_key",
    env: &["OPENAPI_RUNTIME_TEST_NEVER_SET_KEY"],
};

/// The credential of [`BEARER`].
pub(crate) fn key(key: &str) -> Credential {
    Credential::token(key)
}

/// What generated code's `Client` looks like, minimally.
#[derive(Debug, Clone)]
pub(crate) struct TestClient {
    pub(crate) core: Core,
}

impl From<Core> for TestClient {
    fn from(core: Core) -> Self {
        Self { core }
    }
}

/// A builder pointed at `base_url` with short timeouts and 2 retries.
pub(crate) fn builder(base_url: &str) -> ClientBuilder<TestClient> {
    ClientBuilder::new(DEFAULTS)
        .credential("bearer", key(API_KEY))
        .base_url(base_url)
        .timeout(Duration::from_secs(5))
        .max_retries(2)
}

/// A ready client core for `base_url`.
pub(crate) fn core(base_url: &str) -> Core {
    builder(base_url).build().expect("test client builds").core
}

/// A server on 127.0.0.1 that answers every request with `template`.
pub(crate) async fn serve(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// A server that answers every request with 200 and the JSON body `{}`.
pub(crate) async fn ok_server() -> MockServer {
    serve(ResponseTemplate::new(200).set_body_string("{}")).await
}

/// The one request `server` received; fails when it received any other number.
pub(crate) async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// Request parts for `method` on the literal path `path`.
pub(crate) fn request(method: Method, path: &str) -> RequestParts {
    let mut parts = RequestParts::new(method);
    parts.path_literal(path);
    parts
}

/// Request parts for a GET of the literal path `path`.
pub(crate) fn get(path: &str) -> RequestParts {
    request(Method::GET, path)
}

/// Sends `parts` to a fresh [`ok_server`] and returns the one request it received.
pub(crate) async fn sent(parts: RequestParts) -> Request {
    let server = ok_server().await;
    let core = core(&server.uri());
    Call::<serde_json::Value>::new(&core, parts)
        .await
        .expect("the call succeeds");
    only_request(&server).await
}

/// Sends `parts` to a fresh [`ok_server`], expecting the call to be refused before anything is
/// sent; returns the error.
pub(crate) async fn refused(parts: RequestParts) -> Error {
    let server = ok_server().await;
    let core = core(&server.uri());
    let err = Call::<serde_json::Value>::new(&core, parts)
        .await
        .expect_err("the call is refused");
    assert!(
        server
            .received_requests()
            .await
            .expect("recording on")
            .is_empty(),
        "nothing is sent"
    );
    err
}
