//! The `decode` step: the criterion bench in `bench/peers/decode/`, tabulated against the
//! `serde_json::Value` floor.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::measure;
use super::{nanos, tail, Dirs};

/// Runs the decode criterion bench and tabulates medians against the `Value` floor.
pub(super) fn decode_table(report: &mut String, dirs: &Dirs) -> Result<(), String> {
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
