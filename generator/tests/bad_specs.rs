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
    assert_eq!(e.file, "bad/dangling_ref.yaml");
    assert_eq!(
        e.pointer,
        "#/paths/~1things/get/responses/200/content/application~1json/schema"
    );
    assert_eq!(e.line, Some(11));
    assert!(
        e.message
            .contains("dangling $ref \"#/components/schemas/Missing\""),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        format!("bad/dangling_ref.yaml:11: {}: {}", e.pointer, e.message)
    );
}

#[test]
fn swagger_2_is_refused() {
    let e = fail("swagger2.yaml");
    assert!(e.message.starts_with("Swagger 2.0 is not supported"), "{e}");
}

#[test]
fn openapi_3_1_is_refused() {
    let e = fail("openapi31.yaml");
    assert_eq!(
        e.message,
        "OpenAPI 3.1.0 is not supported: only OpenAPI 3.0.x is"
    );
}

#[test]
fn malformed_yaml_gives_the_line() {
    let e = fail("malformed.yaml");
    assert!(e.message.starts_with("invalid OpenAPI YAML"), "{e}");
    assert_eq!(e.line, Some(3));
}

#[test]
fn unsupported_union_is_an_error_at_its_pointer() {
    let e = fail("one_of.yaml");
    assert_eq!(
        e.pointer,
        "#/paths/~1pets/post/requestBody/content/application~1json/schema"
    );
    assert_eq!(e.message, "oneOf is not supported by this generator yet");
    assert_eq!(e.line, Some(9));
}
