//! openapi-gen: turns an OpenAPI 3.0 spec into the source of an async Rust client crate.
//!
//! The pipeline, one module per stage:
//! 1. [`parse`](crate::stages::parse): text -> `openapiv3::OpenAPI` (YAML or JSON);
//! 2. [`build`](crate::stages::build): -> [`model::Api`], refs resolved, every name decided;
//! 3. emit: the model -> token streams, one per file;
//! 4. format: tokens -> text (prettyplease), with a "do not edit" header.
//!
//! [`generate`] runs them all and returns file contents keyed by relative path. It does no I/O.

mod build;
mod emit;
mod error;
mod format;
mod locate;
pub mod model;
pub mod naming;
mod parse;
pub mod pointer;

mod runtime_files {
    include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));
}

pub use error::{Diagnostic, Error, Severity, Warning};
pub use pointer::Pointer;

use std::collections::BTreeMap;

/// What to generate and how to label it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Package name of the generated crate.
    pub crate_name: String,
    /// Package version of the generated crate.
    pub crate_version: String,
    /// The spec's path as shown in headers and errors (relative, so output is machine-independent).
    pub spec_path: String,
    /// The command that regenerates the crate, named in every header.
    pub command: String,
    /// Overrides the spec's `info.x-env-prefix` (`WHOP` -> `WHOP_API_KEY`).
    pub env_prefix: Option<String>,
}

impl Settings {
    /// Settings for `crate_name` generated from `spec_path` by `cargo xtask codegen`.
    pub fn new(crate_name: impl Into<String>, spec_path: impl Into<String>) -> Self {
        Self {
            crate_name: crate_name.into(),
            crate_version: "0.1.0".into(),
            spec_path: spec_path.into(),
            command: "cargo xtask codegen".into(),
            env_prefix: None,
        }
    }
}

/// The generated crate: file contents keyed by path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `Cargo.toml`, `src/lib.rs`, ... in sorted order.
    pub files: BTreeMap<String, String>,
    /// Constructs mapped by a fallback, in spec order (generation succeeded anyway).
    pub warnings: Vec<Warning>,
}

/// Generates a client crate from spec text.
///
/// Runs on a thread of its own with a large stack: parsing, building and formatting recurse once
/// per nesting level of the spec, and the YAML and JSON parsers accept 128 levels, more than the
/// stack of an ordinary (test) thread holds. A panic inside is passed on unchanged.
pub fn generate(spec_text: &str, settings: &Settings) -> Result<Generated, Error> {
    let run = || {
        let api = stages::build(&stages::parse(spec_text, settings)?, spec_text, settings)?;
        stages::emit(&api, settings)
    };
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .name("openapi-gen".into())
            .stack_size(PIPELINE_STACK)
            .spawn_scoped(scope, run)
        {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: run here, with whatever stack this thread has.
            Err(_) => run(),
        }
    })
}

/// Stack of the thread [`generate`] runs on (address space only; pages are used as needed).
const PIPELINE_STACK: usize = 32 << 20;

/// The stages of [`generate`], public for benchmarks and tests.
pub mod stages {
    use super::*;

    /// Stage 1: parse spec text.
    pub fn parse(spec_text: &str, settings: &Settings) -> Result<openapiv3::OpenAPI, Error> {
        parse::parse(spec_text).map_err(|e| {
            Error::new(vec![Diagnostic {
                severity: Severity::Error,
                file: settings.spec_path.clone(),
                pointer: e.pointer,
                line: e.line,
                message: e.message,
            }])
        })
    }

    /// Stage 2: build the model (`spec_text` only locates diagnostics): every error the spec
    /// holds, or the model with its warnings.
    pub fn build(
        spec: &openapiv3::OpenAPI,
        spec_text: &str,
        settings: &Settings,
    ) -> Result<model::Api, Error> {
        let file = &settings.spec_path;
        build::build(spec, settings.env_prefix.as_deref(), &|f, severity| {
            f.diagnostic(severity, file, spec_text)
        })
    }

    /// Stages 3 and 4: emit and format every file.
    pub fn emit(api: &model::Api, settings: &Settings) -> Result<Generated, Error> {
        let rs_header = format::header("//", &settings.spec_path, &settings.command);
        let toml_header = format::header("#", &settings.spec_path, &settings.command);
        let fail = |e: error::Located| {
            Error::new(vec![Diagnostic {
                severity: Severity::Error,
                file: settings.spec_path.clone(),
                pointer: e.pointer,
                line: None,
                message: e.message,
            }])
        };
        let mut files = BTreeMap::new();
        files.insert(
            "Cargo.toml".to_owned(),
            emit::manifest::cargo_toml(api, settings, &toml_header, runtime_files::MANIFEST),
        );
        // models.rs (by far the largest) in parts on several threads, the rest beside it.
        let units = emit::models::units(api);
        let weights: Vec<usize> = units.iter().map(emit::models::weight).collect();
        let parts = format::parts_for(units.len());
        let (models, rest) = std::thread::scope(|scope| {
            let rest = scope.spawn(|| {
                [
                    ("src/lib.rs", emit::manifest::lib_rs(api, settings)),
                    ("src/client.rs", emit::client::emit(api)),
                ]
                .map(|(path, tokens)| (path, format::rust_file(tokens, &rs_header, path)))
            });
            let models = format::rust_file_parallel(
                parts,
                &weights,
                |range, first| emit::models::share(api, &units[range], first),
                &rs_header,
                "src/models.rs",
            );
            let rest = rest
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (models, rest)
        });
        for (path, text) in rest.into_iter().chain([("src/models.rs", models)]) {
            files.insert(path.to_owned(), text.map_err(fail)?);
        }
        // The runtime: a crate of its own beside the client (compiled once, not again after
        // every change to the client), its sources copied verbatim.
        files.insert(
            "runtime/Cargo.toml".to_owned(),
            emit::manifest::runtime_cargo_toml(settings, &toml_header, runtime_files::MANIFEST),
        );
        for (name, text) in runtime_files::FILES {
            let header = format!(
                "{}// This file is a verbatim copy of the generator's runtime ({name}).\n\n",
                rs_header
            );
            files.insert(format!("runtime/src/{name}"), format!("{header}{text}"));
        }
        Ok(Generated {
            files,
            warnings: api.warnings.clone(),
        })
    }
}
