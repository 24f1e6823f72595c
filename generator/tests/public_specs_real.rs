//! Real OpenAPI 3.1 descriptions of three organisations (`tests/specs/public/`, MIT) generate,
//! with the warnings they are known to need, and keep no look-alike types outside components.
//! Ignored by default (about a minute in a debug build): CI runs it with `--ignored`.

use openapi_gen::{generate, stages, Settings};
use std::collections::BTreeMap;
use std::io::Read as _;

/// Decompresses a fixture of `tests/specs/public/`.
fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../tests/specs/public/{name}.gz",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .expect("gzip-compressed UTF-8");
    text
}

/// Generates `name` and checks it: the crate's files, the warning count (by the start of each
/// message, for a readable failure) and look-alikes. Returns the counts of warnings by kind.
fn check(name: &str, expected_warnings: usize) -> BTreeMap<String, usize> {
    let text = fixture(name);
    let settings = Settings::new("real", format!("tests/specs/public/{name}"));
    let generated = generate(&text, &settings).unwrap_or_else(|e| panic!("{name}: {e}"));
    for file in ["Cargo.toml", "src/lib.rs", "src/client.rs", "src/models.rs"] {
        assert!(generated.files.contains_key(file), "{name}: {file}");
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for w in &generated.warnings {
        assert!(w.line.is_some(), "{name}: a warning without a line: {w}");
        let kind: String = w
            .message
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        *kinds.entry(kind).or_default() += 1;
    }
    assert_eq!(
        generated.warnings.len(),
        expected_warnings,
        "{name}: warnings by kind: {kinds:#?}"
    );
    let parsed = stages::parse(&text, &settings).expect("parses");
    let api = stages::build(&parsed, &text, &settings).expect("builds");
    for id in api.same_shapes().into_iter().flatten() {
        let source = &api.ty(id).source;
        assert!(
            source.component_name("schemas").is_some(),
            "{name}: {} ({source}) looks like another type",
            api.ty(id).name
        );
    }
    kinds
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn discords_description_generates() {
    let kinds = check("discord.json", 58);
    // Multipart `files[N]` parts written as JSON, an image response kept as bytes, `type: null`.
    assert!(
        kinds.keys().any(|k| k.starts_with("response content type")),
        "{kinds:#?}"
    );
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn openais_description_generates() {
    let kinds = check("openai.yaml", OPENAI_WARNINGS);
    // Unions whose discriminator cannot tell members apart are generated without it.
    assert!(
        kinds
            .keys()
            .any(|k| k.starts_with("`type` \"message\" selects")),
        "{kinds:#?}"
    );
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn svixs_description_generates() {
    let kinds = check("svix.json", SVIX_WARNINGS);
    assert!(
        kinds.keys().any(|k| k.starts_with("`nullable` is OpenAPI")),
        "{kinds:#?}"
    );
}

/// Warnings OpenAI's description is known to need (mostly 3.0 syntax in a 3.1 file, one per
/// union whose members pin their tag to values other than their schema names).
const OPENAI_WARNINGS: usize = 229;

/// Warnings Svix's description is known to need (3.0 `nullable` in a 3.1 file, ...).
const SVIX_WARNINGS: usize = 638;
