//! `cargo xtask bench-peers`: this generator and its client side by side with peers, on the same
//! inputs, in one run. Everything it installs, writes and builds lives under `target/peers/`.
//!
//! Steps (all by default, or a subset with `--only gen,check,build,decode`):
//! - `gen`: installs `cargo-progenitor` (pinned), then generates a crate from each spec with it and
//!   with this generator (release build), several times: median wall time, lines of Rust, failures
//!   verbatim;
//! - `check`: the generated crate alone (dependencies built): `cargo check` and a debug
//!   `cargo build` after `cargo clean -p` of it and after a one-line doc-comment edit in its
//!   largest file, the crates taking turns within each run, median of `--runs`; a crate split by
//!   resource also with three resources only;
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

/// What to run: the options of `cargo xtask bench-peers` (the doc comments are its `--help`).
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Options {
    /// Steps to run, comma-separated (they run in the order below)
    #[arg(
        long = "only",
        value_name = "STEPS",
        value_enum,
        value_delimiter = ',',
        default_values_t = Step::ALL
    )]
    pub steps: Vec<Step>,
    /// Timed runs per generation and incremental check (1 to 50; median reported)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 3,
        value_parser = clap::builder::RangedI64ValueParser::<usize>::new().range(1..=50)
    )]
    pub runs: usize,
    /// Binaries the build step builds, comma-separated (in the order below)
    #[arg(
        long = "downstream",
        value_name = "BINARIES",
        value_enum,
        value_delimiter = ',',
        default_values_t = Downstream::ALL
    )]
    pub downstreams: Vec<Downstream>,
    /// Specs the gen and check steps use, comma-separated: products, synthetic, nexus (Oxide's
    /// dropshot server), github
    #[arg(
        long = "specs",
        value_name = "SPECS",
        value_delimiter = ',',
        default_values_t = specs::LABELS.map(String::from),
        value_parser = clap::builder::PossibleValuesParser::new(specs::LABELS)
    )]
    pub specs: Vec<String>,
}

impl Options {
    /// The selected downstream binaries, each once, in [`Downstream::ALL`] order.
    fn downstreams_in_build_order(&self) -> Vec<Downstream> {
        Downstream::ALL
            .into_iter()
            .filter(|d| self.downstreams.contains(d))
            .collect()
    }
}

/// One step of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    /// Generation time and lines of Rust, ours and cargo-progenitor's, for each spec
    Gen,
    /// Clean and incremental `cargo check` and debug `cargo build` of each generated crate alone
    Check,
    /// Clean release builds of the downstream binaries: wall time and peak memory
    Build,
    /// Typed decoding benchmark (criterion)
    Decode,
}

impl Step {
    /// Every step, in the order they run.
    pub const ALL: [Step; 4] = [Step::Gen, Step::Check, Step::Build, Step::Decode];
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
    let specs = specs::write_all(root, &dirs.peers.join("specs"), &options.specs)?;
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
        downstream::build_table(&mut report, &dirs, &options.downstreams_in_build_order())?;
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
    use clap::Parser as _;

    fn parse(args: &[&str]) -> Result<Options, clap::Error> {
        let cli = crate::Cli::try_parse_from(["xtask", "bench-peers"].iter().chain(args))?;
        match cli.command {
            crate::Command::BenchPeers(options) => Ok(options),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn options_default_to_every_step_and_parse_subsets() {
        let all = parse(&[]).unwrap();
        assert_eq!(all.steps, Step::ALL);
        assert_eq!(all.runs, 3);
        assert_eq!(all.specs, ["products", "synthetic", "nexus", "github"]);
        let nexus = parse(&["--specs", "nexus,products"]).unwrap();
        assert_eq!(nexus.specs, ["nexus", "products"]);
        assert!(parse(&["--specs", "petstore"]).is_err());
        let some = parse(&["--only", "gen,decode", "--runs", "5"]).unwrap();
        assert_eq!(some.steps, vec![Step::Gen, Step::Decode]);
        assert_eq!(some.runs, 5);
        assert!(parse(&["--only", "lint"]).is_err());
        assert!(parse(&["--runs", "0"]).is_err());
        assert!(parse(&["--runs", "51"]).is_err());
        assert!(parse(&["--runs"]).is_err());
        assert!(parse(&["--fast"]).is_err());
    }

    #[test]
    fn downstream_subsets_keep_build_order_and_refuse_unknown_names() {
        assert_eq!(
            parse(&[]).unwrap().downstreams_in_build_order(),
            Downstream::ALL
        );
        let some = parse(&["--downstream", "floor,ours,floor"]).unwrap();
        assert_eq!(
            some.downstreams_in_build_order(),
            vec![Downstream::Ours, Downstream::Floor]
        );
        for name in ["whop-sdk", "whop_sdk"] {
            let sdk = parse(&["--downstream", name]).unwrap();
            assert_eq!(sdk.downstreams_in_build_order(), vec![Downstream::WhopSdk]);
        }
        assert!(parse(&["--downstream", "ours,rustls"]).is_err());
    }
}
