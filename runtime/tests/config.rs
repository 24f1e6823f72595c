//! Client building: environment fallbacks, validation, and no leaked secrets.

mod common;

use std::time::Duration;

use common::{TestClient, API_KEY, BEARER, DEFAULTS};
use openapi_runtime::secret::ApiKey;
use openapi_runtime::{ApiDefaults, ClientBuilder, Error, SchemeDef};

fn config_message(result: Result<TestClient, Error>) -> String {
    match result {
        Err(Error::Config(message)) => message,
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[test]
fn missing_api_key_names_the_environment_variable() {
    const SCHEMES: &[SchemeDef] = &[SchemeDef {
        env: &["OPENAPI_RUNTIME_TEST_MISSING_KEY"],
        ..BEARER
    }];
    let defaults = ApiDefaults {
        schemes: SCHEMES,
        ..DEFAULTS
    };
    let message = config_message(ClientBuilder::<TestClient>::new(defaults).build());
    assert_eq!(
        message,
        "no credentials: call `api_key(..)` on the builder or set `OPENAPI_RUNTIME_TEST_MISSING_KEY`"
    );
}

#[test]
fn api_key_and_base_url_fall_back_to_the_environment() {
    const SCHEMES: &[SchemeDef] = &[SchemeDef {
        env: &["OPENAPI_RUNTIME_TEST_ENV_KEY"],
        ..BEARER
    }];
    let defaults = ApiDefaults {
        schemes: SCHEMES,
        env_base_url: "OPENAPI_RUNTIME_TEST_ENV_URL",
        ..DEFAULTS
    };
    std::env::set_var("OPENAPI_RUNTIME_TEST_ENV_KEY", "sk-from-env");
    std::env::set_var(
        "OPENAPI_RUNTIME_TEST_ENV_URL",
        "https://env.example.test/v9",
    );
    let client = ClientBuilder::<TestClient>::new(defaults).build().unwrap();
    assert_eq!(
        client.core.base_url().as_str(),
        "https://env.example.test/v9"
    );

    // The builder wins over the environment.
    let client = ClientBuilder::<TestClient>::new(defaults)
        .base_url("http://127.0.0.1:1/x")
        .build()
        .unwrap();
    assert_eq!(client.core.base_url().as_str(), "http://127.0.0.1:1/x");
}

#[test]
fn default_base_url_is_used_last() {
    let client = ClientBuilder::<TestClient>::new(DEFAULTS)
        .credential("bearer", common::key("k"))
        .build()
        .unwrap();
    assert_eq!(client.core.base_url().as_str(), DEFAULTS.base_url);
    assert_eq!(client.core.timeout(), Duration::from_secs(60));
    assert_eq!(client.core.max_retries(), 2);
    assert_eq!(client.core.max_response_bytes(), 32 * 1024 * 1024);
}

#[test]
fn invalid_urls_and_headers_are_config_errors() {
    for url in ["not a url", "ftp://example.com", "mailto:a@b.c", ""] {
        let message = config_message(common::builder(url).build());
        assert!(message.contains("base URL"), "{url}: {message}");
    }
    let message = config_message(
        common::builder("http://127.0.0.1:1")
            .default_header("X-Bad", "a\r\nb")
            .build(),
    );
    assert!(message.contains("X-Bad"), "{message}");
    // The message a per-call header or an idempotency key with the same fault gets.
    assert!(
        message.ends_with("header values must not contain CR or LF"),
        "{message}"
    );
    config_message(
        common::builder("http://127.0.0.1:1")
            .default_header("bad name", "v")
            .build(),
    );
    config_message(
        common::builder("http://127.0.0.1:1")
            .user_agent("bad\nagent")
            .build(),
    );
    config_message(
        ClientBuilder::<TestClient>::new(DEFAULTS)
            .credential("bearer", common::key("key\nwith newline"))
            .build(),
    );
}

#[test]
fn debug_output_never_contains_the_key() {
    let builder = common::builder("http://127.0.0.1:1").default_header("X-Secret-Header", "hidden");
    let builder_debug = format!("{builder:?}");
    assert!(!builder_debug.contains(API_KEY), "{builder_debug}");
    assert!(!builder_debug.contains("hidden"), "{builder_debug}");

    let client = builder.http_client(reqwest_client()).build().unwrap();
    let core_debug = format!("{:?} {:#?}", client.core, client);
    assert!(!core_debug.contains(API_KEY), "{core_debug}");
    assert!(core_debug.contains("127.0.0.1"), "{core_debug}");

    let key = ApiKey::new(API_KEY);
    assert_eq!(format!("{key:?}"), "ApiKey(****)");
    assert_eq!(key.to_string(), "ApiKey(****)");
    assert_eq!(key.expose(), API_KEY);
    let header = key.bearer_header().unwrap();
    assert!(header.is_sensitive());
    assert!(!format!("{header:?}").contains(API_KEY));
}

fn reqwest_client() -> openapi_runtime::reqwest::Client {
    openapi_runtime::reqwest::Client::builder().build().unwrap()
}

#[test]
fn core_is_cheap_to_clone_and_shareable() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<openapi_runtime::Core>();
    let core = common::core("http://127.0.0.1:1/api/");
    let clone = core.clone();
    assert_eq!(clone.base_url(), core.base_url());
}
