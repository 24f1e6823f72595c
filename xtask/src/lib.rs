//! Project automation behind `cargo xtask`. Thin: arguments, files and exit codes; the work is
//! done by the `openapi-gen` library.

pub mod bench_peers;
pub mod codegen;
