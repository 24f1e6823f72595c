//! The blank lines between items in every generated Rust file, checked against the syntax tree
//! rather than the text: for every spec of the corpus (`tests/specs/ok/`), the products spec, the
//! fixtures and GitHub's REST description (whose `models.rs` is formatted in shares on several
//! threads), each file has exactly one blank line per pair of neighbouring items (top level and
//! inside `mod`, `impl`, `trait` and `extern` blocks, `use` runs and inner attributes kept
//! together), none of them next to an item's own lines, and nothing else differs from prettyplease.

use std::io::Read as _;
use std::path::Path;

use openapi_gen::{generate, Settings};
use syn::{AttrStyle, Attribute, ImplItem, Item, TraitItem};

/// How an item starts and ends, for the blank line between it and its neighbours.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Use,
    Other,
}

/// The blank lines expected among items described as (how it starts, how it ends, blank lines
/// inside it), after inner attributes when `inner` is set.
fn among(items: impl IntoIterator<Item = (Kind, Kind, usize)>, inner: bool) -> usize {
    let mut blanks = 0;
    let mut prev = inner.then_some(Kind::Other);
    for (starts, ends, inside) in items {
        if prev.is_some_and(|prev| !(prev == Kind::Use && starts == Kind::Use)) {
            blanks += 1;
        }
        prev = Some(ends);
        blanks += inside;
    }
    blanks
}

fn has_inner(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| matches!(a.style, AttrStyle::Inner(_)))
}

/// A block's members that are not `use` declarations: each starts and ends as `Other`.
fn others(count: usize, attrs: &[Attribute]) -> usize {
    among(
        (0..count).map(|_| (Kind::Other, Kind::Other, 0)),
        has_inner(attrs),
    )
}

fn shape(item: &Item) -> (Kind, Kind, usize) {
    match item {
        Item::Use(u) if u.attrs.is_empty() => (Kind::Use, Kind::Use, 0),
        Item::Use(_) => (Kind::Other, Kind::Use, 0),
        Item::Mod(m) => {
            let inside = m.content.as_ref().map_or(0, |(_, items)| {
                among(items.iter().map(shape), has_inner(&m.attrs))
            });
            (Kind::Other, Kind::Other, inside)
        }
        Item::Impl(i) => {
            assert!(i.items.iter().all(|m| !matches!(m, ImplItem::Verbatim(_))));
            (Kind::Other, Kind::Other, others(i.items.len(), &i.attrs))
        }
        Item::Trait(t) => {
            assert!(t.items.iter().all(|m| !matches!(m, TraitItem::Verbatim(_))));
            (Kind::Other, Kind::Other, others(t.items.len(), &t.attrs))
        }
        Item::ForeignMod(f) => (Kind::Other, Kind::Other, others(f.items.len(), &f.attrs)),
        _ => (Kind::Other, Kind::Other, 0),
    }
}

/// Checks one generated Rust file; returns its number of blank lines between items.
fn check(name: &str, text: &str) -> usize {
    let (header, body) = text
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("{name}: no header"));
    assert!(
        header.lines().all(|l| l.starts_with("// ")),
        "{name}: header {header:?}"
    );
    let file = syn::parse_file(body).unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected = among(file.items.iter().map(shape), has_inner(&file.attrs));

    let lines: Vec<&str> = body.lines().collect();
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() {
            continue;
        }
        blanks += 1;
        let before = lines[i - 1].trim_start();
        let after = lines[i + 1];
        let at = || format!("{name}:{}: {before:?} / {after:?}", i + 1);
        assert!(!before.is_empty() && !after.is_empty(), "{}", at());
        assert!(
            !before.ends_with('{'),
            "blank line after an opening brace: {}",
            at()
        );
        assert!(
            !before.starts_with("#[") && !before.starts_with("///"),
            "blank line between an item and its attributes: {}",
            at()
        );
        let indent = after.len() - after.trim_start().len();
        assert!(indent % 4 == 0, "{}", at());
        assert!(
            !after.trim_start().starts_with('}'),
            "blank line before a closing brace: {}",
            at()
        );
    }
    assert_eq!(blanks, expected, "{name}: blank lines between items");
    let unspaced: String = body.split_inclusive('\n').filter(|l| *l != "\n").collect();
    assert!(
        unspaced == prettyplease::unparse(&file),
        "{name}: not prettyplease's text plus blank lines"
    );
    blanks
}

fn check_spec(path: &Path, text: &str) -> usize {
    let shown = path.display().to_string();
    let generated = generate(text, &Settings::new("spacing-client", shown.clone()))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut blanks = 0;
    for (file, content) in &generated.files {
        if file.ends_with(".rs") && !file.starts_with("runtime/") {
            blanks += check(&format!("{shown}: {file}"), content);
        }
    }
    blanks
}

#[test]
fn items_are_spaced_in_every_generated_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = vec![root.join("../spec/products.yaml")];
    for dir in [root.join("../tests/specs/ok"), root.join("tests/fixtures")] {
        let mut found: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("readable directory").path())
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "json")
                )
            })
            .collect();
        found.sort();
        specs.extend(found);
    }
    assert!(specs.len() > 20, "{specs:?}");
    let mut blanks = 0;
    for path in &specs {
        let text = std::fs::read_to_string(path).expect("readable spec");
        blanks += check_spec(path, &text);
    }
    assert!(blanks > 1000, "{blanks} blank lines in all");
}

#[test]
fn items_are_spaced_in_githubs_client() {
    let mut text = String::new();
    flate2::read::GzDecoder::new(
        &include_bytes!("../../tests/specs/public/api.github.com.json.gz")[..],
    )
    .read_to_string(&mut text)
    .expect("the fixture is gzip-compressed UTF-8");
    let blanks = check_spec(Path::new("tests/specs/public/api.github.com.json"), &text);
    // Thousands of items (2,537 types after look-alikes are merged, 1,223 operations).
    assert!(blanks > 5_000, "{blanks}");
}
