//! Runs one bounded cargo invocation over the corpus workspace.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the corpus build and its tests may take before the child is killed.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// How often the child is polled.
const POLL: Duration = Duration::from_millis(200);
/// How often a progress line is printed while cargo runs (none for a run shorter than this).
const PROGRESS_EVERY: Duration = Duration::from_secs(20);

/// What one cargo run produced.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// The exit status; `None` when the child was killed at the timeout.
    pub(crate) status: Option<ExitStatus>,
    /// Everything cargo and the tests wrote to stdout.
    pub(crate) stdout: String,
    /// Everything cargo and the compiler wrote to stderr.
    pub(crate) stderr: String,
}

impl Outcome {
    /// Whether the run finished and succeeded.
    pub(crate) fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }

    /// Whether it failed only because `--offline` could not resolve or find a package.
    pub(crate) fn needs_network(&self) -> bool {
        !self.success()
            && (self.stderr.contains("--offline") || self.stderr.contains("offline mode"))
            && !self.stderr.contains("error[E")
    }

    /// Cargo's output, trimmed: progress lines dropped, at most `max` lines of each stream.
    pub(crate) fn trimmed(&self, max: usize) -> String {
        let noise = [
            "Compiling ",
            "Checking ",
            "Fresh ",
            "Downloaded ",
            "Blocking ",
        ];
        let stderr: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !noise.iter().any(|n| l.trim_start().starts_with(n)))
            .collect();
        let stdout: Vec<&str> = self.stdout.lines().collect();
        let head = |lines: &[&str]| lines[..lines.len().min(max)].join("\n");
        let tail = |lines: &[&str]| lines[lines.len().saturating_sub(max)..].join("\n");
        format!(
            "status: {}\n--- stderr (first {max} lines) ---\n{}\n--- stdout (last {max} lines) ---\n{}",
            self.status
                .map_or_else(|| format!("killed after {TIMEOUT:?}"), |s| s.to_string()),
            head(&stderr),
            tail(&stdout)
        )
    }
}

/// `cargo test --workspace --features blocking` over `workspace` into `target` (every client
/// crate and the runtime have the feature, so the blocking clients are compiled, under the same
/// denied warnings, at the cost of one small module per crate), with warnings denied, killed after
/// [`TIMEOUT`]. Output is captured in files under `logs`; while it runs, a line every
/// [`PROGRESS_EVERY`] on this process's stderr says what cargo is doing, so that a cold build of
/// several minutes does not look hung (see [`Progress`]).
pub(crate) fn test_workspace(
    workspace: &Path,
    target: &Path,
    logs: &Path,
    offline: bool,
) -> Outcome {
    fs::create_dir_all(logs).expect("log directory");
    let out_path = logs.join("cargo-stdout.log");
    let err_path = logs.join("cargo-stderr.log");
    let mut cmd = in_workspace("test", workspace, target, offline);
    cmd.arg("--workspace")
        .arg("--features")
        .arg("blocking")
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("stdout log"))
        .stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn().expect("cargo starts");
    let progress = Arc::new(Mutex::new(Progress::default()));
    let copier = {
        let stderr = child.stderr.take().expect("cargo's stderr is piped");
        let log = File::create(&err_path).expect("stderr log");
        let progress = Arc::clone(&progress);
        std::thread::spawn(move || copy_stderr(stderr, log, &progress))
    };
    let started = Instant::now();
    let mut reported = started;
    let status = loop {
        if let Some(status) = child.try_wait().expect("cargo can be polled") {
            break Some(status);
        }
        if started.elapsed() >= TIMEOUT {
            kill_tree(&mut child);
            break None;
        }
        if reported.elapsed() >= PROGRESS_EVERY {
            reported = Instant::now();
            let line = progress
                .lock()
                .expect("progress lock")
                .line(started.elapsed());
            report(&line);
        }
        std::thread::sleep(POLL);
    };
    // Cargo and everything it started have exited (or were killed), so the pipe is closed.
    copier.join().expect("the stderr copier does not panic");
    if reported != started {
        report(&format!(
            "corpus: cargo finished after {}s",
            started.elapsed().as_secs()
        ));
    }
    Outcome {
        status,
        stdout: read_lossy(&out_path),
        stderr: read_lossy(&err_path),
    }
}

/// What cargo has done so far, from its stderr: how many packages it started compiling and its
/// latest status line (`Compiling corpus-ops_params v0.1.0`, `Running tests/behaviour.rs`, ...).
/// Cargo names a package once; its test binaries then build without a line of their own, hence
/// "how long ago" in the progress line.
#[derive(Debug, Default)]
struct Progress {
    /// `Compiling` lines seen.
    compiled: usize,
    /// The latest status line, trimmed and without the path cargo appends.
    last: String,
    /// When it came.
    at: Option<Instant>,
}

impl Progress {
    /// Takes in one line of cargo's stderr.
    fn see(&mut self, line: &str) {
        let line = line.trim();
        let status = ["Compiling ", "Running ", "Doc-tests ", "Finished "];
        if !status.iter().any(|s| line.starts_with(s)) {
            return;
        }
        if line.starts_with("Compiling ") {
            self.compiled += 1;
        }
        // `Compiling x v0.1.0 (/long/path)` and `Running tests/b.rs (target/...)`: drop the path.
        self.last = match line.find(" (") {
            Some(i) => line[..i].to_owned(),
            None => line.to_owned(),
        };
        self.at = Some(Instant::now());
    }

    /// The progress line printed after `elapsed`.
    fn line(&self, elapsed: Duration) -> String {
        let latest = match self.at {
            Some(at) => format!(
                "cargo's latest line ({}s ago): {}",
                at.elapsed().as_secs(),
                self.last
            ),
            None => "cargo is starting".to_owned(),
        };
        format!(
            "corpus: cargo test in target/corpus/ws, {}s: {} packages compiled or compiling; {latest}",
            elapsed.as_secs(),
            self.compiled,
        )
    }
}

/// Copies cargo's stderr into `log` line by line, noting progress.
fn copy_stderr(stderr: impl std::io::Read, mut log: File, progress: &Mutex<Progress>) {
    let mut reader = BufReader::new(stderr);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let _ = log.write_all(&line);
                progress
                    .lock()
                    .expect("progress lock")
                    .see(&String::from_utf8_lossy(&line));
            }
        }
    }
}

/// Writes `line` to this process's stderr directly: libtest captures `eprintln!` of a passing
/// test, and a progress line must show while the test is still running.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A log file's text; invalid UTF-8 is replaced rather than losing the whole log.
fn read_lossy(path: &Path) -> String {
    String::from_utf8_lossy(&fs::read(path).unwrap_or_default()).into_owned()
}

/// `cargo <subcommand>` over the corpus `workspace` into `target`, with warnings denied and the
/// environment that decides fingerprints fixed, so every run over the workspace reuses one build.
pub(crate) fn in_workspace(
    subcommand: &str,
    workspace: &Path,
    target: &Path,
    offline: bool,
) -> Command {
    let mut cmd = Command::new(cargo());
    cmd.arg(subcommand)
        .arg("--manifest-path")
        .arg(workspace.join("Cargo.toml"));
    if offline {
        cmd.arg("--offline");
    }
    cmd.current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .env_remove("RUSTC_WORKSPACE_WRAPPER");
    cmd
}

/// Runs `cmd` (a cargo command), its output captured in `logs/<stem>-stdout.log` and
/// `-stderr.log`, killed with everything it started after `timeout`.
#[allow(dead_code)] // Used by prism_operations.rs, not by corpus.rs.
pub(crate) fn run_bounded(
    cmd: &mut Command,
    logs: &Path,
    stem: &str,
    timeout: Duration,
) -> Outcome {
    fs::create_dir_all(logs).expect("log directory");
    let out_path = logs.join(format!("{stem}-stdout.log"));
    let err_path = logs.join(format!("{stem}-stderr.log"));
    cmd.stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("stdout log"))
        .stderr(File::create(&err_path).expect("stderr log"));
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(cmd, 0);
    let mut child = cmd.spawn().expect("cargo starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("cargo can be polled") {
            break Some(status);
        }
        if started.elapsed() >= timeout {
            kill_tree(&mut child);
            break None;
        }
        std::thread::sleep(POLL);
    };
    Outcome {
        status,
        stdout: read_lossy(&out_path),
        stderr: read_lossy(&err_path),
    }
}

/// The cargo that runs this test (so the same toolchain), else `cargo` from `PATH`.
fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// Kills cargo and, on Unix, the compilers and test binaries in its process group.
fn kill_tree(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg("--")
            .arg(format!("-{}", child.id()))
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The `target/` directory the outer cargo builds into (the parent of `CARGO_TARGET_TMPDIR`).
pub(crate) fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR lies inside the target directory")
        .to_path_buf()
}
