//! `openapi-gen [--check] --spec FILE --out DIR [--crate-name NAME] [--env-prefix PREFIX]`;
//! `--help` explains each option. Every failure, a usage error included, exits with status 1.

use clap::Parser as _;
use openapi_gen_cli::{run, workspace_warning, Cli};
use std::process::ExitCode;

/// The generator allocates many small token trees and syntax nodes; mimalloc runs it about a
/// quarter faster than the system allocator (BENCHMARKS.md, "Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // `--help` and `--version` are "errors" printed on stdout; real usage errors go to stderr.
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let job = cli.options.job();
    match run(&job, cli.options.check) {
        Ok(()) => {
            if let Some(warning) = workspace_warning(&job.out) {
                eprintln!("{warning}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
