//! The `build` step: clean release builds of the downstream binaries in `bench/peers/`, with wall
//! time, peak memory and the ratios between them.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::measure::{self, Run};
use super::{gib, secs, tail, Dirs};

/// A downstream binary of the `build` step: `bench/peers/downstream-<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Downstream {
    /// The generated crate with its default features (rustls)
    Ours,
    /// The generated crate with native-tls (system OpenSSL) instead of rustls
    OursNativeTls,
    /// reqwest, rustls, tokio and serde without the generated crate
    Floor,
    /// The official whop_sdk
    #[value(alias = "whop_sdk")]
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

    /// The name used in the report's ratios.
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
}

/// The ratios reported after the build step (numerator, denominator), when both were built.
const BUILD_RATIOS: [(Downstream, Downstream); 4] = [
    (Downstream::Ours, Downstream::WhopSdk),
    (Downstream::OursNativeTls, Downstream::WhopSdk),
    (Downstream::Floor, Downstream::WhopSdk),
    (Downstream::Ours, Downstream::Floor),
];

/// Clean release builds of the downstream binaries, with wall time, peak memory and the ratios
/// between those that were built.
pub(super) fn build_table(
    report: &mut String,
    dirs: &Dirs,
    downstreams: &[Downstream],
) -> Result<(), String> {
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
fn seed_with_marketplace_status(root: &Path) -> Result<Vec<u8>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn seed_gains_marketplace_status_and_keeps_the_rest() {
        let root = crate::codegen::workspace_root();
        let bytes = seed_with_marketplace_status(&root).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["marketplace_status"], "not_available");
        assert_eq!(value["id"], "prod_xxxxxxxxxxxxx");
    }

    #[test]
    fn every_downstream_names_its_package_in_bench_peers() {
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
}
