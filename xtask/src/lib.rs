//! Project automation behind `cargo xtask`. Thin: arguments, files and exit codes; the work is
//! done by the `openapi-gen` library.
//!
//! The command line is parsed by clap's derive API: the help text is the doc comments below
//! and on [`codegen::Options`] and [`bench_peers::Options`], unknown commands and options are
//! named in the error, and value checks (`--runs 1..=50`, step names) come with it. clap over
//! xflags: `ValueEnum` lists each step and downstream binary with its meaning in `--help`, clap
//! was already in the lockfile (criterion's), and `clap_derive` reuses the `syn` 3 that
//! `serde_derive` builds anyway. Without default features (no colours, suggestions or
//! terminal-width wrapping) it costs about 11 s of compile units (mostly `clap_builder`), built
//! beside the generator's dependencies: a cold `cargo build -p xtask` took 57 s with it and 62 s
//! without on a loaded 2-core machine, a difference within the noise.

pub mod bench_peers;
pub mod codegen;

use clap::{Parser, Subcommand};

/// Project automation for this repository.
#[derive(Debug, Parser)]
#[command(name = "xtask", bin_name = "cargo xtask")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The `cargo xtask` commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate generated/ from spec/products.yaml (or any spec into a crate)
    ///
    /// Writes only the files that changed, and names them.
    Codegen(codegen::Options),
    /// Compare with cargo-progenitor and whop_sdk (takes minutes; see BENCHMARKS.md)
    ///
    /// Works under target/peers/; prints the markdown report and writes it to
    /// target/peers/report.md.
    BenchPeers(bench_peers::Options),
}
