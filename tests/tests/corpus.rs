//! The spec corpus (`tests/specs/`, described in its README):
//! - every `ok/` spec generates, and the generated crates build warning-free and pass their
//!   behaviour tests in ONE `cargo test` over a temporary workspace below the target directory,
//!   where they share one runtime crate (see `corpus_harness/workspace.rs`);
//! - the generated source of every `ok/` spec matches its insta snapshot;
//! - generating a spec twice in one process gives identical output.
//!
//! The `bad/` specs are checked by `corpus_bad.rs`, a separate binary, so that a generator crash
//! on a bad spec cannot hide the results of this one.

#[path = "corpus_harness/cargo.rs"]
mod cargo;
#[path = "corpus_harness/fixtures.rs"]
mod fixtures;
#[path = "corpus_harness/lock.rs"]
mod lock;
#[path = "corpus_harness/workspace.rs"]
mod workspace;

use cargo::target_dir;
use fixtures::fixtures;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use workspace::Layout;

/// Files every generated crate has; all generated files except the verbatim runtime copy
/// crate (`runtime/`) are snapshot-tested, and so are the generator's warnings when there are any.
const EXPECTED_FILES: &[&str] = &["Cargo.toml", "src/lib.rs", "src/client.rs", "src/models.rs"];

#[test]
fn ok_specs_generate_and_their_crates_build_and_pass_tests() {
    let ok = fixtures("ok");
    assert!(!ok.is_empty(), "tests/specs/ok holds no specs");
    // A spec that does not generate is reported at the end; the others are still built.
    let (layout, built, not_generated) = Layout::of(&ok);
    for message in &not_generated {
        eprintln!("{message}");
    }
    assert!(!built.is_empty(), "{}", not_generated.join("\n"));
    if !layout.own_runtime.is_empty() {
        // Straight to stderr, not captured: the run passes, but builds slower than it should.
        let _ = writeln!(
            std::io::stderr(),
            "corpus: these crates' runtime differs from the first's, so each builds its own: {:?}",
            layout.own_runtime
        );
    }

    let root = target_dir().join("corpus");
    let _lock = lock::Lock::acquire(&root.join("lock"));
    let workspace = root.join("ws");
    layout
        .sync(&workspace)
        .expect("the corpus workspace can be written");
    let target = root.join("target");
    let mut outcome = cargo::test_workspace(&workspace, &target, &root, true);
    if outcome.needs_network() {
        eprintln!("corpus: the registry cache lacks a package; retrying without --offline");
        outcome = cargo::test_workspace(&workspace, &target, &root, false);
    }
    assert!(
        outcome.success(),
        "`cargo test --workspace` over the corpus in {} failed:\n{}",
        workspace.display(),
        outcome.trimmed(200)
    );
    let with_behaviour = built.iter().filter(|f| f.sibling("rs").is_some()).count();
    let ran = outcome.stderr.matches("Running tests/behaviour.rs").count();
    assert_eq!(
        ran,
        with_behaviour,
        "every behaviour test must run once:\n{}",
        outcome.trimmed(50)
    );
    assert!(not_generated.is_empty(), "{}", not_generated.join("\n"));
}

#[test]
fn ok_specs_match_their_snapshots() {
    let mut failures = Vec::new();
    for fixture in fixtures("ok") {
        let generated = match fixture.generate() {
            Ok(g) => g,
            Err(e) => {
                failures.push(format!("{}: {e}", fixture.shown));
                continue;
            }
        };
        for file in EXPECTED_FILES {
            if !generated.files.contains_key(*file) {
                failures.push(format!("{}: no {file} generated", fixture.shown));
            }
        }
        let mut snapshots: Vec<(String, String)> = generated
            .files
            .iter()
            .filter(|(path, _)| !path.starts_with("runtime/"))
            .map(|(file, content)| (file.replace(['/', '.'], "_"), content.clone()))
            .collect();
        if !generated.warnings.is_empty() {
            let lines: Vec<String> = generated.warnings.iter().map(|w| w.to_string()).collect();
            snapshots.push(("warnings".into(), lines.join("\n")));
        } else if snapshot_dir()
            .join(format!("corpus__{}@warnings.snap", fixture.name))
            .exists()
        {
            failures.push(format!(
                "{}: no warnings any more; delete its @warnings snapshot",
                fixture.shown
            ));
        }
        for (what, content) in snapshots {
            let name = format!("{}@{what}", fixture.name);
            let checked = catch_unwind(AssertUnwindSafe(|| {
                insta::assert_snapshot!(name.clone(), content);
            }));
            if checked.is_err() {
                failures.push(format!("{}: snapshot `{name}` differs", fixture.shown));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "review with `cargo insta review` (or rerun with INSTA_UPDATE=always and read the diff):\n{}",
        failures.join("\n")
    );
}

#[test]
fn ok_specs_generate_identically_twice_in_one_process() {
    for fixture in fixtures("ok") {
        let first = fixture.generate();
        let second = fixture.generate();
        assert!(first.is_ok(), "{}: {:?}", fixture.shown, first.err());
        assert!(
            first == second,
            "{}: two generations in one process differ",
            fixture.shown
        );
    }
}

#[test]
fn every_corpus_snapshot_belongs_to_an_ok_spec() {
    let names: Vec<String> = fixtures::all_fixtures("ok")
        .into_iter()
        .map(|f| f.name)
        .collect();
    let Ok(entries) = std::fs::read_dir(snapshot_dir()) else {
        return;
    };
    let mut orphans = Vec::new();
    for entry in entries {
        let file = entry.expect("directory entry").file_name();
        let file = file.to_string_lossy();
        let Some(rest) = file.strip_prefix("corpus__") else {
            continue;
        };
        let spec = rest.split('@').next().unwrap_or(rest);
        if !names.iter().any(|n| n == spec) {
            orphans.push(file.into_owned());
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots of specs no longer in tests/specs/ok (delete them): {orphans:?}"
    );
}

/// Where insta keeps this file's snapshots.
fn snapshot_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}
