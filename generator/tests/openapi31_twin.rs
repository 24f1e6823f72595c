//! OpenAPI 3.1 in, the same crate out: `tests/specs/products-3.1.yaml` (spec/products.yaml written
//! the 3.1 way: type arrays instead of `nullable`, `anyOf` with `{type: 'null'}` instead of
//! `nullable` + `allOf`, a `$ref` with a `description` beside it, `examples` arrays, a `const`)
//! generates the checked-in `generated/` crate byte for byte, apart from the header lines that
//! name the spec file.

use openapi_gen::{generate, Settings};
use std::path::Path;

#[test]
fn the_3_1_twin_of_products_generates_the_same_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let twin = "tests/specs/products-3.1.yaml";
    let text = std::fs::read_to_string(root.join(twin)).expect("the 3.1 twin");
    let generated =
        generate(&text, &Settings::new("whop-products", twin)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.warnings, [], "the twin maps without fallbacks");
    let mut compared = 0;
    for (path, content) in &generated.files {
        let expected = std::fs::read_to_string(root.join("generated").join(path))
            .unwrap_or_else(|e| panic!("generated/{path}: {e}"));
        let header = format!("`{twin}`");
        let mut lines = content
            .lines()
            .map(|l| l.replace(&header, "`spec/products.yaml`"));
        let same = expected.lines().all(|l| lines.next().as_deref() == Some(l))
            && lines.next().is_none()
            && content.ends_with('\n') == expected.ends_with('\n');
        assert!(
            same,
            "generated/{path} differs from the crate of the 3.1 twin"
        );
        // Only header lines name the spec: nothing else may differ.
        let named = content.lines().filter(|l| l.contains(twin)).count();
        assert!(named <= 2, "{path}: the spec is named outside the header");
        compared += 1;
    }
    assert!(compared > 5, "{compared} files compared");
}
