//! Every generated crate's own operation tests (`tests/operations.rs`, written by the generator:
//! one test per operation, with its required parameters and with all of them) run against a
//! Prism mock of the crate's spec (`prism mock`, which refuses any request the spec does not
//! allow and answers from its examples or schemas): for `generated/` (spec/products.yaml) and for
//! every `tests/specs/ok` spec (3.0 and 3.1), whose crates are built in the corpus workspace
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

/// Specs of `tests/specs/ok` whose operation tests are known to fail against Prism, and why:
/// none may be listed without a reason, and a listed spec that passes is an error.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

/// What one crate's operation tests said.
#[derive(Debug, Default)]
struct Report {
    tests: usize,
    exercised: usize,
    passed: usize,
    not_exercised: Vec<String>,
    failures: Vec<String>,
}

impl Report {
    /// Reads the test binary's output (run with `--nocapture --test-threads=1`, so each test's
    /// line follows its name).
    fn of(outcome: &Outcome) -> Report {
        let mut report = Report::default();
        let text = format!("{}\n{}", outcome.stdout, outcome.stderr);
        let mut current = String::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("test ") {
                if let Some((name, _)) = rest.split_once(" ... ") {
                    current = name.to_owned();
                    report.tests += 1;
                }
            }
            if let Some((_, reason)) = line.split_once("not exercised: ") {
                report.not_exercised.push(reason.to_owned());
            } else if line.contains("exercised: ") {
                report.exercised += 1;
            }
            if line.contains("panicked at") || line.trim_end().ends_with("FAILED") {
                report.failures.push(format!("{current}: {line}"));
            }
        }
        // A panic's message is on the lines after "panicked at"; keep the next one too.
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.contains("panicked at") {
                if let Some(next) = lines.get(i + 1) {
                    report.failures.push(format!("  {next}"));
                }
            }
        }
        let failed = failed_count(&text);
        report.passed = report.exercised.saturating_sub(failed);
        if !outcome.success() && report.failures.is_empty() {
            report.failures.push(outcome.trimmed(40));
        }
        report
    }

    fn summary(&self, spec: &str) -> String {
        let mut out = format!(
            "{spec}: {} tests, {} exercised, {} passed, {} not exercised",
            self.tests,
            self.exercised,
            self.passed,
            self.not_exercised.len()
        );
        for reason in &self.not_exercised {
            out.push_str(&format!("\n    not exercised: {reason}"));
        }
        for failure in &self.failures {
            out.push_str(&format!("\n    {failure}"));
        }
        out
    }
}

/// The `N failed` of libtest's result line.
fn failed_count(text: &str) -> usize {
    text.lines()
        .filter_map(|l| l.strip_prefix("test result: "))
        .filter_map(|l| l.split("; ").find_map(|p| p.strip_suffix(" failed")))
        .filter_map(|n| n.trim().parse::<usize>().ok())
        .sum()
}

/// Starts Prism on `spec`, runs `cmd` (the crate's operation tests) against it, and reads what
/// they said.
async fn run(spec: &Path, mut cmd: Command, logs: &Path, stem: &str) -> Report {
    let prism = match Prism::start(spec, logs).await {
        Ok(prism) => prism,
        Err(message) => {
            return Report {
                failures: vec![format!("Prism did not start: {message}")],
                ..Report::default()
            }
        }
    };
    cmd.env("TEST_API_BASE_URL", prism.base_url())
        .args(["--test", "operations", "--", "--nocapture", "--test-threads=1"]);
    let outcome = run_bounded(&mut cmd, logs, stem, PER_CRATE);
    let mut report = Report::of(&outcome);
    if !report.failures.is_empty() {
        report
            .failures
            .push(format!("Prism's log:\n{}", prism.log_tail(20)));
    }
    report
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism_operations -- --ignored --nocapture`"]
async fn generated_operation_tests_pass_against_prism() {
    let root = workspace_root();
    let logs = target_dir().join("prism-operations");
    let mut failing = Vec::new();

    // generated/, in the main workspace.
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(&root)
        .args(["test", "-p", "whop-products"]);
    let report = run(&root.join("spec/products.yaml"), cmd, &logs, "generated").await;
    println!("{}", report.summary("spec/products.yaml (generated/)"));
    if !report.failures.is_empty() {
        failing.push("spec/products.yaml".to_owned());
    }

    // The corpus, in its workspace.
    let ok = fixtures::fixtures("ok");
    let (layout, built, not_generated) = Layout::of(&ok);
    assert!(not_generated.is_empty(), "{}", not_generated.join("\n"));
    let corpus = target_dir().join("corpus");
    let _lock = lock::Lock::acquire(&corpus.join("lock"));
    let ws = corpus.join("ws");
    layout.sync(&ws).expect("the corpus workspace can be written");
    for fixture in built {
        if !layout
            .files
            .contains_key(&format!("crates/{}/tests/operations.rs", fixture.name))
        {
            println!("{}: no operations", fixture.shown);
            continue;
        }
        let mut cmd = in_workspace("test", &ws, &corpus.join("target"), true);
        cmd.args(["-p", &fixture.crate_name()]);
        let report = run(&fixture.path, cmd, &logs, &fixture.name).await;
        println!("{}", report.summary(&fixture.shown));
        let known = KNOWN_FAILURES.iter().find(|(name, _)| *name == fixture.name);
        match (report.failures.is_empty(), known) {
            (false, None) => failing.push(fixture.shown.clone()),
            (true, Some(_)) => failing.push(format!(
                "{}: passes now; remove it from KNOWN_FAILURES",
                fixture.shown
            )),
            _ => {}
        }
    }
    assert!(
        failing.is_empty(),
        "operation tests failed against Prism (details above, logs in {}): {failing:?}",
        logs.display()
    );
}
