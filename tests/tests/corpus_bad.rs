//! Every `tests/specs/bad` spec fails with exactly the pointer and line, and a message
//! containing the text, that its `.expect` file names; the error displays as one line.

#[path = "corpus_harness/expect.rs"]
mod expect;
#[path = "corpus_harness/fixtures.rs"]
mod fixtures;

use expect::Expect;
use fixtures::fixtures;

#[test]
fn bad_specs_fail_with_their_expected_pointer_line_and_message() {
    let bad = fixtures("bad");
    assert!(!bad.is_empty(), "tests/specs/bad holds no specs");
    let mut failures = Vec::new();
    for fixture in &bad {
        let Some(expect_path) = fixture.sibling("expect") else {
            failures.push(format!("{}: no .expect file beside it", fixture.shown));
            continue;
        };
        let expect = match Expect::read(&expect_path) {
            Ok(e) => e,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        match fixture.generate() {
            Ok(_) => failures.push(format!("{}: generated, but must fail", fixture.shown)),
            Err(error) => {
                for m in expect.mismatches(&error, &fixture.shown) {
                    failures.push(format!("{}: {m}\n    error: {error}", fixture.shown));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_expect_file_has_a_bad_spec() {
    let dir = fixtures::specs_dir().join("bad");
    let specs: Vec<String> = fixtures::all_fixtures("bad")
        .into_iter()
        .map(|f| f.name)
        .collect();
    for entry in std::fs::read_dir(&dir).expect("tests/specs/bad is readable") {
        let path = entry.expect("directory entry").path();
        if path.extension().and_then(|e| e.to_str()) == Some("expect") {
            let stem = path
                .file_stem()
                .expect("a stem")
                .to_string_lossy()
                .into_owned();
            assert!(
                specs.contains(&stem),
                "{} has no {stem}.yaml or {stem}.json beside it",
                path.display()
            );
        }
    }
}
