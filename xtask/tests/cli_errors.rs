//! The `xtask` binary's contract on bad and good input: a bad spec gives exit status 1, one
//! line on stderr per error (sorted by line) naming the file, line and pointer, and writes nothing; a good spec writes the
//! crate; `--check` on a stale directory fails with a diff and writes nothing.

mod common;

use common::root;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the xtask binary runs")
}

fn codegen(spec: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "codegen",
        "--spec",
        spec.to_str().expect("UTF-8 path"),
        "--out",
        out.to_str().expect("UTF-8 path"),
        "--crate-name",
        "cli-test",
    ];
    args.extend_from_slice(extra);
    xtask(&args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

/// The pointer and line of the first error a bad spec's `.expect` file names, and how many
/// errors it names (one block of lines each, separated by blank lines).
fn expected_location(expect: &Path) -> (String, Option<usize>, usize) {
    let text = fs::read_to_string(expect).expect("the .expect file is readable");
    let errors = text.matches("pointer:").count();
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().to_owned())
            .unwrap_or_else(|| panic!("{} has no `{key}` line", expect.display()))
    };
    let line = match value("line:").as_str() {
        "none" => None,
        n => Some(n.parse().expect("a line number")),
    };
    (value("pointer:"), line, errors)
}

#[test]
fn every_bad_spec_exits_1_with_one_located_line_per_error_and_writes_nothing() {
    let specs = common::corpus_specs("bad");
    assert!(!specs.is_empty());
    for spec in specs {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out_dir = tmp.path().join("out");
        let out = codegen(&spec, &out_dir, &[]);
        let shown = spec
            .strip_prefix(root())
            .expect("inside the workspace")
            .display()
            .to_string();
        let (pointer, line, errors) = expected_location(&spec.with_extension("expect"));
        let mut prefix = shown.clone();
        if let Some(n) = line {
            prefix.push_str(&format!(":{n}"));
        }
        if !pointer.is_empty() && pointer != "#" {
            prefix.push_str(&format!(": {pointer}"));
        }
        prefix.push_str(": ");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{shown}: {err}");
        assert!(
            err.ends_with('\n') && err.matches('\n').count() == errors,
            "{shown}: stderr must be exactly one line per error ({errors}), got {err:?}"
        );
        assert!(
            err.starts_with(&prefix),
            "{shown}: stderr must start with {prefix:?}, got {err:?}"
        );
        assert!(out.stdout.is_empty(), "{shown}: nothing on stdout");
        assert!(
            !out_dir.exists(),
            "{shown}: {} was created",
            out_dir.display()
        );
    }
}

#[test]
fn a_dangling_ref_names_file_line_and_pointer_exactly() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let spec = root().join("tests/specs/bad/ref_dangling_schema.yaml");
    let out = codegen(&spec, &tmp.path().join("out"), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "tests/specs/bad/ref_dangling_schema.yaml:13: \
         #/paths/~1things/get/responses/200/content/application~1json/schema: \
         dangling $ref \"#/components/schemas/Thing\": no such schema\n"
    );
}

#[test]
fn a_missing_spec_file_is_one_line_and_exit_1() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out_dir = tmp.path().join("out");
    let out = codegen(&tmp.path().join("nope.yaml"), &out_dir, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(err.matches('\n').count(), 1, "{err:?}");
    assert!(err.contains("nope.yaml: cannot read the spec"), "{err:?}");
    assert!(!out_dir.exists());
}

#[test]
fn spec_without_out_is_a_usage_error() {
    let out = xtask(&["codegen", "--spec", "spec/products.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--spec and --out go together"));
}

#[test]
fn a_good_spec_is_written_into_a_fresh_directory() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out_dir = tmp.path().join("fresh/client");
    let out = codegen(&root().join("tests/specs/ok/core_refs.yaml"), &out_dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "src/client.rs",
        "src/models.rs",
        "runtime/Cargo.toml",
        "runtime/src/lib.rs",
    ] {
        assert!(out_dir.join(file).is_file(), "{file} was not written");
    }
    let manifest = fs::read_to_string(out_dir.join("Cargo.toml")).expect("written");
    assert!(manifest.contains("name = \"cli-test\""), "{manifest}");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(stdout.starts_with("codegen: "), "{stdout}");

    // A second run over the same directory is up to date.
    let check = codegen(
        &root().join("tests/specs/ok/core_refs.yaml"),
        &out_dir,
        &["--check"],
    );
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn check_on_a_stale_directory_fails_with_a_diff_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out_dir = tmp.path().join("client");
    let spec = root().join("tests/specs/ok/core_refs.yaml");
    assert!(codegen(&spec, &out_dir, &[]).status.success());
    let models = out_dir.join("src/models.rs");
    let stale = fs::read_to_string(&models)
        .expect("written")
        .replace("pub struct Note {", "pub struct Note { // edited by hand");
    fs::write(&models, &stale).expect("writable");
    let extra = out_dir.join("src/extra.rs");
    fs::write(&extra, "// not generated\n").expect("writable");

    let out = codegen(&spec, &out_dir, &["--check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("src/models.rs"), "{err}");
    assert!(
        err.contains("-pub struct Note { // edited by hand"),
        "{err}"
    );
    assert!(err.contains("+pub struct Note {"), "{err}");
    assert!(err.contains("only on disk (not generated)"), "{err}");
    assert!(err.contains("src/extra.rs"), "{err}");
    assert!(err.contains("Run `cargo xtask codegen`"), "{err}");
    assert_eq!(fs::read_to_string(&models).expect("still there"), stale);
    assert!(extra.exists(), "--check must not remove files");
}

#[test]
fn a_bad_spec_leaves_an_existing_directory_untouched() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out_dir = tmp.path().join("client");
    assert!(
        codegen(&root().join("tests/specs/ok/core_refs.yaml"), &out_dir, &[])
            .status
            .success()
    );
    let before = fs::read_to_string(out_dir.join("src/models.rs")).expect("written");
    let entries = |dir: &Path| {
        let mut names: Vec<_> = fs::read_dir(dir.join("src"))
            .expect("src exists")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        names
    };
    let listed = entries(&out_dir);

    let out = codegen(
        &root().join("tests/specs/bad/ref_dangling_schema.yaml"),
        &out_dir,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(out_dir.join("src/models.rs")).expect("still there"),
        before
    );
    assert_eq!(entries(&out_dir), listed);
}
