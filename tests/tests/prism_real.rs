//! The generated operation tests (`tests/operations.rs`) of the real public descriptions of
//! `tests/specs/public/` against a Prism mock of each, as a gate: every failure must be
//! explained by a failure class of `tests/specs/public/prism_known.rs` (a pattern over the
//! failure's message and the reason it is not the client's fault), and every class must still
//! explain at least one failure.
//!
//! Runs in the workspace `tests/real.sh` writes (`target/real/ws`, its target dir
//! `target/real/target`, warnings denied as there): one `cargo test --no-run` builds every test
//! binary, then each runs against its own `prism mock`. Prints per spec: tests, exercised,
//! passed, explained failures by class, not exercised; and the time of the build and of each
//! run. Needs Prism (`npm ci`) and the crates of `tests/real.sh`, so it is ignored by default:
//! `bash tests/real.sh && cargo test -p whop-products-tests --test prism_real -- --ignored --nocapture`
//! (`PRISM_REAL=svix.json,discord.json` limits it to those fixtures; `PRISM_REAL_REPLAY=1`
//! judges the outputs the last run saved in `target/real/prism` again, without building or
//! starting Prism: to work on the failure classes).

#[path = "corpus_harness/cargo.rs"]
#[allow(dead_code)]
mod cargo;
#[path = "../specs/public/prism_known.rs"]
mod known;
#[path = "prism_harness/server.rs"]
mod server;

use cargo::{in_workspace, run_bounded, Outcome};
use known::{Class, Spec, SPECS};
use regex_lite::Regex;
use server::{workspace_root, Prism};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// How long building every test binary may take.
const BUILD: Duration = Duration::from_secs(40 * 60);
/// How long one spec's tests may take against Prism.
const PER_SPEC: Duration = Duration::from_secs(20 * 60);
/// How long Prism may take to load a description (GitHub's is 13 MB).
const PRISM_START: Duration = Duration::from_secs(5 * 60);

/// The crate `tests/real.sh` generates from a fixture: `real-<stem>`, dots as dashes.
fn crate_name(fixture: &str) -> String {
    let stem = fixture.rsplit_once('.').map_or(fixture, |(stem, _)| stem);
    format!("real-{stem}").replace('.', "-")
}

/// One failed test: its name and its panic message.
#[derive(Debug)]
struct Failure {
    test: String,
    message: String,
    /// When the client refused the answer (a decode error) and Prism's own validator logged a
    /// violation of that answer at the same place: that violation.
    prism_says: Option<String>,
}

/// What one test binary's run said.
#[derive(Debug, Default)]
struct Run {
    tests: usize,
    not_exercised: usize,
    skipped: usize,
    failures: Vec<Failure>,
    /// Set when the run did not finish with libtest's summary.
    unfinished: Option<String>,
    /// How many times Prism was started, and how long it took to load the description.
    starts: usize,
    load: Duration,
}

impl Run {
    /// Reads a run with `--nocapture`: the `not exercised:` and `skipped:` lines on stdout, the
    /// summary (`test result: ... N passed; M failed`) and the list of failed tests after
    /// `failures:`; the panics on stderr (`thread '<test>' panicked at <place>:`, then the
    /// message up to the next panic or note).
    fn of(outcome: &Outcome) -> Run {
        let mut run = Run::default();
        let summary = Regex::new(r"^test result: \w+\. (\d+) passed; (\d+) failed;")
            .expect("the summary pattern is valid");
        let mut finished = false;
        let mut failed = Vec::new();
        let mut in_failures = false;
        for line in outcome.stdout.lines() {
            if line.contains("not exercised: ") {
                run.not_exercised += 1;
            } else if line.contains("skipped: ") {
                run.skipped += 1;
            }
            if let Some(c) = summary.captures(line) {
                run.tests = c[1].parse::<usize>().unwrap_or(0) + c[2].parse::<usize>().unwrap_or(0);
                finished = true;
            }
            if line == "failures:" {
                in_failures = true;
                failed.clear();
            } else if in_failures {
                match line.strip_prefix("    ") {
                    Some(name) => failed.push(name.trim().to_owned()),
                    None => in_failures = false,
                }
            }
        }
        let mut messages: BTreeMap<String, String> = BTreeMap::new();
        let mut current: Option<(String, Vec<&str>)> = None;
        let panic = Regex::new(r"^thread '([^']+)'(?: \(\d+\))? panicked at ")
            .expect("the panic pattern is valid");
        for line in outcome.stderr.lines() {
            if let Some(c) = panic.captures(line) {
                if let Some((test, lines)) = current.take() {
                    messages.insert(test, lines.join("\n"));
                }
                current = Some((c[1].to_owned(), Vec::new()));
            } else if line.starts_with("note: ") || line.starts_with("error: test failed") {
                if let Some((test, lines)) = current.take() {
                    messages.insert(test, lines.join("\n"));
                }
            } else if let Some((_, lines)) = current.as_mut() {
                lines.push(line);
            }
        }
        if let Some((test, lines)) = current.take() {
            messages.insert(test, lines.join("\n"));
        }
        run.failures = failed
            .into_iter()
            .map(|test| Failure {
                message: messages.remove(&test).unwrap_or_default(),
                test,
                prism_says: None,
            })
            .collect();
        if !finished {
            run.unfinished = Some(outcome.trimmed(30));
        }
        run
    }

    fn exercised(&self) -> usize {
        self.tests - self.not_exercised.min(self.tests) - self.skipped.min(self.tests)
    }
}

/// A spec's failures sorted by the class explaining them (in the order of `classes`; the first
/// class whose pattern matches), and those none explains.
struct Verdict<'a> {
    by_rule: Vec<(&'static str, Vec<&'a Failure>)>,
    by_class: Vec<(&'a Class, Vec<&'a Failure>)>,
    unexplained: Vec<&'a Failure>,
}

fn judge<'a>(spec: &'a Spec, run: &'a Run) -> Verdict<'a> {
    let patterns: Vec<Regex> = spec
        .classes
        .iter()
        .map(|c| {
            Regex::new(c.pattern).unwrap_or_else(|err| {
                panic!("{}: the pattern of class {:?}: {err}", spec.fixture, c.name)
            })
        })
        .collect();
    let mut by_class: Vec<(&Class, Vec<&Failure>)> =
        spec.classes.iter().map(|c| (c, Vec::new())).collect();
    let mut unexplained = Vec::new();
    let mut by_rule: Vec<(&'static str, Vec<&Failure>)> =
        RULES.iter().map(|r| (*r, Vec::new())).collect();
    for failure in &run.failures {
        if failure.prism_says.is_some() {
            by_rule[0].1.push(failure);
            continue;
        }
        if answer_violations_only(&failure.message) {
            by_rule[1].1.push(failure);
            continue;
        }
        match patterns.iter().position(|p| p.is_match(&failure.message)) {
            Some(i) => by_class[i].1.push(failure),
            None => unexplained.push(failure),
        }
    }
    Verdict {
        by_rule,
        by_class,
        unexplained,
    }
}

/// The rules that explain a failure whatever the spec, in the order the table prints them.
const RULES: &[&str] = &[
    "rule: the client refused an answer that Prism's own validator says breaks the spec at \
     the same place (an example or a generated value that breaks its schema)",
    "rule: the answer decoded, but Prism says (`sl-violations`) it breaks the spec, and \
     every violation is the answer's (none of the request)",
];

/// A violation of the answer's shape (a type, a required property, an enum or constant, a
/// union's members, additional properties), which a decoder refuses; not of its patterns,
/// formats or limits, which the client does not check, so they cannot explain a decode error.
const SHAPE_VIOLATION: &str = r"must (be (object|array|string|number|integer|boolean|null)\b|be equal to|have required property|match exactly one schema|match a schema in anyOf|NOT have additional properties)";

/// Whether `message` is the check's `the server reported violations: [...]` with violations
/// all located in the response.
fn answer_violations_only(message: &str) -> bool {
    let Some((_, json)) = message.split_once(": the server reported violations: ") else {
        return false;
    };
    let Ok(serde_json::Value::Array(violations)) = serde_json::from_str(json.trim()) else {
        return false;
    };
    !violations.is_empty()
        && violations
            .iter()
            .all(|v| v["location"].get(0).and_then(|l| l.as_str()) == Some("response"))
}

/// One request in Prism's log: method, path (with its query) and the violations its validator
/// logged of the answer's body (location below `response.body`, dotted, and message).
#[derive(Debug)]
struct Logged {
    method: String,
    path: String,
    violations: Vec<(String, String)>,
}

/// The requests of a Prism log, in order.
fn logged_requests(log: &str) -> Vec<Logged> {
    let mut out: Vec<Logged> = Vec::new();
    for line in log.lines() {
        if let Some((_, rest)) = line.split_once("[HTTP SERVER] ") {
            if line.contains("Request received") {
                let mut words = rest.split_whitespace();
                if let (Some(method), Some(path)) = (words.next(), words.next()) {
                    out.push(Logged {
                        method: method.to_ascii_uppercase(),
                        path: path.to_owned(),
                        violations: Vec::new(),
                    });
                }
            }
        } else if let Some((_, rest)) = line.split_once("Violation: response.body") {
            if let Some(last) = out.last_mut() {
                let (location, message) = rest.split_once(' ').unwrap_or((rest, ""));
                let location = location.trim_start_matches('.').to_owned();
                last.violations.push((location, message.trim().to_owned()));
            }
        }
    }
    out
}

/// A call's label (`GET /a/{id} (a.get, required parameters)`) as method and a pattern of the
/// paths it requests (a parameter is any segment text; the query may follow).
fn label_pattern(label: &str) -> Option<(String, Regex)> {
    let mut words = label.split_whitespace();
    let method = words.next()?.to_owned();
    let template = words.next()?;
    let mut pattern = String::from("^");
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        pattern.push_str(&escape_path(&rest[..open]));
        pattern.push_str("[^/?]*");
        rest = rest[open..].split_once('}').map_or("", |(_, r)| r);
    }
    pattern.push_str(&escape_path(rest));
    pattern.push_str(r"([?#].*)?$");
    Some((method, Regex::new(&pattern).ok()?))
}

/// A literal piece of a path template as a regex; `?` also as the `%3F` it is sent as.
fn escape_path(text: &str) -> String {
    regex_lite::escape(text).replace(r"\?", r"(\?|%3F)")
}

/// A decode error's path (`[0].a.b`, `.` for the root) in the dotted form of Prism's
/// locations (`0.a.b`, empty for the root).
fn dotted(path: &str) -> String {
    let path = path.replace('[', ".").replace(']', "");
    path.trim_start_matches('.').to_owned()
}

/// Whether a violation at `location` is at the place of a decode error at `at` (both dotted):
/// the same place, or one inside the other when that other is not the root (a union refused as
/// a whole, a member's property refused inside it).
fn same_place(at: &str, location: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        !outer.is_empty()
            && inner
                .strip_prefix(outer)
                .is_some_and(|r| r.starts_with('.'))
    };
    at == location || inside(at, location) || inside(location, at)
}

/// Sets `prism_says` of each decode failure whose request Prism logged with a violation of the
/// answer at the decode error's place. Tests run one at a time in the order of their
/// `test <name> ... ` lines; each test that got an answer is matched with the next logged
/// request of its method and path.
fn read_prism_log(run: &mut Run, stdout: &str, log: &str) {
    let requests = logged_requests(log);
    let decode = Regex::new(r"^(.*?\)): could not decode the .*? response at `([^`]*)`")
        .expect("the decode pattern is valid");
    let answered =
        Regex::new(r"(?:^|\s)exercised: (.*?\)): ").expect("the exercised pattern is valid");
    let mut cursor = 0;
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((test, after)) = rest.split_once(" ... ") else {
            continue;
        };
        let failure = run.failures.iter_mut().find(|f| f.test == test);
        let (label, at) = match (&failure, answered.captures(after)) {
            (Some(f), _) => match decode.captures(&f.message) {
                Some(c) => (c[1].to_owned(), Some(dotted(&c[2]))),
                // A failure with an answer that is not a decode error still used a request.
                None if f.message.contains(": the server ") => (
                    f.message.split("): ").next().unwrap_or("").to_owned() + ")",
                    None,
                ),
                None => continue,
            },
            (None, Some(c)) if !after.contains("not exercised: ") => (c[1].to_owned(), None),
            _ => continue,
        };
        let Some((method, path)) = label_pattern(&label) else {
            continue;
        };
        let Some(offset) = requests[cursor..]
            .iter()
            .position(|r| r.method == method && path.is_match(&r.path))
        else {
            continue;
        };
        let request = &requests[cursor + offset];
        cursor += offset + 1;
        if let (Some(failure), Some(at)) = (failure, at) {
            let shape = Regex::new(SHAPE_VIOLATION).expect("the shape pattern is valid");
            failure.prism_says = request
                .violations
                .iter()
                .find(|(location, message)| same_place(&at, location) && shape.is_match(message))
                .map(|(location, message)| format!("response.body.{location}: {message}"));
        }
    }
}

/// Builds every listed crate's operation tests in one cargo invocation; returns each crate's
/// test binary.
fn build(ws: &Path, target: &Path, crates: &[String], logs: &Path) -> BTreeMap<String, PathBuf> {
    let mut cmd = in_workspace("test", ws, target, true);
    cmd.args(["--no-run", "--test", "operations", "--message-format=json"]);
    for name in crates {
        cmd.args(["-p", name]);
    }
    let started = Instant::now();
    let outcome = run_bounded(&mut cmd, logs, "build", BUILD);
    assert!(
        outcome.success(),
        "the operation tests of the real crates do not build:\n{}",
        compiler_errors(&outcome)
    );
    println!(
        "built the operation tests of {} crates in {:.0} s",
        crates.len(),
        started.elapsed().as_secs_f64()
    );
    let mut binaries = BTreeMap::new();
    for line in outcome.stdout.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(exe), Some(manifest)) = (
            message["executable"].as_str(),
            message["manifest_path"].as_str(),
        ) else {
            continue;
        };
        if message["target"]["name"] != "operations" {
            continue;
        }
        let name = Path::new(manifest)
            .parent()
            .and_then(|d| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        binaries.insert(name, PathBuf::from(exe));
    }
    binaries
}

/// The compiler's rendered errors among cargo's JSON messages, else cargo's own output.
fn compiler_errors(outcome: &Outcome) -> String {
    let rendered: Vec<String> = outcome
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|m| m["message"]["rendered"].as_str().map(str::to_owned))
        .take(20)
        .collect();
    if rendered.is_empty() {
        outcome.trimmed(40)
    } else {
        rendered.join("\n")
    }
}

/// How many times Prism is started for one spec: it crashes on some requests (then the tests
/// it could not answer run again against a new Prism).
const MAX_STARTS: usize = 16;

/// Runs `exe` (a crate's operation tests) against Prism serving `spec_path`; when Prism crashes
/// during the run, the test whose request crashed it gets Prism's error appended to its message
/// (`Prism crashed: ...`), and the tests that then found no server run again against a new Prism.
async fn run_spec(
    spec: &Spec,
    spec_path: &Path,
    exe: &Path,
    dir: &Path,
    logs: &Path,
) -> Result<Run, String> {
    let mut total = Run::default();
    let mut only: Option<Vec<String>> = None;
    for start in 1..=MAX_STARTS {
        let stem = format!("{}-{start}", crate_name(spec.fixture));
        let saved = |suffix: &str| logs.join(format!("{stem}-{suffix}"));
        let (outcome, crashed, log) = if replay() {
            // The outputs a previous run saved, judged again (to work on the classes).
            let read = |suffix: &str| std::fs::read_to_string(saved(suffix)).ok();
            let outcome = Outcome {
                status: None,
                stdout: read("stdout.log")
                    .ok_or_else(|| format!("{}: no saved run {stem} to replay", spec.fixture))?,
                stderr: read("stderr.log").unwrap_or_default(),
            };
            (
                outcome,
                read("crash.txt"),
                read("prism.log").unwrap_or_default(),
            )
        } else {
            let loading = Instant::now();
            let prism = Prism::start_within(spec_path, logs, PRISM_START)
                .await
                .map_err(|message| format!("{}: Prism did not start: {message}", spec.fixture))?;
            total.load += loading.elapsed();
            let mut cmd = Command::new(exe);
            cmd.current_dir(dir)
                .env("TEST_API_BASE_URL", prism.base_url())
                .env("RUST_BACKTRACE", "0")
                .args(["--nocapture", "--test-threads=1"]);
            if let Some(tests) = &only {
                cmd.arg("--exact").args(tests);
            }
            let outcome = run_bounded(&mut cmd, logs, &stem, PER_SPEC);
            let answers = prism.answers().await;
            let log_now = prism.log_tail(usize::MAX);
            let crashed = crash_report(&log_now).or_else(|| {
                (!answers).then(|| "Prism no longer answers (no error in its log)".to_owned())
            });
            let log = prism.log_tail(usize::MAX);
            drop(prism);
            let _ = std::fs::write(saved("prism.log"), &log);
            let _ = match &crashed {
                Some(crash) => std::fs::write(saved("crash.txt"), crash),
                None => std::fs::remove_file(saved("crash.txt")),
            };
            (outcome, crashed, log)
        };
        total.starts = start;
        let mut run = Run::of(&outcome);
        read_prism_log(&mut run, &outcome.stdout, &log);
        if let Some(output) = &run.unfinished {
            return Err(format!(
                "{}: the tests did not finish:\n{output}",
                spec.fixture
            ));
        }
        if only.is_none() {
            total.tests = run.tests;
        }
        total.not_exercised += run.not_exercised;
        total.skipped += run.skipped;
        let Some(crash) = crashed else {
            total.failures.append(&mut run.failures);
            return Ok(total);
        };
        // The tests that found no server: run again; the one cut off: told why.
        let (refused, mut others): (Vec<Failure>, Vec<Failure>) =
            run.failures.into_iter().partition(|f| {
                f.message.contains("Connection refused")
                    || f.message.contains("Connection reset by peer")
            });
        for failure in &mut others {
            if failure
                .message
                .contains("connection closed before message completed")
            {
                failure
                    .message
                    .push_str(&format!("\nPrism crashed: {crash}"));
            }
        }
        total.failures.append(&mut others);
        if refused.is_empty() {
            return Ok(total);
        }
        only = Some(refused.into_iter().map(|f| f.test).collect());
    }
    Err(format!(
        "{}: Prism crashed {MAX_STARTS} times; tests not run: {:?}",
        spec.fixture,
        only.unwrap_or_default()
    ))
}

/// Whether to judge the outputs the last run saved in `target/real/prism` instead of building
/// and running (`PRISM_REAL_REPLAY=1`: to work on the failure classes without Prism).
fn replay() -> bool {
    std::env::var_os("PRISM_REAL_REPLAY").is_some_and(|v| v == "1")
}

/// What a crashed Prism logged: node's error (the last line such as `TypeError: ...`) with the
/// lines before it (the place) and its first frames, paths shortened to what follows
/// `node_modules/`, on one line; `None` when the log holds no such error.
fn crash_report(log: &str) -> Option<String> {
    let error = Regex::new(r"^[A-Za-z]*Error: ").expect("the error pattern is valid");
    let lines: Vec<&str> = log.lines().collect();
    let at = lines.iter().rposition(|l| error.is_match(l))?;
    let text: Vec<String> = lines[at.saturating_sub(3)..(at + 5).min(lines.len())]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('['))
        .map(|l| match l.split_once("node_modules/") {
            Some((head, tail)) => {
                format!("{}{tail}", head.trim_end_matches(|c| c != '(' && c != ' '))
            }
            None => l.to_owned(),
        })
        .collect();
    Some(text.join(" | "))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Prism (`npm ci`) and tests/real.sh's crates: run `bash tests/real.sh`, then `cargo test -p whop-products-tests --test prism_real -- --ignored --nocapture`"]
async fn real_operation_tests_pass_against_prism_or_fail_explained() {
    let root = workspace_root();
    let real = root.join("target/real");
    let ws = real.join("ws");
    let logs = real.join("prism");
    let only: Option<Vec<String>> = std::env::var("PRISM_REAL")
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect());
    for spec in SPECS {
        if let Some(why) = spec.not_run {
            println!("{}: not run: {why}", spec.fixture);
        }
    }
    let specs: Vec<&Spec> = SPECS
        .iter()
        .filter(|s| match &only {
            // Named: run even when it is not run by default.
            Some(only) => only.iter().any(|f| f == s.fixture),
            None => s.not_run.is_none(),
        })
        .collect();
    if let Some(only) = &only {
        for fixture in only {
            assert!(
                SPECS.iter().any(|s| s.fixture == fixture),
                "PRISM_REAL names {fixture}, which tests/specs/public/prism_known.rs does not list"
            );
        }
    }
    let crates: Vec<String> = specs.iter().map(|s| crate_name(s.fixture)).collect();
    for (spec, name) in specs.iter().zip(&crates) {
        let dir = ws.join(name);
        assert!(
            dir.join("tests/operations.rs").exists()
                && real.join("specs").join(spec.fixture).exists(),
            "{} has no crate with operation tests in {}: run `bash tests/real.sh` first",
            spec.fixture,
            ws.display()
        );
    }
    let binaries = if replay() {
        crates.iter().map(|c| (c.clone(), PathBuf::new())).collect()
    } else {
        build(&ws, &real.join("target"), &crates, &logs)
    };

    let mut problems = Vec::new();
    let mut table = Vec::new();
    for (spec, name) in specs.iter().zip(&crates) {
        let Some(exe) = binaries.get(name) else {
            problems.push(format!(
                "{}: cargo named no test binary for {name}",
                spec.fixture
            ));
            continue;
        };
        let started = Instant::now();
        let run = match run_spec(
            spec,
            &real.join("specs").join(spec.fixture),
            exe,
            &ws.join(name),
            &logs,
        )
        .await
        {
            Ok(run) => run,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        println!(
            "{}: Prism started {} time(s), {:.0} s to load the description; everything took {:.0} s",
            spec.fixture,
            run.starts,
            run.load.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
        if run.skipped > 0 {
            problems.push(format!("{}: {} tests skipped", spec.fixture, run.skipped));
        }
        let verdict = judge(spec, &run);
        let explained: usize = verdict.by_class.iter().map(|(_, f)| f.len()).sum::<usize>()
            + verdict.by_rule.iter().map(|(_, f)| f.len()).sum::<usize>();
        table.push(format!(
            "{:<26} {:>6} {:>10} {:>7} {:>10} {:>14}",
            spec.fixture,
            run.tests,
            run.exercised(),
            run.exercised() - run.failures.len().min(run.exercised()),
            explained,
            run.not_exercised
        ));
        for (rule, failures) in &verdict.by_rule {
            if !failures.is_empty() {
                table.push(format!(
                    "    {:>4}  {}",
                    failures.len(),
                    rule.split(" (").next().unwrap_or(rule)
                ));
            }
        }
        for (class, failures) in &verdict.by_class {
            table.push(format!("    {:>4}  {}", failures.len(), class.name));
            if failures.is_empty() {
                problems.push(format!(
                    "{}: the class {:?} explains no failure now: remove it from \
                     tests/specs/public/prism_known.rs, or narrow what changed",
                    spec.fixture, class.name
                ));
            }
        }
        for failure in &verdict.unexplained {
            problems.push(format!(
                "{}: {} failed, unexplained:\n{}",
                spec.fixture, failure.test, failure.message
            ));
        }
    }
    println!(
        "\n{:<26} {:>6} {:>10} {:>7} {:>10} {:>14}",
        "spec", "tests", "exercised", "passed", "explained", "not exercised"
    );
    for line in &table {
        println!("{line}");
    }
    assert!(
        problems.is_empty(),
        "{} problems (logs in {}):\n{}",
        problems.len(),
        logs.display(),
        problems.join("\n")
    );
}

#[test]
fn every_class_pattern_compiles_and_every_fixture_is_listed_once() {
    let mut seen = Vec::new();
    for spec in SPECS {
        assert!(
            !seen.contains(&spec.fixture),
            "{} is listed twice",
            spec.fixture
        );
        seen.push(spec.fixture);
        assert!(
            workspace_root()
                .join("tests/specs/public")
                .join(format!("{}.gz", spec.fixture))
                .exists(),
            "{} is not a fixture of tests/specs/public",
            spec.fixture
        );
        for class in spec.classes {
            Regex::new(class.pattern).unwrap_or_else(|err| {
                panic!("{}: the pattern of {:?}: {err}", spec.fixture, class.name)
            });
            assert!(
                !class.why.is_empty(),
                "{}: {:?} says no reason",
                spec.fixture,
                class.name
            );
        }
    }
}
