//! Server URLs: each `{variable}` is replaced by its `default` in the emitted constant.

use openapi_gen::{generate, Settings};

#[test]
fn server_constants_hold_urls_with_variable_defaults() {
    let spec = r#"openapi: 3.0.3
info: {title: Servers, version: "1"}
servers:
  - url: https://{region}.api.example.test/{version}
    description: Regional
    variables:
      region: {default: eu, enum: [eu, us]}
      version: {default: v2}
  - url: https://api.example.test/v1
    description: Global
paths: {}
"#;
    let generated = generate(spec, &Settings::new("servers", "servers.yaml")).expect("generates");
    let client = &generated.files["src/client.rs"];
    assert!(
        client.contains(r#"pub const REGIONAL: &str = "https://eu.api.example.test/v2";"#),
        "{client}"
    );
    assert!(
        client.contains(r#"pub const GLOBAL: &str = "https://api.example.test/v1";"#),
        "{client}"
    );
    assert!(!client.contains("{region}"), "{client}");
}
