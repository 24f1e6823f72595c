//! Real public descriptions of seven organisations (`tests/specs/public/`, each with its
//! repository, commit and licence in the README there) generate with exactly the warnings they
//! are known to need, counted by kind, and keep no look-alike types outside components.
//! Ignored by default (a minute or two in a debug build): CI runs it with `--ignored`, and
//! `tests/real.sh` checks the crates they generate.

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

/// Generates `name` and checks it: the crate's files, the operation count, the warnings by kind
/// (every warning located and of a kind) and look-alikes.
fn check(name: &str, operations: usize, expected: &[(&str, usize)]) {
    let text = fixture(name);
    let settings = Settings::new("real", format!("tests/specs/public/{name}"));
    let generated = generate(&text, &settings).unwrap_or_else(|e| panic!("{name}: {e}"));
    for file in ["Cargo.toml", "src/lib.rs", "src/client.rs", "src/models.rs"] {
        assert!(generated.files.contains_key(file), "{name}: {file}");
    }
    assert_eq!(generated.operations, operations, "{name}: operations");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &generated.warnings {
        assert!(w.line.is_some(), "{name}: a warning without a line: {w}");
        let kind = w
            .kind
            .unwrap_or_else(|| panic!("{name}: a warning without a kind: {w}"));
        *kinds.entry(kind).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = expected.iter().copied().collect();
    assert_eq!(kinds, expected, "{name}: warnings by kind");
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
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn discords_description_generates() {
    // OpenAPI 3.1, JSON: multipart `files[N]` parts written as JSON, an image response kept as
    // bytes, `type: null`.
    check("discord.json", DISCORD.0, DISCORD.1);
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn openais_description_generates() {
    // OpenAPI 3.1, a 3 MB YAML file: mostly 3.0 syntax in a 3.1 file, and unions whose
    // discriminator cannot tell members apart, generated without it.
    check("openai.yaml", OPENAI.0, OPENAI.1);
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn svixs_description_generates() {
    // OpenAPI 3.1 (3.0 `nullable` throughout).
    check("svix.json", SVIX.0, SVIX.1);
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn adyens_management_description_generates() {
    // OpenAPI 3.1, a 1.4 MB JSON file; API key header and HTTP basic authentication.
    check("adyen-management.json", ADYEN.0, ADYEN.1);
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn oxides_nexus_description_generates() {
    // A dropshot server's description (schemas by schemars), OpenAPI 3.0.
    check("oxide-nexus.json", NEXUS.0, NEXUS.1);
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn stripes_description_generates() {
    // OpenAPI 3.0, a 4 MB JSON file: form-encoded request bodies and `deepObject` queries.
    check("stripe.json", STRIPE.0, STRIPE.1);
}

#[test]
#[ignore = "large real specs: run by CI with --ignored"]
fn ory_hydras_description_generates() {
    // OpenAPI 3.0: HTTP basic, bearer and OAuth 2 security schemes, form-encoded OAuth bodies.
    check("ory-hydra.json", HYDRA.0, HYDRA.1);
}

/// A spec's operations and its warnings by kind.
type Expected = (usize, &'static [(&'static str, usize)]);

const DISCORD: Expected = (
    242,
    &[
        ("content-encoding-not-decoded", 46),
        ("mapped-to-json-value", 4),
        ("response-content-type-as-bytes", 1),
        ("union-member-shadowed", 7),
    ],
);
const OPENAI: Expected = (
    288,
    &[
        ("boolean-exclusive-bound-3.0", 7),
        ("discriminator-not-used", 7),
        ("discriminator-pinned-values", 94),
        ("encoding-not-applied", 1),
        ("mapped-to-json-value", 5),
        ("not-checked-keyword", 2),
        ("nullable-3.0", 112),
        ("response-content-type-as-bytes", 1),
    ],
);
const SVIX: Expected = (252, &[("nullable-3.0", 624), ("pattern-not-checked", 12)]);
const ADYEN: Expected = (134, &[("limit-not-checked", 1), ("nullable-3.0", 27)]);
const NEXUS: Expected = (317, &[("response-content-type-as-bytes", 7)]);
const STRIPE: Expected = (
    417,
    &[
        ("encoding-not-applied", 1),
        ("limit-not-checked", 115),
        ("union-member-shadowed", 24),
    ],
);
const HYDRA: Expected = (52, &[]);
