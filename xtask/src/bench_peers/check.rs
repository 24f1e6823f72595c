//! The `check` step: `cargo check` of each generated crate, then incremental checks after a
//! one-line edit.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::generation::Gen;
use super::measure;
use super::{secs, tail, Dirs};

/// `cargo check` of each generated crate, then incremental checks after one-line edits.
pub(super) fn check_table(
    report: &mut String,
    dirs: &Dirs,
    gens: &[Gen],
    runs: usize,
) -> Result<(), String> {
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
