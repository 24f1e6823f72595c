//! `client_builder!`: the builder a generated client defines, for its client and for another
//! client type.

mod common;

use common::{key, TestClient, API_KEY, DEFAULTS};
use openapi_runtime::{client_builder, Core};

client_builder!(ClientBuilder, TestClient, serde_json::Value);

/// Another client type built from the same builder (as a blocking client is).
struct Other(Core);

impl From<Core> for Other {
    fn from(core: Core) -> Self {
        Self(core)
    }
}

#[test]
fn the_builder_forwards_every_setting() {
    let builder: ClientBuilder = openapi_runtime::ClientBuilder::new(DEFAULTS).into();
    let client = builder
        .base_url("http://127.0.0.1:1/v2")
        .timeout(std::time::Duration::from_secs(7))
        .total_timeout(std::time::Duration::from_secs(9))
        .max_retries(4)
        .default_header("X-A", "b")
        .user_agent("ua/1")
        .max_response_bytes(10)
        .credential("bearer", key(API_KEY))
        .build()
        .unwrap();
    let core = &client.core;
    assert_eq!(core.base_url().as_str(), "http://127.0.0.1:1/v2");
    assert_eq!(core.timeout(), std::time::Duration::from_secs(7));
    assert_eq!(
        core.total_timeout(),
        Some(std::time::Duration::from_secs(9))
    );
    assert_eq!(core.max_retries(), 4);
    assert_eq!(core.max_response_bytes(), 10);

    let other: ClientBuilder<Other> = openapi_runtime::ClientBuilder::new(DEFAULTS).into();
    let shown = format!("{other:?}");
    assert!(shown.starts_with("ClientBuilder"), "{shown}");
    let err = other.build().err().expect("no credential");
    assert!(err.to_string().contains("no credentials"), "{err}");
    let other: ClientBuilder<Other> = openapi_runtime::ClientBuilder::new(DEFAULTS).into();
    let Other(core) = other.credential("bearer", key(API_KEY)).build().unwrap();
    assert_eq!(core.base_url().as_str(), DEFAULTS.base_url);
}
