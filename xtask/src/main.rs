//! `cargo xtask codegen [--check] [--spec FILE --out DIR ...]` and
//! `cargo xtask bench-peers [--only STEPS] [--runs N] [--downstream BINARIES]`; `--help` explains
//! each option. Every failure, a usage error included, exits with status 1.

use clap::Parser as _;
use std::process::ExitCode;
use xtask::{bench_peers, codegen, Cli, Command};

/// The generator allocates many small token trees and syntax nodes; mimalloc runs it about a
/// quarter faster than the system allocator (BENCHMARKS.md, "Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // `--help` is an "error" printed on stdout; real usage errors go to stderr.
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match &cli.command {
        Command::Codegen(options) => run_codegen(options),
        Command::BenchPeers(options) => {
            bench_peers::run(&codegen::workspace_root(), options).map(|report| println!("{report}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Generates, then writes the changed files (or, with `--check`, fails when there are any) and
/// says what it wrote; with `--spec`, warns when `--out` is inside a workspace that does not
/// include it.
fn run_codegen(options: &codegen::Options) -> Result<(), String> {
    let job = options.job(&codegen::workspace_root());
    openapi_gen_cli::run(&job, options.check)?;
    if options.spec.is_some() {
        if let Some(warning) = openapi_gen_cli::workspace_warning(&job.out) {
            eprintln!("{warning}");
        }
    }
    Ok(())
}
