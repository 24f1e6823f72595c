//! Bad input gets one clear error naming the file, the JSON pointer and (for YAML) the line.

use openapi_gen::{generate, Error, Settings};

fn fail(name: &str) -> Error {
    let path = format!("{}/tests/fixtures/bad/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    generate(&text, &Settings::new("bad", format!("bad/{name}"))).expect_err("must fail")
}

#[test]
fn dangling_ref_names_pointer_and_line() {
    let e = fail("dangling_ref.yaml");
    assert_eq!(e.first().file, "bad/dangling_ref.yaml");
    assert_eq!(
        e.first().pointer,
        "#/paths/~1things/get/responses/200/content/application~1json/schema"
    );
    assert_eq!(e.first().line, Some(11));
    assert!(
        e.first()
            .message
            .contains("dangling $ref \"#/components/schemas/Missing\""),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "bad/dangling_ref.yaml:11: {}: {}",
            e.first().pointer,
            e.first().message
        )
    );
}

#[test]
fn swagger_2_is_refused() {
    let e = fail("swagger2.yaml");
    assert!(
        e.first()
            .message
            .starts_with("Swagger 2.0 is not supported"),
        "{e}"
    );
}

#[test]
fn openapi_3_3_is_refused() {
    let e = fail("openapi33.yaml");
    assert_eq!(
        e.first().message,
        "unsupported `openapi` version \"3.3.0\": only OpenAPI 3.0.x, 3.1.x and 3.2.x are"
    );
    assert_eq!(e.first().line, Some(1));
}

#[test]
fn malformed_yaml_gives_the_line() {
    let e = fail("malformed.yaml");
    assert!(e.first().message.starts_with("invalid OpenAPI YAML"), "{e}");
    assert_eq!(e.first().line, Some(3));
}

#[test]
fn a_discriminator_that_cannot_tell_members_apart_is_not_used_with_a_warning() {
    // An inline member that pins no tag value: the union is generated untagged, and a warning at
    // the discriminator says so (it was refused before).
    let path = format!(
        "{}/tests/fixtures/tagged_inline.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let generated = generate(&text, &Settings::new("fallback", "tagged_inline.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let warning = &generated.warnings[0];
    assert_eq!(
        warning.pointer,
        "#/paths/~1pets/post/requestBody/content/application~1json/schema/discriminator"
    );
    assert_eq!(warning.line, Some(13));
    assert!(
        warning.message.starts_with(
            "member 2 is inline and pins `kind` to no one value, so the discriminator is not used"
        ),
        "{warning}"
    );
    assert!(
        generated.files["src/models.rs"].contains("#[serde(untagged)]"),
        "an untagged union"
    );
}

#[test]
fn value_fallbacks_are_warnings_naming_pointer_and_line() {
    let path = format!(
        "{}/tests/fixtures/warn_fallbacks.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let out = generate(&text, &Settings::new("warn", "warn_fallbacks.yaml")).expect("generates");
    let shown: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "warn_fallbacks.yaml:17: #/components/schemas/Thing/properties/anything_but_text: \
             `not` cannot be expressed as a Rust type; mapped to serde_json::Value",
            "warn_fallbacks.yaml:19: #/components/schemas/Thing/properties/mixed: allOf member \
             #/components/schemas/Thing/properties/mixed/allOf/0 is not an object, so the \
             members cannot be merged into one type; mapped to serde_json::Value",
            "warn_fallbacks.yaml:25: #/components/schemas/Nested: this schema contains itself \
             only through arrays, maps or other aliases, which a Rust type alias cannot express; \
             mapped to serde_json::Value",
        ]
    );
    let models = &out.files["src/models.rs"];
    assert!(
        models.contains("pub anything_but_text: Option<serde_json::Value>"),
        "{models}"
    );
    assert!(
        models.contains("pub mixed: Option<serde_json::Value>"),
        "{models}"
    );
    assert!(
        models.contains("pub type Nested = serde_json::Value;"),
        "{models}"
    );
}
