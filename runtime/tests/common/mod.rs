//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::time::Duration;

use openapi_runtime::{ApiDefaults, ClientBuilder, Core};

/// The key every test client uses.
pub const API_KEY: &str = "sk-test-very-secret-key";

/// Defaults whose environment variables are never set.
pub const DEFAULTS: ApiDefaults = ApiDefaults {
    base_url: "http://127.0.0.1:9/default",
    env_api_key: "OPENAPI_RUNTIME_TEST_NEVER_SET_KEY",
    env_base_url: "OPENAPI_RUNTIME_TEST_NEVER_SET_URL",
    user_agent: "test-sdk/1.0",
};

/// What generated code's `Client` looks like, minimally.
#[derive(Debug, Clone)]
pub struct TestClient {
    pub core: Core,
}

impl From<Core> for TestClient {
    fn from(core: Core) -> Self {
        Self { core }
    }
}

/// A builder pointed at `base_url` with short timeouts and 2 retries.
pub fn builder(base_url: &str) -> ClientBuilder<TestClient> {
    ClientBuilder::new(DEFAULTS)
        .api_key(API_KEY)
        .base_url(base_url)
        .timeout(Duration::from_secs(5))
        .max_retries(2)
}

/// A ready client core for `base_url`.
pub fn core(base_url: &str) -> Core {
    builder(base_url).build().expect("test client builds").core
}
