//! `cargo xtask bench-peers`: this generator and its client side by side with peers, on the same
//! inputs, in one run. Everything it installs, writes and builds lives under `target/peers/`.
//!
//! Steps (all by default, or a subset with `--only gen,check,build,decode`):
//! - `gen`: installs `cargo-progenitor` (pinned), then generates a crate from each spec with it and
//!   with this generator (release build), several times: median wall time, lines of Rust, failures
//!   verbatim;
//! - `check`: `cargo check` of every generated crate, then the median time of an incremental
//!   `cargo check` after a one-line doc-comment edit in its largest source file;
//! - `build`: clean release builds of the downstream binaries in `bench/peers/` (same `main.rs`
//!   logic): `downstream-ours`, `downstream-ours-native-tls` (the generated crate with `native-tls`
//!   instead of rustls), `downstream-floor` (reqwest + rustls + tokio + serde and a hand-written
//!   type, no generated crate) and `downstream-whop-sdk`, or those named by `--downstream`: wall
//!   time and peak memory of the whole process tree, and the ratios between them;
//! - `decode`: the criterion bench in `bench/peers/decode/` (our types, `whop_sdk`'s, progenitor's
//!   and the `serde_json::Value` floor on the same bytes).
//!
//! The report is printed as markdown and written to `target/peers/report.md`.
//!
//! Modules: `specs` (the input specs), `measure` (running and timing a command), then one per
//! step: `generation` (`gen`), `check`, `downstream` (`build`), `decode`. This file holds the
//! options, the run order and the report's shared formatting.

mod check;
mod decode;
mod downstream;
mod generation;
mod measure;
mod specs;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub use downstream::Downstream;
use generation::Tool;

/// The pinned peer versions.
pub const PROGENITOR_VERSION: &str = "0.15.1";
/// The `whop_sdk` version `bench/peers/*/Cargo.toml` pin.
pub const WHOP_SDK_VERSION: &str = "1.1.5";

const USAGE: &str = "usage: cargo xtask bench-peers [--only gen,check,build,decode] [--runs N] \
                     [--downstream ours,ours-native-tls,floor,whop-sdk]";

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Steps to run, in order.
    pub steps: Vec<Step>,
    /// Timed repetitions for generation and incremental checks (median reported).
    pub runs: usize,
    /// The downstream binaries the `build` step builds, in `Downstream::ALL` order.
    pub downstreams: Vec<Downstream>,
}

/// One step of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Code generation time and size.
    Gen,
    /// Incremental `cargo check` of the generated crates.
    Check,
    /// Clean release builds of the downstream binaries.
    Build,
    /// Typed decoding benchmark.
    Decode,
}

impl Options {
    /// Parses the arguments after `bench-peers`.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut options = Options {
            steps: vec![Step::Gen, Step::Check, Step::Build, Step::Decode],
            runs: 3,
            downstreams: Downstream::ALL.to_vec(),
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
            match arg.as_str() {
                "--only" => {
                    options.steps = value
                        .split(',')
                        .map(|s| match s {
                            "gen" => Ok(Step::Gen),
                            "check" => Ok(Step::Check),
                            "build" => Ok(Step::Build),
                            "decode" => Ok(Step::Decode),
                            other => Err(format!("unknown step {other:?}\n{USAGE}")),
                        })
                        .collect::<Result<_, _>>()?;
                }
                "--runs" => {
                    options.runs = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=50).contains(n))
                        .ok_or_else(|| format!("--runs takes 1 to 50, not {value:?}"))?;
                }
                "--downstream" => {
                    let chosen = value
                        .split(',')
                        .map(|s| {
                            Downstream::parse(s)
                                .ok_or_else(|| format!("unknown downstream binary {s:?}\n{USAGE}"))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    options.downstreams = Downstream::ALL
                        .into_iter()
                        .filter(|d| chosen.contains(d))
                        .collect();
                }
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        Ok(options)
    }
}

/// Paths used by the run.
struct Dirs {
    root: PathBuf,
    peers: PathBuf,
}

impl Dirs {
    fn log(&self, name: &str) -> PathBuf {
        self.peers.join("logs").join(format!("{name}.log"))
    }
}

/// Runs the selected steps and returns the markdown report.
pub fn run(root: &Path, options: &Options) -> Result<String, String> {
    let dirs = Dirs {
        root: root.to_path_buf(),
        peers: root.join("target/peers"),
    };
    let mut report = String::new();
    machine(&mut report);
    let specs = specs::write_all(root, &dirs.peers.join("specs"))?;
    let mut gens = Vec::new();
    if options
        .steps
        .iter()
        .any(|s| matches!(s, Step::Gen | Step::Check))
    {
        let progenitor = generation::install_progenitor(&dirs)?;
        let ours = generation::build_ours(&dirs)?;
        for spec in &specs {
            for tool in [Tool::Ours, Tool::Progenitor] {
                eprintln!(
                    "bench-peers: generating {} with {}",
                    spec.label,
                    tool.label()
                );
                gens.push(generation::generate(
                    &dirs,
                    spec,
                    tool,
                    &ours,
                    &progenitor,
                    options.runs,
                )?);
            }
        }
    }
    if options.steps.contains(&Step::Gen) {
        generation::gen_table(&mut report, &specs, &gens);
    }
    if options.steps.contains(&Step::Check) {
        check::check_table(&mut report, &dirs, &gens, options.runs)?;
    }
    if options.steps.contains(&Step::Build) {
        downstream::build_table(&mut report, &dirs, &options.downstreams)?;
    }
    if options.steps.contains(&Step::Decode) {
        decode::decode_table(&mut report, &dirs)?;
    }
    let file = dirs.peers.join("report.md");
    fs::write(&file, &report).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(report)
}

fn machine(report: &mut String) {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let total_kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let rustc = output_of(Command::new("rustc").arg("-V"));
    let _ = writeln!(
        report,
        "## Machine\n\n{cores} cores, {:.1} GiB memory, load average at start {}, {}; \
         cargo-progenitor {PROGENITOR_VERSION}, whop_sdk {WHOP_SDK_VERSION}.\n",
        total_kib as f64 / (1 << 20) as f64,
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        rustc.trim()
    );
}

fn output_of(cmd: &mut Command) -> String {
    cmd.output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn gib(bytes: u64) -> String {
    format!("{:.2} GiB", bytes as f64 / (1u64 << 30) as f64)
}

fn nanos(ns: f64) -> String {
    if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_default_to_every_step_and_parse_subsets() {
        let all = Options::parse(Vec::<String>::new()).unwrap();
        assert_eq!(all.steps.len(), 4);
        assert_eq!(all.runs, 3);
        let some =
            Options::parse(["--only", "gen,decode", "--runs", "5"].map(String::from)).unwrap();
        assert_eq!(some.steps, vec![Step::Gen, Step::Decode]);
        assert_eq!(some.runs, 5);
        assert!(Options::parse(["--only", "lint"].map(String::from)).is_err());
        assert!(Options::parse(["--runs", "0"].map(String::from)).is_err());
        assert!(Options::parse(["--runs"].map(String::from)).is_err());
    }

    #[test]
    fn downstream_subsets_keep_build_order_and_refuse_unknown_names() {
        assert_eq!(
            Options::parse(Vec::<String>::new()).unwrap().downstreams,
            Downstream::ALL
        );
        let some = Options::parse(["--downstream", "floor,ours,floor"].map(String::from)).unwrap();
        assert_eq!(some.downstreams, vec![Downstream::Ours, Downstream::Floor]);
        let sdk = Options::parse(["--downstream", "whop-sdk"].map(String::from)).unwrap();
        assert_eq!(sdk.downstreams, vec![Downstream::WhopSdk]);
        assert!(Options::parse(["--downstream", "ours,rustls"].map(String::from)).is_err());
    }
}
