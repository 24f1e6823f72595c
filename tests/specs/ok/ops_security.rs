//! Behaviour of the crate generated from ops_security.yaml: each security scheme's credential
//! where it belongs, the document's requirement, per-operation overrides, `security: []`,
//! alternatives, a token provider, and secrets kept out of `Debug` output.

mod support;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use corpus_ops_security::runtime::auth::BoxError;
use corpus_ops_security::{Client, ClientBuilder, Error};
use support::*;
use wiremock::MockServer;

/// A builder sending to `server`, never retrying, without credentials.
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder().base_url(server.uri()).max_retries(0)
}

/// A client holding a credential for every scheme.
fn every_credential(server: &MockServer) -> Client {
    builder(server)
        .bearer_token("tok-bearer")
        .basic_auth("ann", "s3cret")
        .header_key("key-header")
        .query_key("key-query")
        .cookie_key("key-cookie")
        .access_token("tok-oauth")
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn the_documents_scheme_applies_to_operations_without_their_own() {
    let server = serve(204, "").await;
    every_credential(&server)
        .things()
        .uses_the_documents_scheme()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization").unwrap(),
        "Bearer tok-bearer"
    );
    assert_eq!(header(&request, "x-api-key"), None);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn an_empty_security_list_sends_no_credential() {
    let server = serve(204, "").await;
    every_credential(&server)
        .things()
        .needs_no_credentials()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "cookie"), None);
    assert_eq!(request.url.query(), None);

    // Such an operation needs no credential configured at all.
    let server = serve(204, "").await;
    let bare = builder(&server).build().expect("no credential is required");
    bare.things().needs_no_credentials().await.unwrap();
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn an_operation_overrides_the_document_with_basic() {
    let server = serve(204, "").await;
    every_credential(&server)
        .things()
        .uses_basic()
        .await
        .unwrap();
    let request = only_request(&server).await;
    // base64("ann:s3cret")
    assert_eq!(
        header(&request, "authorization").unwrap(),
        "Basic YW5uOnMzY3JldA=="
    );
}

#[tokio::test]
async fn api_keys_go_in_their_header_query_parameter_and_cookie() {
    let server = serve(204, "").await;
    every_credential(&server)
        .things()
        .uses_every_key()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key").unwrap(), "key-header");
    assert_eq!(request.url.query(), Some("key=key-query"));
    assert_eq!(header(&request, "cookie").unwrap(), "session=key-cookie");
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn the_first_alternative_the_client_can_meet_is_used() {
    let server = serve(204, "").await;
    every_credential(&server)
        .things()
        .uses_either()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert!(header(&request, "authorization")
        .unwrap()
        .starts_with("Basic "));
    assert_eq!(header(&request, "x-api-key"), None);

    let server = serve(204, "").await;
    let only_header = builder(&server).header_key("key-header").build().unwrap();
    only_header.things().uses_either().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-api-key").unwrap(), "key-header");
}

#[tokio::test]
async fn an_empty_alternative_is_used_only_without_the_other() {
    let server = serve(204, "").await;
    let with_bearer = builder(&server).bearer_token("t").build().unwrap();
    with_bearer.things().uses_bearer_when_set().await.unwrap();
    assert_eq!(
        header(&only_request(&server).await, "authorization").unwrap(),
        "Bearer t"
    );

    let server = serve(204, "").await;
    let bare = builder(&server).build().unwrap();
    bare.things().uses_bearer_when_set().await.unwrap();
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn a_missing_credential_fails_the_call_before_sending() {
    let server = serve(204, "").await;
    let client = builder(&server).bearer_token("t").build().unwrap();
    let err = client.things().uses_basic().await.unwrap_err();
    let Error::Config(message) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        message,
        "`GET /basic` needs credentials: call `basic_auth(..)` on the builder or set \
         `OPS_SECURITY_USERNAME` and `OPS_SECURITY_PASSWORD`"
    );
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn an_unsupported_scheme_is_left_out() {
    let server = serve(204, "").await;
    every_credential(&server)
        .things()
        .uses_digest()
        .await
        .unwrap();
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn oauth_tokens_come_from_the_provider_per_call() {
    let server = serve(204, "").await;
    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let client = builder(&server)
        .access_token_provider(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok::<_, BoxError>(format!("tok-{n}")) }
        })
        .build()
        .unwrap();
    client.things().uses_oauth().await.unwrap();
    client.things().uses_oauth().await.unwrap();
    let sent: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|r| header(r, "authorization").unwrap())
        .collect();
    assert_eq!(sent, ["Bearer tok-1", "Bearer tok-2"]);
    assert_eq!(asked.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn debug_output_never_shows_a_secret() {
    let server = MockServer::start().await;
    let builder = builder(&server)
        .bearer_token("tok-bearer")
        .basic_auth("ann", "s3cret")
        .header_key("key-header")
        .query_key("key-query")
        .cookie_key("key-cookie")
        .access_token("tok-oauth");
    let client = every_credential(&server);
    for shown in [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        for secret in [
            "tok-bearer",
            "s3cret",
            "key-header",
            "key-query",
            "key-cookie",
            "tok-oauth",
        ] {
            assert!(!shown.contains(secret), "{secret} shown in {shown}");
        }
    }
    assert!(format!("{builder:?}").contains("****"));
}
