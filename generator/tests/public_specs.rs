//! The large public spec shipped as a fixture (`tests/specs/public/`, GitHub's REST API
//! description) generates, with exactly the warnings it is known to need.

use std::io::Read as _;

use openapi_gen::{generate, Settings};

const GITHUB_GZ: &[u8] = include_bytes!("../../tests/specs/public/api.github.com.json.gz");

#[test]
fn githubs_rest_description_generates() {
    let mut text = String::new();
    flate2::read::GzDecoder::new(GITHUB_GZ)
        .read_to_string(&mut text)
        .expect("the fixture is gzip-compressed UTF-8");
    let settings = Settings::new("github", "tests/specs/public/api.github.com.json");
    let generated = generate(&text, &settings).unwrap_or_else(|e| panic!("{e}"));

    for file in ["Cargo.toml", "src/lib.rs", "src/client.rs", "src/models.rs"] {
        assert!(generated.files.contains_key(file), "{file}");
    }
    // The repository-contents response: an array member beside three tagged objects.
    let models = &generated.files["src/models.rs"];
    assert!(
        models.contains("pub enum ReposGetContentResponse"),
        "contents union"
    );
    // Look-alike inline types are merged: the only shapes left twice belong to components.
    let api = openapi_gen::stages::build(
        &openapi_gen::stages::parse(&text, &settings).expect("parses"),
        &text,
        &settings,
    )
    .expect("builds");
    eprintln!("github: {} types", api.types.len());
    // Over 100 operations: split into a feature per resource, each building alone.
    let split = api.features.as_ref().expect("split by resource");
    assert_eq!(split.resources.len(), api.resources.len());
    assert_eq!(api.gate_violations(), Vec::<String>::new());
    for group in api.same_shapes() {
        for id in group {
            let source = &api.ty(id).source;
            assert!(
                source.component_name("schemas").is_some(),
                "{} ({source}) looks like another type",
                api.ty(id).name
            );
        }
    }
    let warnings: Vec<String> = generated.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 6, "{warnings:#?}");
    let has = |line: &str, text: &str| {
        warnings
            .iter()
            .any(|w| w.contains(line) && w.contains(text))
    };
    assert!(
        has(":12643:", "application/octocat-stream"),
        "{warnings:#?}"
    );
    assert!(
        has(":56967:", "content-directory is not an object"),
        "{warnings:#?}"
    );
    // Untagged unions whose earlier member takes every object a later one would.
    assert!(has(":127362:", "member 9 is a map"), "{warnings:#?}");
    assert!(
        has(
            ":155445:",
            "member 18 is an object without required properties"
        ),
        "{warnings:#?}"
    );
}
