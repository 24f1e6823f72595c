//! The `check` step: the compile time of the generated crate alone (its dependencies, and our
//! runtime crate, already built), each tool's crate side by side: `cargo check` and a debug
//! `cargo build` after `cargo clean -p` of the crate, and again after a one-line edit of its
//! largest file (incremental, what a user whose workspace holds the crate meets on every
//! rebuild). Within each run the crates take turns, so a slow spell of the machine hits all of
//! them; the table shows the median of the runs and our ratio to progenitor's.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::generation::{Gen, Tool};
use super::measure::{self, Run};
use super::{secs, tail, Dirs};

/// The resources a user who needs three of a split crate's enables (`--no-default-features`,
/// these and `rustls-tls`), per spec: large, commonly used ones.
const THREE_RESOURCES: &[(&str, &str)] = &[
    ("nexus", "projects,instances,disks"),
    ("github", "repos,issues,pulls"),
];

/// What is timed, in the order of each turn: each edit follows the same command, so it is
/// incremental (`cargo clean -p` drops the incremental state too).
const MEASURES: [Measure; 4] = [
    Measure::CleanCheck,
    Measure::EditCheck,
    Measure::CleanBuild,
    Measure::EditBuild,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    CleanCheck,
    CleanBuild,
    EditCheck,
    EditBuild,
}

impl Measure {
    fn cargo_command(self) -> &'static str {
        match self {
            Measure::CleanCheck | Measure::EditCheck => "check",
            Measure::CleanBuild | Measure::EditBuild => "build",
        }
    }

    fn clean(self) -> bool {
        matches!(self, Measure::CleanCheck | Measure::CleanBuild)
    }
}

/// One crate as compiled: a generated crate with its default features, or ours with only
/// three resources.
struct Variant<'a> {
    gen: &'a Gen,
    label: String,
    /// `--features` after `--no-default-features`, or `None` for the defaults.
    features: Option<String>,
    /// Runs per measure, in [`MEASURES`] order; `Err` once one failed.
    runs: Result<[Vec<Run>; 4], String>,
}

impl Variant<'_> {
    fn cargo(&self, dirs: &Dirs, subcommand: &str) -> Command {
        let mut c = Command::new("cargo");
        c.current_dir(&self.gen.out)
            .env("CARGO_TARGET_DIR", dirs.peers.join("check-target"))
            .args([subcommand, "--quiet"]);
        if let (Some(features), false) = (&self.features, subcommand == "clean") {
            c.args(["--no-default-features", "--features", features]);
        }
        c
    }

    fn package(&self) -> String {
        format!("{}-{}", self.gen.tool.label(), self.gen.spec)
    }

    /// One turn: each measure once, appended to the runs (stops at the first failure).
    fn turn(&mut self, dirs: &Dirs, n: usize) -> Result<(), String> {
        if self.runs.is_err() {
            return Ok(());
        }
        let log = dirs.log(&format!("check-{}-{}", self.label, self.gen.spec));
        for (i, m) in MEASURES.into_iter().enumerate() {
            if m.clean() {
                let mut clean = self.cargo(dirs, "clean");
                clean.args(["-p", &self.package()]);
                measure::run(&mut clean, &log, Duration::from_secs(600), false)?;
            } else {
                edit_doc_line(&self.gen.out.join(self.gen.tool.main_file()), n * 4 + i)?;
            }
            let mut cargo = self.cargo(dirs, m.cargo_command());
            let run = measure::run(&mut cargo, &log, Duration::from_secs(3600), false)?;
            match &mut self.runs {
                Ok(runs) if run.ok => runs[i].push(run),
                _ => {
                    self.runs = Err(tail(&run.output, 8));
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

/// The crate-alone compile times of every generated crate, tools alternating, and the table.
pub(super) fn check_table(
    report: &mut String,
    dirs: &Dirs,
    gens: &[Gen],
    runs: usize,
) -> Result<(), String> {
    let mut variants = Vec::new();
    for g in gens.iter().filter(|g| g.result.is_ok()) {
        variants.push(Variant {
            gen: g,
            label: g.tool.label().to_owned(),
            features: None,
            runs: Ok(Default::default()),
        });
        let three = THREE_RESOURCES.iter().find(|(spec, _)| *spec == g.spec);
        if let (Tool::Ours, Some((_, resources))) = (g.tool, three) {
            if is_split(&g.out)? {
                variants.push(Variant {
                    gen: g,
                    label: format!("ours, 3 resources ({resources})"),
                    features: Some(format!("rustls-tls,{resources}")),
                    runs: Ok(Default::default()),
                });
            }
        }
    }
    // Dependencies (and our runtime crate) built once, outside the timing.
    for v in &mut variants {
        eprintln!("bench-peers: building {} {} once", v.label, v.gen.spec);
        let log = dirs.log(&format!("check-prepare-{}-{}", v.label, v.gen.spec));
        // `check` builds the dependencies' metadata, `build` their code: both, once.
        for subcommand in ["check", "build"] {
            let run = measure::run(
                &mut v.cargo(dirs, subcommand),
                &log,
                Duration::from_secs(3600),
                false,
            )?;
            if !run.ok {
                v.runs = Err(tail(&run.output, 8));
                break;
            }
        }
    }
    for n in 0..runs {
        for v in &mut variants {
            eprintln!(
                "bench-peers: run {} of {runs}: {} {}",
                n + 1,
                v.label,
                v.gen.spec
            );
            v.turn(dirs, n)?;
        }
    }
    report.push_str(
        "## The generated crate alone: `cargo check` and debug `cargo build`, after `cargo clean -p` \
         of the crate and after a one-line edit (median; tools alternating)\n\n\
         | spec | crate | clean check | check after edit | clean build | build after edit | \
         x progenitor (same columns) | runs |\n|---|---|---:|---:|---:|---:|---|---:|\n",
    );
    for v in &variants {
        let row = match &v.runs {
            Err(message) => format!(
                "| {} | {} | fails | | | | | |\n\n```text\n{message}\n```\n",
                v.gen.spec, v.label
            ),
            Ok(runs) => {
                let medians: Vec<Duration> = runs.iter().map(|r| measure::median(r)).collect();
                let peer = variants
                    .iter()
                    .find(|p| p.gen.spec == v.gen.spec && p.gen.tool == Tool::Progenitor);
                let ratios = match peer.map(|p| &p.runs) {
                    Some(Ok(peer)) if v.gen.tool == Tool::Ours => medians
                        .iter()
                        .zip(peer.iter())
                        .map(|(ours, p)| {
                            format!(
                                "{:.2}",
                                ours.as_secs_f64() / measure::median(p).as_secs_f64()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" / "),
                    _ => "-".to_owned(),
                };
                format!(
                    "| {} | {} | {} | {} | {} | {} | {ratios} | {} |",
                    v.gen.spec,
                    v.label,
                    secs(medians[0]),
                    secs(medians[1]),
                    secs(medians[2]),
                    secs(medians[3]),
                    runs[0].len()
                )
            }
        };
        eprintln!("bench-peers: {row}");
        let _ = writeln!(report, "{row}");
    }
    report.push('\n');
    Ok(())
}

/// Whether the crate at `out` has a feature per resource (its manifest lists `full`).
fn is_split(out: &Path) -> Result<bool, String> {
    let manifest = out.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    Ok(text.lines().any(|l| l.starts_with("full = [")))
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
