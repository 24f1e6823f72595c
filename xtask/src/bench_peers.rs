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

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::bench_peers_measure::{self as measure, Run};
use crate::bench_peers_specs::{self as specs, Spec};

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

/// A downstream binary of the `build` step: `bench/peers/downstream-<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Downstream {
    /// The generated crate with its default features (rustls).
    Ours,
    /// The generated crate with `native-tls` (system OpenSSL) instead of rustls.
    OursNativeTls,
    /// The client stack the generated crate depends on, without it.
    Floor,
    /// The official `whop_sdk`.
    WhopSdk,
}

impl Downstream {
    /// Every binary, in build order (whop_sdk, by far the longest, last).
    pub const ALL: [Downstream; 4] = [
        Downstream::Ours,
        Downstream::OursNativeTls,
        Downstream::Floor,
        Downstream::WhopSdk,
    ];

    /// The name used by `--downstream` and in ratios.
    pub fn name(self) -> &'static str {
        match self {
            Downstream::Ours => "ours",
            Downstream::OursNativeTls => "ours-native-tls",
            Downstream::Floor => "floor",
            Downstream::WhopSdk => "whop_sdk",
        }
    }

    /// The package (and binary) name, also its directory under `bench/peers/`.
    fn package(self) -> &'static str {
        match self {
            Downstream::Ours => "downstream-ours",
            Downstream::OursNativeTls => "downstream-ours-native-tls",
            Downstream::Floor => "downstream-floor",
            Downstream::WhopSdk => "downstream-whop-sdk",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        match name {
            "whop-sdk" => Some(Downstream::WhopSdk),
            _ => Downstream::ALL.into_iter().find(|d| d.name() == name),
        }
    }
}

/// The ratios reported after the build step (numerator, denominator), when both were built.
const BUILD_RATIOS: [(Downstream, Downstream); 4] = [
    (Downstream::Ours, Downstream::WhopSdk),
    (Downstream::OursNativeTls, Downstream::WhopSdk),
    (Downstream::Floor, Downstream::WhopSdk),
    (Downstream::Ours, Downstream::Floor),
];

/// A generator under comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    Ours,
    Progenitor,
}

impl Tool {
    fn label(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
        }
    }

    /// The file that the one-line change goes into.
    fn main_file(self) -> &'static str {
        match self {
            Tool::Ours => "src/models.rs",
            Tool::Progenitor => "src/lib.rs",
        }
    }
}

/// The outcome of generating one spec with one tool.
#[derive(Debug, Clone)]
struct Gen {
    spec: &'static str,
    tool: Tool,
    out: PathBuf,
    result: Result<GenStats, String>,
}

#[derive(Debug, Clone)]
struct GenStats {
    median: Duration,
    runs: usize,
    /// Lines of Rust written, and the part of it that is not a verbatim runtime copy.
    lines: usize,
    lines_specific: usize,
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
        let progenitor = install_progenitor(&dirs)?;
        let ours = build_ours(&dirs)?;
        for spec in &specs {
            for tool in [Tool::Ours, Tool::Progenitor] {
                eprintln!(
                    "bench-peers: generating {} with {}",
                    spec.label,
                    tool.label()
                );
                gens.push(generate(
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
        gen_table(&mut report, &specs, &gens);
    }
    if options.steps.contains(&Step::Check) {
        check_table(&mut report, &dirs, &gens, options.runs)?;
    }
    if options.steps.contains(&Step::Build) {
        build_table(&mut report, &dirs, &options.downstreams)?;
    }
    if options.steps.contains(&Step::Decode) {
        decode_table(&mut report, &dirs)?;
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

/// `cargo install --locked` of the pinned cargo-progenitor into `target/peers/tools`.
fn install_progenitor(dirs: &Dirs) -> Result<PathBuf, String> {
    let tools = dirs.peers.join("tools");
    let bin = tools.join("bin/cargo-progenitor");
    let run = measure::run(
        Command::new("cargo")
            .args(["install", "--locked", "--root"])
            .arg(&tools)
            .args(["cargo-progenitor", "--version", PROGENITOR_VERSION]),
        &dirs.log("install-progenitor"),
        Duration::from_secs(3600),
        false,
    )?;
    if !run.ok || !bin.exists() {
        return Err(format!(
            "cargo install cargo-progenitor failed:\n{}",
            tail(&run.output, 20)
        ));
    }
    Ok(bin)
}

/// This repository's xtask in release, the binary timed as "ours".
fn build_ours(dirs: &Dirs) -> Result<PathBuf, String> {
    let run = measure::run(
        Command::new("cargo").current_dir(&dirs.root).args([
            "build",
            "--release",
            "--package",
            "xtask",
        ]),
        &dirs.log("build-xtask-release"),
        Duration::from_secs(3600),
        false,
    )?;
    if !run.ok {
        return Err(format!(
            "cargo build --release -p xtask failed:\n{}",
            tail(&run.output, 20)
        ));
    }
    Ok(dirs.root.join("target/release/xtask"))
}

/// Generates `spec` with `tool` `runs` times into a fresh directory each time.
fn generate(
    dirs: &Dirs,
    spec: &Spec,
    tool: Tool,
    ours: &Path,
    progenitor: &Path,
    runs: usize,
) -> Result<Gen, String> {
    let name = format!("{}-{}", tool.label(), spec.label);
    let out = dirs.peers.join("gen").join(&name);
    let command = || {
        let mut cmd = match tool {
            Tool::Ours => {
                let mut c = Command::new(ours);
                c.args(["codegen", "--spec"]).arg(&spec.path);
                c.args(["--crate-name", &name, "--out"]);
                c
            }
            Tool::Progenitor => {
                let mut c = Command::new(progenitor);
                c.env("RUST_BACKTRACE", "0")
                    .args(["progenitor", "-v", "0.1.0", "-n"]);
                c.arg(&name).arg("-i").arg(&spec.path).arg("-o");
                c
            }
        };
        cmd.arg(&out);
        cmd
    };
    let fresh = |_| match fs::remove_dir_all(&out) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", out.display()))
        }
        _ => Ok(()),
    };
    let log = dirs.log(&format!("gen-{name}"));
    let all = measure::repeat(runs, &log, Duration::from_secs(1800), fresh, command)?;
    let result = match all.last() {
        Some(last) if !last.ok => Err(failure(last)),
        _ => {
            seal_crate(&out)?;
            let (lines, lines_specific) = count_lines(&out)?;
            Ok(GenStats {
                median: measure::median(&all),
                runs: all.len(),
                lines,
                lines_specific,
            })
        }
    };
    Ok(Gen {
        spec: spec.label,
        tool,
        out,
        result,
    })
}

/// What a failed run said, verbatim: the panic message when it panicked (not the backtrace),
/// otherwise its last lines.
fn failure(run: &Run) -> String {
    let lines: Vec<&str> = run.output.lines().collect();
    match lines.iter().position(|l| l.contains("panicked at")) {
        Some(i) => lines[i..lines.len().min(i + 2)].join("\n"),
        None => tail(&run.output, 6),
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Gives a generated crate under `target/` a `[workspace]` table of its own, so cargo does not
/// take it for a member of this repository's workspace.
fn seal_crate(out: &Path) -> Result<(), String> {
    let manifest = out.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    if !text.lines().any(|l| l.trim() == "[workspace]") {
        fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|e| format!("{}: {e}", manifest.display()))?;
    }
    Ok(())
}

/// Lines in every `.rs` file of a generated crate directory, and the same excluding `runtime/`
/// (our verbatim runtime crate).
fn count_lines(src: &Path) -> Result<(usize, usize), String> {
    let (mut all, mut specific) = (0, 0);
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let n = fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?
                    .lines()
                    .count();
                all += n;
                if !path.starts_with(src.join("runtime")) {
                    specific += n;
                }
            }
        }
    }
    Ok((all, specific))
}

fn gen_table(report: &mut String, specs: &[Spec], gens: &[Gen]) {
    report.push_str(
        "## Generation (release binaries, fresh output directory each run, median)\n\n\
         | spec | bytes | ours | lines (w/o runtime copy) | progenitor | lines | ours / progenitor |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut failures = String::new();
    for spec in specs {
        let find = |tool| gens.iter().find(|g| g.spec == spec.label && g.tool == tool);
        let cell = |g: Option<&Gen>| match g.map(|g| &g.result) {
            Some(Ok(s)) => (
                format!("{} ({} runs)", ms(s.median), s.runs),
                format!("{} ({})", s.lines, s.lines_specific),
            ),
            Some(Err(_)) => ("fails".into(), "-".into()),
            None => ("-".into(), "-".into()),
        };
        let (ours, progenitor) = (find(Tool::Ours), find(Tool::Progenitor));
        let ratio = match (ours.map(|g| &g.result), progenitor.map(|g| &g.result)) {
            (Some(Ok(a)), Some(Ok(b))) => {
                format!("{:.2}", a.median.as_secs_f64() / b.median.as_secs_f64())
            }
            _ => "-".into(),
        };
        let (o, ol) = cell(ours);
        let (p, pl) = cell(progenitor);
        let pl = pl.split(' ').next().unwrap_or("-").to_string();
        let _ = writeln!(
            report,
            "| {} | {} | {o} | {ol} | {p} | {pl} | {ratio} |",
            spec.label, spec.bytes
        );
        for g in [ours, progenitor].into_iter().flatten() {
            if let Err(e) = &g.result {
                let _ = writeln!(
                    failures,
                    "- {} on {}:\n\n```text\n{e}\n```\n",
                    g.tool.label(),
                    g.spec
                );
            }
        }
    }
    if !failures.is_empty() {
        let _ = writeln!(report, "\nFailures, verbatim (last lines):\n\n{failures}");
    } else {
        report.push('\n');
    }
}

/// `cargo check` of each generated crate, then incremental checks after one-line edits.
fn check_table(report: &mut String, dirs: &Dirs, gens: &[Gen], runs: usize) -> Result<(), String> {
    report.push_str(
        "## `cargo check` of the generated crate after a one-line doc-comment edit (median)\n\n\
         | spec | tool | first check | after edit | runs |\n|---|---|---:|---:|---:|\n",
    );
    let target = dirs.peers.join("check-target");
    for g in gens {
        if g.result.is_err() {
            continue;
        }
        eprintln!("bench-peers: cargo check {} {}", g.tool.label(), g.spec);
        let name = format!("check-{}-{}", g.tool.label(), g.spec);
        let check = || {
            let mut c = Command::new("cargo");
            c.current_dir(&g.out)
                .env("CARGO_TARGET_DIR", &target)
                .args(["check", "--quiet"]);
            c
        };
        let first = measure::run(
            &mut check(),
            &dirs.log(&name),
            Duration::from_secs(3600),
            false,
        )?;
        if !first.ok {
            let _ = writeln!(
                report,
                "| {} | {} | fails | - | - |\n\n```text\n{}\n```\n",
                g.spec,
                g.tool.label(),
                tail(&first.output, 8)
            );
            continue;
        }
        let file = g.out.join(g.tool.main_file());
        let edit = |i: usize| edit_doc_line(&file, i);
        let edits = measure::repeat(
            runs,
            &dirs.log(&name),
            Duration::from_secs(3600),
            edit,
            check,
        )?;
        let cell = match edits.last() {
            Some(last) if !last.ok => format!("fails: {}", tail(&last.output, 1)),
            _ => secs(measure::median(&edits)),
        };
        let row = format!(
            "| {} | {} | {} | {cell} | {} |",
            g.spec,
            g.tool.label(),
            secs(first.wall),
            edits.len()
        );
        eprintln!("bench-peers: {row}");
        let _ = writeln!(report, "{row}");
    }
    report.push('\n');
    Ok(())
}

/// Appends ` Edit N.` to the first `///` line of `file`: a one-line change that recompiles the
/// crate without changing its meaning.
fn edit_doc_line(file: &Path, n: usize) -> Result<(), String> {
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut done = false;
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        if !done && line.trim_start().starts_with("///") {
            let body = line.trim_end_matches('\n');
            let _ = writeln!(out, "{body} Edit {n}.");
            done = true;
        } else {
            out.push_str(line);
        }
    }
    if !done {
        return Err(format!("{}: no doc comment to edit", file.display()));
    }
    fs::write(file, out).map_err(|e| format!("{}: {e}", file.display()))
}

/// Clean release builds of the downstream binaries, with wall time, peak memory and the ratios
/// between those that were built.
fn build_table(report: &mut String, dirs: &Dirs, downstreams: &[Downstream]) -> Result<(), String> {
    report.push_str(
        "## Clean release build of a downstream binary (`nice -n 10`, dependencies fetched first)\n\n\
         Peak memory: the largest sum of `VmRSS` over cargo and all its child processes, \
         sampled from `/proc` every 50 ms.\n\n\
         | binary | wall | peak memory | runs and prints the product |\n|---|---:|---:|---|\n",
    );
    let product = seed_with_marketplace_status(&dirs.root)?;
    let mut rows = Vec::new();
    for &downstream in downstreams {
        let label = downstream.package();
        let dir = format!("bench/peers/{label}");
        eprintln!("bench-peers: clean release build of {label}");
        let manifest_dir = dirs.root.join(&dir);
        let target = dirs.peers.join(format!("build-{label}-target"));
        let _ = fs::remove_dir_all(&target);
        let fetch = measure::run(
            Command::new("cargo")
                .current_dir(&manifest_dir)
                .arg("fetch"),
            &dirs.log(&format!("fetch-{label}")),
            Duration::from_secs(1800),
            false,
        )?;
        if !fetch.ok {
            return Err(format!(
                "cargo fetch in {dir} failed:\n{}",
                tail(&fetch.output, 10)
            ));
        }
        let build = measure::run(
            Command::new("nice")
                .current_dir(&manifest_dir)
                .env("CARGO_TARGET_DIR", &target)
                .args(["-n", "10", "cargo", "build", "--release", "--offline"]),
            &dirs.log(&format!("build-{label}")),
            Duration::from_secs(3600),
            true,
        )?;
        let works = build.ok && runs_on(&target.join("release").join(label), &product);
        let row = format!(
            "| {label} | {} | {} | {} |",
            if build.ok {
                secs(build.wall)
            } else {
                format!("fails: {}", tail(&build.output, 1))
            },
            gib(build.peak_bytes),
            if works { "yes" } else { "no" }
        );
        eprintln!("bench-peers: {row}");
        let _ = writeln!(report, "{row}");
        rows.push((downstream, build));
    }
    let ratios = build_ratios(&rows);
    if !ratios.is_empty() {
        report.push_str("\n| ratio | time | peak memory |\n|---|---:|---:|\n");
        for (label, time, memory) in ratios {
            let row = format!("| {label} | {time:.3} | {memory:.3} |");
            eprintln!("bench-peers: {row}");
            let _ = writeln!(report, "{row}");
        }
    }
    report.push('\n');
    Ok(())
}

/// `BUILD_RATIOS` whose two binaries both built: (label, time ratio, peak memory ratio).
fn build_ratios(rows: &[(Downstream, Run)]) -> Vec<(String, f64, f64)> {
    let built = |d: Downstream| {
        rows.iter()
            .find(|(r, run)| *r == d && run.ok)
            .map(|(_, run)| run)
    };
    BUILD_RATIOS
        .iter()
        .filter_map(|&(num, den)| {
            let (a, b) = (built(num)?, built(den)?);
            Some((
                format!("{} / {}", num.name(), den.name()),
                a.wall.as_secs_f64() / b.wall.as_secs_f64(),
                a.peak_bytes as f64 / b.peak_bytes.max(1) as f64,
            ))
        })
        .collect()
}

/// The seed product with `marketplace_status` added: `whop_sdk` requires that field, the other
/// decoders ignore it. Every decoder gets these same bytes.
pub fn seed_with_marketplace_status(root: &Path) -> Result<Vec<u8>, String> {
    let file = root.join("tests/fixtures/seed001_product_object.json");
    let text = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut value: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    value
        .as_object_mut()
        .ok_or("the seed product is not an object")?
        .insert("marketplace_status".into(), "not_available".into());
    serde_json::to_vec(&value).map_err(|e| e.to_string())
}

/// Whether `binary` exits 0 and prints the product's id when given `product` on stdin.
fn runs_on(binary: &Path, product: &[u8]) -> bool {
    use std::io::Write as _;
    let Ok(mut child) = Command::new(binary)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(product);
    }
    child.wait_with_output().is_ok_and(|o| {
        o.status.success() && String::from_utf8_lossy(&o.stdout).contains("prod_xxxxxxxxxxxxx")
    })
}

/// Runs the decode criterion bench and tabulates medians against the `Value` floor.
fn decode_table(report: &mut String, dirs: &Dirs) -> Result<(), String> {
    let manifest = dirs.root.join("bench/peers/decode/Cargo.toml");
    let progenitor_crate = dirs.peers.join("gen/progenitor-products/Cargo.toml");
    if !progenitor_crate.exists() {
        return Err(
            "the decode bench needs progenitor's products crate: run the gen step first".into(),
        );
    }
    let target = dirs.peers.join("decode-target");
    eprintln!("bench-peers: decode bench (builds whop_sdk in release the first time)");
    let run = measure::run(
        Command::new("nice")
            .env("CARGO_TARGET_DIR", &target)
            .args(["-n", "10", "cargo", "bench", "--manifest-path"])
            .arg(&manifest),
        &dirs.log("decode-bench"),
        Duration::from_secs(3600),
        false,
    )?;
    if !run.ok {
        return Err(format!(
            "the decode bench failed:\n{}",
            tail(&run.output, 20)
        ));
    }
    report.push_str(
        "## Typed decoding (criterion medians, same bytes for every decoder)\n\n\
         | input | `Value` floor | ours | whop_sdk | progenitor | ours / whop_sdk | ours / progenitor |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    for group in ["product", "page"] {
        let median =
            |bench: &str| criterion_median(&target, &format!("peers_decode_{group}"), bench);
        let floor = median("floor_value")?;
        let cells: Vec<f64> = ["ours", "whop_sdk", "progenitor"]
            .iter()
            .map(|b| median(b))
            .collect::<Result<_, _>>()?;
        let _ = writeln!(
            report,
            "| {group} | {} | {} ({:.2}x) | {} ({:.2}x) | {} ({:.2}x) | {:.2} | {:.2} |",
            nanos(floor),
            nanos(cells[0]),
            cells[0] / floor,
            nanos(cells[1]),
            cells[1] / floor,
            nanos(cells[2]),
            cells[2] / floor,
            cells[0] / cells[1],
            cells[0] / cells[2]
        );
    }
    report.push('\n');
    Ok(())
}

/// `median.point_estimate` (ns) from criterion's `estimates.json`.
fn criterion_median(target: &Path, group: &str, bench: &str) -> Result<f64, String> {
    let file = target
        .join("criterion")
        .join(group)
        .join(bench)
        .join("new/estimates.json");
    let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    value["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median.point_estimate", file.display()))
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
        for d in Downstream::ALL {
            let manifest = crate::codegen::workspace_root()
                .join("bench/peers")
                .join(d.package())
                .join("Cargo.toml");
            let text = fs::read_to_string(&manifest).unwrap();
            assert!(
                text.contains(&format!("name = \"{}\"", d.package())),
                "{}",
                manifest.display()
            );
        }
    }

    #[test]
    fn ratios_need_both_binaries_built() {
        let run = |ok, secs, gib: u64| Run {
            ok,
            wall: Duration::from_secs(secs),
            peak_bytes: gib << 30,
            output: String::new(),
        };
        let rows = [
            (Downstream::Ours, run(true, 40, 1)),
            (Downstream::OursNativeTls, run(false, 5, 1)),
            (Downstream::Floor, run(true, 32, 1)),
            (Downstream::WhopSdk, run(true, 160, 8)),
        ];
        let ratios = build_ratios(&rows);
        let labels: Vec<&str> = ratios.iter().map(|(l, _, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            ["ours / whop_sdk", "floor / whop_sdk", "ours / floor"]
        );
        assert_eq!((ratios[0].1, ratios[0].2), (0.25, 0.125));
        assert_eq!((ratios[2].1, ratios[2].2), (1.25, 1.0));
        assert!(build_ratios(&rows[..1]).is_empty());
    }

    #[test]
    fn doc_line_edit_changes_exactly_one_line() {
        let dir = std::env::temp_dir().join(format!("xtask-edit-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("lib.rs");
        fs::write(
            &file,
            "//! Crate.\n/// First.\npub struct A;\n/// Second.\npub struct B;\n",
        )
        .unwrap();
        edit_doc_line(&file, 7).unwrap();
        let text = fs::read_to_string(&file).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            text,
            "//! Crate.\n/// First. Edit 7.\npub struct A;\n/// Second.\npub struct B;\n"
        );
    }

    #[test]
    fn seed_gains_marketplace_status_and_keeps_the_rest() {
        let root = crate::codegen::workspace_root();
        let bytes = seed_with_marketplace_status(&root).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["marketplace_status"], "not_available");
        assert_eq!(value["id"], "prod_xxxxxxxxxxxxx");
    }

    #[test]
    fn lines_are_counted_with_and_without_the_runtime_copy() {
        let dir = std::env::temp_dir().join(format!("xtask-lines-{}", std::process::id()));
        fs::create_dir_all(dir.join("runtime")).unwrap();
        fs::write(dir.join("lib.rs"), "a\nb\n").unwrap();
        fs::write(dir.join("runtime/x.rs"), "c\nd\ne\n").unwrap();
        fs::write(dir.join("notes.txt"), "ignored\n").unwrap();
        let counted = count_lines(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(counted, (5, 2));
    }
}
