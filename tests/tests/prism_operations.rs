//! Every generated crate's own operation tests (`tests/operations.rs`, written by the generator:
//! one test per operation, with its required parameters and with all of them) run against a
//! Prism mock of the crate's spec (`prism mock`, which refuses any request the spec does not
//! allow and answers from its examples or schemas): for `generated/` (against spec/products.yaml
//! and its 3.1 twin, tests/specs/products-3.1.yaml) and for every `tests/specs/ok` spec (3.0 and
//! 3.1), whose crates are built in the corpus workspace
//! (`target/corpus/ws`, shared with `corpus.rs`, so a run after the corpus test rebuilds nothing).
//!
//! Prints per spec: tests, exercised, passed, not exercised (with the reasons the tests give),
//! and fails naming every spec with a failing test. Needs Prism (`npm ci`), so it is ignored by
//! default: `cargo test -p whop-products-tests --test prism_operations -- --ignored --nocapture`.

#[path = "corpus_harness/cargo.rs"]
#[allow(dead_code)]
mod cargo;
#[path = "corpus_harness/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;
#[path = "corpus_harness/lock.rs"]
mod lock;
#[path = "prism_harness/server.rs"]
mod server;
#[path = "corpus_harness/workspace.rs"]
#[allow(dead_code)]
mod workspace;

use cargo::{in_workspace, run_bounded, target_dir, Outcome};
use server::{workspace_root, Prism};
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use workspace::Layout;

/// How long one crate's operation tests may take, build included.
const PER_CRATE: Duration = Duration::from_secs(10 * 60);

/// Generated tests known to fail against Prism, as (spec, test, why): every entry names a fault
/// of Prism, a spec written to be wrong, or a scheme the client does not send (warned when the
/// crate is generated); never a fault of the client. A listed test that passes is an
/// error (remove it), and so is a failing test not listed.
const KNOWN_FAILURES: &[(&str, &str, &str)] = &[
    ("core_shapes", "readings_list_required", PRISM_FLOAT),
    ("schemas_formats", "samples_create_required", PRISM_FLOAT),
    ("schemas_formats", "samples_create_all", PRISM_FLOAT),
    ("schemas_formats", "samples_get_required", PRISM_FLOAT),
    (
        "ops_bodies",
        "pets_login_all",
        "Prism reads a form-urlencoded list (`scopes=sample`) as a string: `scopes must be array`",
    ),
    (
        "ops_params",
        "items_search_required",
        "Prism crashes (a TypeError in its simple-style deserializer) on a request without the \
         optional array header",
    ),
    (
        "ops_form_encoding",
        "subscriptions_create_required",
        "Prism refuses a form body without the optional `pipeDelimited` property (`codes must be \
         array`; `customer=c&codes=x%7Cy` passes)",
    ),
    (
        "ops_form_encoding",
        "subscriptions_create_all",
        "Prism reads no list of objects in a form body (`items[0][price]=x`, deepObject): 415 \
         `Make sure the array is in JSON`",
    ),
    ("schemas_inheritance", "pets_list_required", PRISM_RECURSION),
    ("schemas_objects", "trees_get_required", PRISM_RECURSION),
    ("schemas_recursion", "pets_create_required", PRISM_RECURSION),
    ("schemas_recursion", "pets_create_all", PRISM_RECURSION),
    (
        "schemas_sloppy_defaults",
        "settings_get_required",
        "the spec's defaults have the wrong types on purpose, and Prism answers with them",
    ),
    ("schemas_unions", "pets_create_required", OVERLAPPING_ONE_OF),
    ("schemas_unions", "pets_create_all", OVERLAPPING_ONE_OF),
    ("schemas_unions", "pets_list_required", OVERLAPPING_ONE_OF),
    (
        "ops_bodies",
        "pets_put_thumbnail_required",
        "Prism answers a `format: byte` body with text that is not base64, which its own \
         validator reports",
    ),
    (
        "ops_security",
        "things_uses_digest_required",
        "the operation's only scheme is http `digest`, which the client does not send (a warning \
         says so when the crate is generated), so Prism answers 401",
    ),
    ("v31_tuples", "readings_put_required", PRISM_TUPLES),
    ("v31_tuples", "readings_put_all", PRISM_TUPLES),
    (
        "v31_tuples",
        "readings_get_required",
        "Prism answers a `prefixItems` tuple with an empty array, which its own validator reports",
    ),
];

/// Why a response with a `format: float` number fails to decode.
const PRISM_FLOAT: &str = "Prism answers `format: float` with -3.402823669209385e38, beyond f32's \
    range, which the client refuses (it also sends `format: byte` strings that are not base64)";
/// Why a request holding a tuple is refused.
const PRISM_TUPLES: &str = "Prism's validator applies a tuple's `items: false` to every element, \
    ignoring `prefixItems` (JSON Schema 2020-12), so it refuses every non-empty tuple the spec allows";
/// Why a response of a recursive schema fails to decode.
const PRISM_RECURSION: &str = "Prism stops a recursive schema with `{}`, leaving out required \
    properties, which its own validator reports and the client refuses";
/// Why a request or response of an overlapping `oneOf` is refused.
const OVERLAPPING_ONE_OF: &str = "the spec's `oneOf` members overlap on purpose (the client \
    warns about shadowed members), and Prism refuses a value matching more than one";

/// What one crate's operation tests said.
#[derive(Debug, Default)]
struct Report {
    tests: usize,
    not_exercised: Vec<String>,
    skipped: usize,
    /// The names of the failed tests.
    failed: Vec<String>,
    /// What the failures printed (panic messages), and what Prism logged as errors.
    details: Vec<String>,
}

impl Report {
    /// Reads the test binary's output (run with `--nocapture --test-threads=1`, so a test's
    /// lines follow its name).
    fn of(outcome: &Outcome) -> Report {
        let mut report = Report::default();
        let text = format!("{}\n{}", outcome.stdout, outcome.stderr);
        let mut current = String::new();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if let Some((name, _)) = line
                .strip_prefix("test ")
                .and_then(|r| r.split_once(" ... "))
            {
                current = name.to_owned();
                report.tests += 1;
            }
            if let Some((_, reason)) = line.split_once("not exercised: ") {
                report.not_exercised.push(reason.to_owned());
            } else if line.contains("skipped: ") {
                report.skipped += 1;
            }
            if line.trim_end().ends_with("FAILED") && !line.starts_with("test result") {
                report.failed.push(current.clone());
            }
            if line.contains("panicked at") {
                // The panic's message is the next line.
                report
                    .details
                    .push(lines.get(i + 1).unwrap_or(&"").to_string());
            }
        }
        if !outcome.success() && report.failed.is_empty() {
            report.details.push(outcome.trimmed(40));
        }
        report
    }

    fn exercised(&self) -> usize {
        self.tests - self.not_exercised.len() - self.skipped
    }

    fn summary(&self, spec: &str) -> String {
        let mut out = format!(
            "{spec}: {} tests, {} exercised, {} passed, {} not exercised",
            self.tests,
            self.exercised(),
            self.exercised().saturating_sub(self.failed.len()),
            self.not_exercised.len()
        );
        if self.skipped > 0 {
            out.push_str(&format!(
                ", {} SKIPPED (no TEST_API_BASE_URL?)",
                self.skipped
            ));
        }
        for reason in &self.not_exercised {
            out.push_str(&format!("\n    not exercised: {reason}"));
        }
        for test in &self.failed {
            let known = KNOWN_FAILURES
                .iter()
                .find(|(s, t, _)| spec.ends_with(&format!("/{s}.yaml")) && t == test);
            match known {
                Some((_, _, why)) => out.push_str(&format!("\n    failed, known: {test}: {why}")),
                None => out.push_str(&format!("\n    FAILED: {test}")),
            }
        }
        for detail in &self.details {
            out.push_str(&format!("\n    {detail}"));
        }
        out
    }

    /// What is wrong with this run of `spec`'s tests: failures not known, known failures that
    /// pass, a run that did not finish or skipped tests.
    fn problems(&self, spec: &str) -> Vec<String> {
        let mut out = Vec::new();
        for test in &self.failed {
            if !KNOWN_FAILURES
                .iter()
                .any(|(s, t, _)| *s == spec && t == test)
            {
                out.push(format!("{spec}: {test} failed"));
            }
        }
        for (s, test, _) in KNOWN_FAILURES.iter().filter(|(s, _, _)| *s == spec) {
            if !self.failed.iter().any(|t| t == test) {
                out.push(format!(
                    "{s}: {test} passes now; remove it from KNOWN_FAILURES"
                ));
            }
        }
        if self.failed.is_empty() && !self.details.is_empty() {
            out.push(format!("{spec}: the tests did not run"));
        }
        if self.skipped > 0 {
            out.push(format!("{spec}: {} tests skipped", self.skipped));
        }
        out
    }
}

/// Starts Prism on `spec`, runs `cmd` (the crate's operation tests) against it, and reads what
/// they said.
async fn run(spec: &Path, mut cmd: Command, logs: &Path, stem: &str) -> Report {
    let prism = match Prism::start(spec, logs).await {
        Ok(prism) => prism,
        Err(message) => {
            return Report {
                details: vec![format!("Prism did not start: {message}")],
                ..Report::default()
            }
        }
    };
    cmd.env("TEST_API_BASE_URL", prism.base_url()).args([
        "--test",
        "operations",
        "--",
        "--nocapture",
        "--test-threads=1",
    ]);
    let outcome = run_bounded(&mut cmd, logs, stem, PER_CRATE);
    let mut report = Report::of(&outcome);
    if !report.details.is_empty() {
        let errors: Vec<String> = prism
            .log_tail(400)
            .lines()
            .filter(|l| l.contains('✖') && !l.contains("get / "))
            .map(|l| {
                format!(
                    "prism: {}",
                    l.split_once(" › ").map_or(l, |(_, rest)| rest).trim()
                )
            })
            .collect();
        report.details.extend(errors);
    }
    report
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism_operations -- --ignored --nocapture`"]
async fn generated_operation_tests_pass_against_prism() {
    let root = workspace_root();
    let logs = target_dir().join("prism-operations");
    let mut failing = Vec::new();

    // generated/, in the main workspace, against the spec and against its 3.1 twin (which
    // generates the same crate: generator/tests/openapi31_twin.rs).
    for (spec, stem) in [
        ("spec/products.yaml", "generated"),
        ("tests/specs/products-3.1.yaml", "generated-3.1"),
    ] {
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.current_dir(&root).args(["test", "-p", "whop-products"]);
        let report = run(&root.join(spec), cmd, &logs, stem).await;
        println!("{}", report.summary(&format!("{spec} (generated/)")));
        failing.extend(report.problems(stem));
    }

    // The corpus, in its workspace.
    let ok = fixtures::fixtures("ok");
    let (layout, built, not_generated) = Layout::of(&ok);
    assert!(not_generated.is_empty(), "{}", not_generated.join("\n"));
    let corpus = target_dir().join("corpus");
    let _lock = lock::Lock::acquire(&corpus.join("lock"));
    let ws = corpus.join("ws");
    layout
        .sync(&ws)
        .expect("the corpus workspace can be written");
    for fixture in built {
        if !layout
            .files
            .contains_key(&format!("crates/{}/tests/operations.rs", fixture.name))
        {
            println!("{}: no operations", fixture.shown);
            continue;
        }
        if is_openapi_3_2(&fixture.path) {
            println!(
                "{}: not exercised: Prism reads OpenAPI 3.0 and 3.1, not 3.2 (its `$self`, \
                 `query` method, `itemSchema`); the behaviour tests cover this spec",
                fixture.shown
            );
            continue;
        }
        let mut cmd = in_workspace("test", &ws, &corpus.join("target"), true);
        // The features the corpus test builds with, so nothing is rebuilt.
        cmd.args(["-p", &fixture.crate_name(), "--features", "blocking"]);
        let report = run(&fixture.path, cmd, &logs, &fixture.name).await;
        println!("{}", report.summary(&fixture.shown));
        failing.extend(report.problems(&fixture.name));
    }
    assert!(
        failing.is_empty(),
        "operation tests failed against Prism (details above, logs in {}): {failing:?}",
        logs.display()
    );
}

/// Whether the spec at `path` declares OpenAPI 3.2 (`openapi: 3.2.x`, YAML or JSON).
fn is_openapi_3_2(path: &Path) -> bool {
    let text = std::fs::read_to_string(path).expect("the spec is readable");
    text.lines().any(|line| {
        let line = line.trim_start().trim_start_matches('"');
        line.strip_prefix("openapi")
            .map(|rest| rest.trim_start_matches(['"', ':', ' ']))
            .is_some_and(|version| version.trim_matches(['"', ',']).starts_with("3.2"))
    })
}
