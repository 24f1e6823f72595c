//! Snapshot tests of the generator's output for small fixture specs (`cargo insta review` to
//! accept an intended change), plus determinism.

use openapi_gen::{generate, Settings};

fn generate_fixture(name: &str) -> openapi_gen::Generated {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    generate(
        &text,
        &Settings::new("fixture-client", format!("tests/fixtures/{name}")),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn names_and_shapes_models() {
    let out = generate_fixture("names_and_shapes.yaml");
    insta::assert_snapshot!(out.files["src/models.rs"]);
}

#[test]
fn names_and_shapes_client() {
    let out = generate_fixture("names_and_shapes.yaml");
    insta::assert_snapshot!(out.files["src/client.rs"]);
}

#[test]
fn names_and_shapes_manifest_and_root() {
    let out = generate_fixture("names_and_shapes.yaml");
    insta::assert_snapshot!(format!(
        "{}\n=====\n{}\n=====\n{}",
        out.files["Cargo.toml"], out.files["src/lib.rs"], out.files["runtime/Cargo.toml"]
    ));
}

#[test]
fn products_spec_output_is_deterministic() {
    let path = format!("{}/../spec/products.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("spec exists");
    let settings = Settings::new("whop-products", "spec/products.yaml");
    let first = generate(&text, &settings).expect("generates");
    let second = generate(&text, &settings).expect("generates");
    assert_eq!(first, second);
}
