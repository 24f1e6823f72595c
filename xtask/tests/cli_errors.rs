//! The `xtask` binary's contract on bad and good input: a bad spec gives exit status 1, one line
//! on stderr per error (sorted by line) naming the file, line and pointer, and writes nothing; a
//! good spec writes the crate and names each file written; `--check` on a stale directory fails
//! with a diff and writes nothing. On the command line: `--help` explains every option, and a
//! usage error (unknown command or option, an option without the one it needs) names the culprit
//! and exits 1. A `--spec` crate's headers name the command that regenerates it, and an `--out`
//! inside a workspace that does not include it is warned about.

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

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

/// Runs `xtask <args> --help` and checks that it succeeds and gives each of `options` a line of
/// explanation (the option's line, or the next one, has words after it).
fn assert_help_explains(args: &[&str], options: &[&str]) {
    let mut with_help = args.to_vec();
    with_help.push("--help");
    let out = xtask(&with_help);
    let help = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<&str> = help.lines().collect();
    for option in options {
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(option))
            .unwrap_or_else(|| panic!("`{args:?} --help` does not list {option}:\n{help}"));
        let own = lines[at].trim_start()[option.len()..].trim();
        let next = lines.get(at + 1).map_or("", |l| l.trim());
        let explanation = if own.is_empty() { next } else { own };
        assert!(
            explanation.split_whitespace().count() >= 3 && !explanation.starts_with('-'),
            "`{args:?} --help` does not explain {option}:\n{help}"
        );
    }
}

#[test]
fn help_explains_every_command_and_option() {
    assert_help_explains(&[], &["codegen", "bench-peers"]);
    assert_help_explains(
        &["codegen"],
        &[
            "--check",
            "--spec <FILE>",
            "--out <DIR>",
            "--crate-name <NAME>",
            "--env-prefix <PREFIX>",
        ],
    );
    // What relative paths are relative to: where the command runs (`cargo xtask` keeps it).
    let help = stdout(&xtask(&["codegen", "--help"]));
    for option in ["--spec <FILE>", "--out <DIR>"] {
        let at = help.find(&format!("  {option}\n")).expect("listed");
        let explanation = help[at..].split("\n\n").next().unwrap_or("");
        assert!(
            explanation.contains("relative to the current directory"),
            "{option}: {explanation}"
        );
    }
    assert_help_explains(
        &["bench-peers"],
        &["--only <STEPS>", "--runs <N>", "--downstream <BINARIES>"],
    );
}

#[test]
fn an_unknown_command_or_option_is_named_and_exits_1() {
    for (args, named) in [
        (&["frobnicate"][..], "'frobnicate'"),
        (&["codegen", "--chek"], "'--chek'"),
        (&["bench-peers", "--only", "gen,lint"], "'lint'"),
    ] {
        let out = xtask(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(named), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}

#[test]
fn options_that_need_spec_and_out_name_the_missing_one() {
    for (args, missing) in [
        (
            &["codegen", "--spec", "spec/products.yaml"][..],
            "--out <DIR>",
        ),
        (&["codegen", "--out", "somewhere"], "--spec <FILE>"),
        (&["codegen", "--crate-name", "my-client"], "--spec <FILE>"),
        (
            &["codegen", "--check", "--env-prefix", "ACME"],
            "--spec <FILE>",
        ),
    ] {
        let out = xtask(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with("error: the following required arguments were not provided"),
            "{args:?}: {err}"
        );
        assert!(err.contains(missing), "{args:?}: {err}");
    }
}

#[test]
fn env_prefix_names_the_client_environment_variables() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out_dir = tmp.path().join("client");
    let spec = root().join("tests/specs/ok/ops_security.yaml");
    let out = codegen(&spec, &out_dir, &["--env-prefix", "acme-corp"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let client = fs::read_to_string(out_dir.join("src/client.rs")).expect("written");
    assert!(client.contains("\"ACME_CORP_BEARER_TOKEN\""), "{client}");
    assert!(
        client.contains("&[\"ACME_CORP_USERNAME\", \"ACME_CORP_PASSWORD\"]"),
        "{client}"
    );
    assert!(client.contains("\"ACME_CORP_BASE_URL\""), "{client}");
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
    // Every header names the command that regenerates this crate, with its options as given.
    let spec = root().join("tests/specs/ok/core_refs.yaml");
    let command = format!(
        "cargo xtask codegen --spec {} --out {} --crate-name cli-test",
        spec.display(),
        out_dir.display()
    );
    for (file, comment) in [
        ("Cargo.toml", "#"),
        ("src/lib.rs", "//"),
        ("runtime/src/lib.rs", "//"),
    ] {
        let text = fs::read_to_string(out_dir.join(file)).expect("written");
        let header = format!(
            "{comment} @generated by openapi-gen from `tests/specs/ok/core_refs.yaml` with `{command}`.\n\
             {comment} Do not edit: change the spec or the generator, then run `{command}` again.\n"
        );
        assert!(text.starts_with(&header), "{file}:\n{text:.400}");
    }
    let mut written: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    // One line per file, then what was generated.
    assert_eq!(written.pop().as_deref(), Some(COUNTS), "{}", stdout(&out));
    let files = written.len();
    assert!(
        written.contains(&format!(
            "wrote {}",
            out_dir.join("src/models.rs").display()
        )),
        "{written:?}"
    );
    assert!(
        written.iter().all(|l| l.starts_with("wrote ")),
        "{written:?}"
    );

    // A second run over the same directory is up to date, and says so.
    for extra in [&[][..], &["--check"]] {
        let again = codegen(
            &root().join("tests/specs/ok/core_refs.yaml"),
            &out_dir,
            extra,
        );
        assert!(again.status.success(), "{}", stderr(&again));
        assert_eq!(
            stdout(&again),
            format!(
                "{}/ is up to date ({files} files)\n{COUNTS}\n",
                out_dir.display()
            )
        );
    }

    // After a hand edit and a stray file, only those two are named.
    let models = out_dir.join("src/models.rs");
    fs::write(&models, "// edited by hand\n").expect("writable");
    let extra = out_dir.join("src/extra.rs");
    fs::write(&extra, "// not generated\n").expect("writable");
    let again = codegen(&root().join("tests/specs/ok/core_refs.yaml"), &out_dir, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        stdout(&again),
        format!(
            "wrote {}\nremoved {}\n{COUNTS}\n",
            models.display(),
            extra.display()
        )
    );
}

/// What `tests/specs/ok/core_refs.yaml` generates.
const COUNTS: &str = "2 operations, 5 types, 0 warnings";

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
    // The fix named is the command that regenerates this crate, not generated/.
    assert!(
        err.ends_with(&format!(
            "Run `cargo xtask codegen --spec {} --out {} --crate-name cli-test` and commit the result.\n",
            spec.display(),
            out_dir.display()
        )),
        "{err}"
    );
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

#[test]
fn an_out_dir_in_a_workspace_that_does_not_include_it_is_warned_about() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let workspace = tmp.path().join("ws");
    fs::create_dir_all(&workspace).expect("writable");
    fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\n",
    )
    .expect("writable");
    let spec = root().join("tests/specs/ok/core_refs.yaml");
    let out = codegen(&spec, &workspace.join("client"), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let manifest = workspace.canonicalize().expect("exists").join("Cargo.toml");
    assert!(
        err.starts_with(&format!(
            "warning: {} is inside the Cargo workspace of {}, which does not include it",
            workspace.join("client").display(),
            manifest.display()
        )),
        "{err}"
    );
    assert!(err.contains("add \"client\" to `members`"), "{err}");
    assert!(workspace.join("client/src/lib.rs").is_file());
}
