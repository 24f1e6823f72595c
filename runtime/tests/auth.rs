//! Security schemes: how each credential is sent, which alternative a call uses, the
//! environment, token providers, and secrets kept out of `Debug` output and errors.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{get, ok_server, only_request, TestClient, DEFAULTS};
use openapi_runtime::auth::{BoxError, Requirement};
use openapi_runtime::reqwest::Method;
use openapi_runtime::{
    AccessToken, ApiDefaults, Call, ClientBuilder, Core, Credential, Error, RequestParts,
    SchemeDef, SchemeKind,
};
use wiremock::Request;

const SCHEMES: &[SchemeDef] = &[
    SchemeDef {
        key: "bearer",
        kind: SchemeKind::Bearer,
        setter: "bearer_token",
        env: &["AUTH_TEST_NEVER_SET_BEARER"],
    },
    SchemeDef {
        key: "basic",
        kind: SchemeKind::Basic,
        setter: "basic_auth",
        env: &["AUTH_TEST_NEVER_SET_USER", "AUTH_TEST_NEVER_SET_PASSWORD"],
    },
    SchemeDef {
        key: "header",
        kind: SchemeKind::Header("X-Api-Key"),
        setter: "api_key",
        env: &["AUTH_TEST_NEVER_SET_HEADER"],
    },
    SchemeDef {
        key: "query",
        kind: SchemeKind::Query("api_key"),
        setter: "query_api_key",
        env: &["AUTH_TEST_NEVER_SET_QUERY"],
    },
    SchemeDef {
        key: "cookie",
        kind: SchemeKind::Cookie("session"),
        setter: "session_api_key",
        env: &["AUTH_TEST_NEVER_SET_COOKIE"],
    },
    SchemeDef {
        key: "oauth",
        kind: SchemeKind::Bearer,
        setter: "access_token",
        env: &["AUTH_TEST_NEVER_SET_OAUTH"],
    },
];

const API: ApiDefaults = ApiDefaults {
    schemes: SCHEMES,
    security: &[&["bearer"]],
    credentials_required: false,
    ..DEFAULTS
};

fn builder(base_url: &str) -> ClientBuilder<TestClient> {
    ClientBuilder::new(API).base_url(base_url).max_retries(0)
}

fn core_of(builder: ClientBuilder<TestClient>) -> Core {
    builder.build().expect("the client builds").core
}

fn parts(requirement: Option<Requirement>) -> RequestParts {
    let mut parts = get("/thing");
    if let Some(requirement) = requirement {
        parts.security(requirement);
    }
    parts
}

/// Sends a GET needing `requirement` (`None`: the API's) through a client configured by
/// `configure`; returns the request the server saw.
async fn sent_with(
    configure: impl FnOnce(ClientBuilder<TestClient>) -> ClientBuilder<TestClient>,
    requirement: Option<Requirement>,
) -> Request {
    let server = ok_server().await;
    let core = core_of(configure(builder(&server.uri())));
    Call::<serde_json::Value>::new(&core, parts(requirement))
        .await
        .expect("the call succeeds");
    only_request(&server).await
}

fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn all(builder: ClientBuilder<TestClient>) -> ClientBuilder<TestClient> {
    builder
        .credential("bearer", Credential::token("tok-bearer"))
        .credential("basic", Credential::basic("ann", "s3cret"))
        .credential("header", Credential::token("key-header"))
        .credential("query", Credential::token("key query&x"))
        .credential("cookie", Credential::token("key-cookie"))
}

#[tokio::test]
async fn each_scheme_puts_its_credential_where_it_belongs() {
    let request = sent_with(all, None).await;
    assert_eq!(
        header(&request, "authorization").unwrap(),
        "Bearer tok-bearer"
    );
    assert_eq!(request.url.query(), None);

    let request = sent_with(all, Some(&[&["basic"]])).await;
    // base64("ann:s3cret")
    assert_eq!(
        header(&request, "authorization").unwrap(),
        "Basic YW5uOnMzY3JldA=="
    );

    let request = sent_with(all, Some(&[&["header", "query", "cookie"]])).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-api-key").unwrap(), "key-header");
    assert_eq!(request.url.query(), Some("api_key=key+query%26x"));
    assert_eq!(header(&request, "cookie").unwrap(), "session=key-cookie");
}

#[tokio::test]
async fn an_empty_requirement_sends_no_credential() {
    let request = sent_with(all, Some(&[])).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "cookie"), None);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn the_first_alternative_the_client_can_meet_is_used() {
    const ALTERNATIVES: Requirement = &[&["basic"], &["header", "query"], &["bearer"]];
    let only_bearer = |b: ClientBuilder<TestClient>| b.credential("bearer", Credential::token("t"));
    let request = sent_with(only_bearer, Some(ALTERNATIVES)).await;
    assert_eq!(header(&request, "authorization").unwrap(), "Bearer t");

    // `header` alone does not meet the second alternative, which needs `query` too.
    let header_and_bearer =
        |b: ClientBuilder<TestClient>| only_bearer(b).credential("header", Credential::token("h"));
    let request = sent_with(header_and_bearer, Some(ALTERNATIVES)).await;
    assert_eq!(header(&request, "x-api-key"), None);
    assert_eq!(header(&request, "authorization").unwrap(), "Bearer t");

    let request = sent_with(all, Some(ALTERNATIVES)).await;
    assert!(header(&request, "authorization")
        .unwrap()
        .starts_with("Basic "));
    assert_eq!(header(&request, "x-api-key"), None);

    // An empty alternative is taken only when no other can be met.
    let request = sent_with(only_bearer, Some(&[&[], &["bearer"]])).await;
    assert_eq!(header(&request, "authorization").unwrap(), "Bearer t");
    let request = sent_with(|b| b, Some(&[&["bearer"], &[]])).await;
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn a_call_without_the_credentials_it_needs_is_refused_before_sending() {
    let server = ok_server().await;
    let core = core_of(builder(&server.uri()).credential("bearer", Credential::token("t")));
    let mut parts = RequestParts::new(Method::DELETE);
    parts.path_literal("/thing/1");
    parts.security(&[&["basic"], &["header", "cookie"]]);
    let err = Call::<serde_json::Value>::new(&core, parts)
        .await
        .unwrap_err();
    let Error::Config(message) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        message,
        "`DELETE /thing/1` needs credentials: call `basic_auth(..)` on the builder or set \
         `AUTH_TEST_NEVER_SET_USER` and `AUTH_TEST_NEVER_SET_PASSWORD`; or call `api_key(..)` on \
         the builder or set `AUTH_TEST_NEVER_SET_HEADER`, and call `session_api_key(..)` on the \
         builder or set `AUTH_TEST_NEVER_SET_COOKIE`"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn credentials_are_read_from_the_environment_when_not_set() {
    const SCHEMES: &[SchemeDef] = &[
        SchemeDef {
            key: "basic",
            kind: SchemeKind::Basic,
            setter: "basic_auth",
            env: &["AUTH_TEST_ENV_USER", "AUTH_TEST_ENV_PASSWORD"],
        },
        SchemeDef {
            key: "header",
            kind: SchemeKind::Header("X-Api-Key"),
            setter: "api_key",
            env: &["AUTH_TEST_ENV_KEY"],
        },
    ];
    std::env::set_var("AUTH_TEST_ENV_USER", "env-user");
    std::env::set_var("AUTH_TEST_ENV_KEY", "env-key");
    let defaults = ApiDefaults {
        schemes: SCHEMES,
        security: &[&["basic", "header"]],
        credentials_required: true,
        ..DEFAULTS
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let request = runtime.block_on(async {
        let server = ok_server().await;
        let core = ClientBuilder::<TestClient>::new(defaults)
            .base_url(server.uri())
            .build()
            .unwrap()
            .core;
        Call::<serde_json::Value>::new(&core, get("/x"))
            .await
            .unwrap();
        only_request(&server).await
    });
    // No password variable: an empty password. base64("env-user:")
    assert_eq!(
        header(&request, "authorization").unwrap(),
        "Basic ZW52LXVzZXI6"
    );
    assert_eq!(header(&request, "x-api-key").unwrap(), "env-key");
}

#[test]
fn unusable_credentials_are_config_errors() {
    let message = |b: ClientBuilder<TestClient>| match b.build() {
        Err(Error::Config(message)) => message,
        other => panic!("{other:?}"),
    };
    let b = || ClientBuilder::<TestClient>::new(API);
    assert_eq!(
        message(b().credential("nope", Credential::token("x"))),
        "no security scheme `nope` in this API"
    );
    assert_eq!(
        message(b().credential("cookie", Credential::token("a;b"))),
        "the credential of `session_api_key` is not a valid cookie value (empty, or with `;`, `,`, `\"`, `\\`, spaces or control characters)"
    );
    assert_eq!(
        message(b().credential("header", Credential::token("a\nb"))),
        "the credential of `api_key` contains characters not allowed in a header"
    );
    assert_eq!(
        message(b().credential("basic", Credential::basic("a:b", "c"))),
        "the credential of `basic_auth` has a username with `:`, which basic authentication cannot send"
    );
    assert!(message(b().credential("basic", Credential::token("x")))
        .starts_with("the credential of `basic_auth` is of the wrong kind"));
    // Not required: a client without credentials builds.
    b().build().unwrap();
}

#[tokio::test]
async fn a_token_provider_is_asked_per_call_or_until_its_token_expires() {
    let server = ok_server().await;
    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let provider = move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok::<_, BoxError>(format!("tok-{n}")) }
    };
    let core = core_of(builder(&server.uri()).credential("oauth", Credential::provider(provider)));
    for _ in 0..2 {
        let mut parts = get("/t");
        parts.security(&[&["oauth"]]);
        Call::<serde_json::Value>::new(&core, parts).await.unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<_> = requests
        .iter()
        .map(|r| header(r, "authorization").unwrap())
        .collect();
    assert_eq!(sent, ["Bearer tok-1", "Bearer tok-2"]);

    // With a lifetime past the refresh margin, the token is reused.
    let server = ok_server().await;
    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let provider = move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move {
            Ok::<_, BoxError>(
                AccessToken::new(format!("tok-{n}")).expires_in(Duration::from_secs(3600)),
            )
        }
    };
    let core = core_of(builder(&server.uri()).credential("oauth", Credential::provider(provider)));
    for _ in 0..3 {
        let mut parts = get("/t");
        parts.security(&[&["oauth"]]);
        Call::<serde_json::Value>::new(&core, parts).await.unwrap();
    }
    assert_eq!(asked.load(Ordering::SeqCst), 1);
    let requests = server.received_requests().await.unwrap();
    assert!(requests
        .iter()
        .all(|r| header(r, "authorization").unwrap() == "Bearer tok-1"));
}

#[tokio::test]
async fn a_failing_token_provider_fails_the_call_before_sending() {
    let server = ok_server().await;
    let provider = || async { Err::<String, BoxError>("token endpoint said no".into()) };
    let core = core_of(builder(&server.uri()).credential("oauth", Credential::provider(provider)));
    let mut parts = get("/t");
    parts.security(&[&["oauth"]]);
    let err = Call::<serde_json::Value>::new(&core, parts)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TokenProvider(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the access token provider failed: token endpoint said no"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output_and_errors() {
    let builder = all(builder("http://127.0.0.1:9"));
    let shown = format!("{builder:?}");
    for secret in [
        "tok-bearer",
        "s3cret",
        "key-header",
        "key query",
        "key-cookie",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("ann"), "{shown}");
    let core = core_of(builder);
    let shown = format!("{core:?}");
    assert!(
        shown.contains(r#"configured: ["bearer", "basic", "header", "query", "cookie"]"#),
        "{shown}"
    );
    assert!(!shown.contains("tok-bearer"), "{shown}");
    let provider = Credential::provider(|| async { Ok::<_, BoxError>("p-secret") });
    assert_eq!(format!("{provider:?}"), "Provider(..)");
    let token = AccessToken::new("t-secret");
    assert!(!format!("{token:?}").contains("t-secret"));

    // A connection error names the URL with the query key written `****`.
    let mut parts = get("/thing");
    parts.security(&[&["query"]]);
    let err = Call::<serde_json::Value>::new(&core, parts)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    for text in [
        format!("{err:?}"),
        err.to_string(),
        format!("{:?}", std::error::Error::source(&err)),
    ] {
        assert!(
            !text.contains("key+query") && !text.contains("key query"),
            "{text}"
        );
    }
    assert!(format!("{err:?}").contains("api_key=****"), "{err:?}");
}

#[tokio::test]
async fn a_cookie_credential_joins_a_cookie_header_already_set() {
    let with_cookie = |b: ClientBuilder<TestClient>| {
        b.default_header("Cookie", "theme=dark")
            .credential("cookie", Credential::token("key-cookie"))
    };
    let request = sent_with(with_cookie, Some(&[&["cookie"]])).await;
    assert_eq!(
        header(&request, "cookie").unwrap(),
        "theme=dark; session=key-cookie"
    );
}

#[tokio::test]
async fn concurrent_calls_share_one_refresh() {
    let server = ok_server().await;
    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let provider = move || {
        let counter = counter.clone();
        async move {
            // Slow enough that the other calls arrive while it runs.
            tokio::time::sleep(Duration::from_millis(50)).await;
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            Ok::<_, BoxError>(
                AccessToken::new(format!("tok-{n}")).expires_in(Duration::from_secs(600)),
            )
        }
    };
    let core = core_of(builder(&server.uri()).credential("oauth", Credential::provider(provider)));
    let call = || {
        let mut parts = get("/t");
        parts.security(&[&["oauth"]]);
        Call::<serde_json::Value>::new(&core, parts).send()
    };
    let (a, b, c) = tokio::join!(call(), call(), call());
    a.unwrap();
    b.unwrap();
    c.unwrap();
    assert_eq!(asked.load(Ordering::SeqCst), 1);
    // A lifetime inside the refresh margin is not reused.
    let server = ok_server().await;
    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let provider = move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, BoxError>(AccessToken::new("t").expires_in(Duration::from_secs(10))) }
    };
    let core = core_of(builder(&server.uri()).credential("oauth", Credential::provider(provider)));
    for _ in 0..2 {
        let mut parts = get("/t");
        parts.security(&[&["oauth"]]);
        Call::<serde_json::Value>::new(&core, parts).await.unwrap();
    }
    assert_eq!(asked.load(Ordering::SeqCst), 2);
}

#[test]
fn without_any_credential_a_required_client_names_every_way_to_give_one() {
    let defaults = ApiDefaults {
        schemes: &SCHEMES[..2],
        credentials_required: true,
        ..API
    };
    match ClientBuilder::<TestClient>::new(defaults).build() {
        Err(Error::Config(message)) => assert_eq!(
            message,
            "no credentials: call `bearer_token(..)` on the builder or set \
             `AUTH_TEST_NEVER_SET_BEARER`; or call `basic_auth(..)` on the builder or set \
             `AUTH_TEST_NEVER_SET_USER` and `AUTH_TEST_NEVER_SET_PASSWORD`"
        ),
        other => panic!("{other:?}"),
    }
}

/// A server that answers the first `unauthorized` requests with 401, then 200 `{}`.
async fn unauthorized_first(unauthorized: u64) -> wiremock::MockServer {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_string(r#"{"error":"expired"}"#))
        .up_to_n_times(unauthorized)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

/// A provider of `tok-1`, `tok-2`, ... (each valid for an hour), and how often it was asked.
fn counting_provider() -> (Credential, Arc<AtomicU32>) {
    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let provider = move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move {
            Ok::<_, BoxError>(
                AccessToken::new(format!("tok-{n}")).expires_in(Duration::from_secs(3600)),
            )
        }
    };
    (Credential::provider(provider), asked)
}

fn authorizations(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| header(r, "authorization").unwrap())
        .collect()
}

#[tokio::test]
async fn a_401_to_a_provided_token_is_sent_again_once_with_a_fresh_token() {
    let server = unauthorized_first(1).await;
    let (credential, asked) = counting_provider();
    let core = core_of(builder(&server.uri()).credential("oauth", credential));
    let mut parts = RequestParts::new(Method::POST);
    parts
        .path_literal("/t")
        .json_body(&serde_json::json!({"n": 1}));
    parts.security(&[&["oauth"]]);
    Call::<serde_json::Value>::new(&core, parts)
        .await
        .expect("the second request succeeds");
    assert_eq!(asked.load(Ordering::SeqCst), 2);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(authorizations(&requests), ["Bearer tok-1", "Bearer tok-2"]);
    // The body is sent again as it was.
    assert!(requests.iter().all(|r| r.body == br#"{"n":1}"#));
    // The fresh token is the cached one now.
    let mut parts = get("/t");
    parts.security(&[&["oauth"]]);
    Call::<serde_json::Value>::new(&core, parts).await.unwrap();
    assert_eq!(asked.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_second_401_is_the_calls_error() {
    let server = unauthorized_first(5).await;
    let (credential, asked) = counting_provider();
    let core = core_of(builder(&server.uri()).credential("oauth", credential));
    let mut parts = get("/t");
    parts.security(&[&["oauth"]]);
    let err = Call::<serde_json::Value>::new(&core, parts)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
    assert_eq!(asked.load(Ordering::SeqCst), 2);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(authorizations(&requests), ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn a_401_to_a_fixed_token_is_not_sent_again() {
    let server = unauthorized_first(1).await;
    let core = core_of(builder(&server.uri()).credential("bearer", Credential::token("fixed")));
    let err = Call::<serde_json::Value>::new(&core, get("/t"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_http_bearer_scheme_takes_a_provider_too() {
    let server = unauthorized_first(1).await;
    let (credential, asked) = counting_provider();
    // `bearer` is the API's http bearer scheme (the default requirement).
    let core = core_of(builder(&server.uri()).credential("bearer", credential));
    Call::<serde_json::Value>::new(&core, get("/t"))
        .await
        .unwrap();
    assert_eq!(asked.load(Ordering::SeqCst), 2);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(authorizations(&requests), ["Bearer tok-1", "Bearer tok-2"]);
}
