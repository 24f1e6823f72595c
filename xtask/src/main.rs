//! `cargo xtask codegen [--check] [--spec FILE --out DIR --crate-name NAME]` and
//! `cargo xtask bench-peers [--only STEPS] [--runs N]` (see `xtask::bench_peers`).

use std::path::PathBuf;
use std::process::ExitCode;
use xtask::codegen::{self, Job};

/// The generator allocates many small token trees and syntax nodes; mimalloc runs it about a
/// quarter faster than the system allocator (BENCHMARKS.md, "Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str =
    "usage: cargo xtask codegen [--check] [--spec FILE --out DIR [--crate-name NAME]]\n\
    \x20      cargo xtask bench-peers [--only gen,check,build,decode] [--runs N]\n\
    \x20                              [--downstream ours,ours-native-tls,floor,whop-sdk]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("codegen") => {}
        Some("bench-peers") => return bench_peers(args.collect()),
        _ => return Err(USAGE.into()),
    }
    let root = codegen::workspace_root();
    let mut job = Job::products(&root);
    let (mut check, mut spec, mut out, mut name) = (false, None, None, None);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--check" => check = true,
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--crate-name" => name = Some(value()?),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    match (spec, out) {
        (None, None) => {}
        (Some(spec), Some(out)) => {
            let crate_name = name.unwrap_or_else(|| {
                out.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "api-client".into())
            });
            let shown = spec
                .strip_prefix(&root)
                .unwrap_or(&spec)
                .display()
                .to_string();
            job = Job {
                settings: openapi_gen::Settings::new(crate_name, shown),
                spec,
                out,
            };
        }
        _ => return Err(format!("--spec and --out go together\n{USAGE}")),
    }
    let changes = codegen::plan(&job)?;
    if check {
        if changes.is_empty() {
            return Ok(());
        }
        return Err(codegen::stale_message(&changes));
    }
    codegen::apply(&job, &changes)?;
    println!(
        "codegen: {} file(s) written, {} removed, in {}",
        changes.write.len(),
        changes.remove.len(),
        job.out.display()
    );
    Ok(())
}

/// `bench-peers [OPTIONS]`.
fn bench_peers(args: Vec<String>) -> Result<(), String> {
    let options = xtask::bench_peers::Options::parse(args)?;
    let report = xtask::bench_peers::run(&codegen::workspace_root(), &options)?;
    println!("{report}");
    Ok(())
}
