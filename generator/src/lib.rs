//! openapi-gen: turns an OpenAPI 3.0, 3.1 or 3.2 spec into the source of an async Rust client crate.
//!
//! The pipeline, one module per stage:
//! 1. [`parse`](crate::stages::parse): text -> `openapiv3::OpenAPI` (YAML or JSON; 3.1 and 3.2
//!    documents normalised into the 3.0 shape);
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
    /// The command that regenerates the crate, named in every header ([`Settings::new`]: `cargo
    /// xtask codegen`; the `openapi-gen` command puts its own command line here, options as given).
    pub command: String,
    /// Overrides the spec's `info.x-env-prefix` (`WHOP` -> `WHOP_API_KEY`).
    pub env_prefix: Option<String>,
    /// Overrides the spec's `info.x-tag-features`: whether the crate gets one cargo feature per
    /// resource (`None`: when it has two resources or more and at least 100 operations).
    pub tag_features: Option<bool>,
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
            tag_features: None,
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
    /// How many operations the client has.
    pub operations: usize,
    /// How many named types the schemas give (structs, enums, unions, aliases; the structs of
    /// operations' query and header parameters are not counted).
    pub types: usize,
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

    /// A parsed spec: the OpenAPI 3.0 model (a 3.1 or 3.2 document is normalised into it) and
    /// what normalising approximated. Dereferences to the model.
    #[derive(Debug)]
    pub struct Parsed {
        spec: openapiv3::OpenAPI,
        warnings: Vec<Warning>,
        /// Where nodes that normalising moved were written (diagnostics name those places).
        origins: parse::Origins,
    }

    impl Parsed {
        /// The OpenAPI 3.0 model of the document.
        pub fn spec(&self) -> &openapiv3::OpenAPI {
            &self.spec
        }

        /// Constructs of a 3.1 or 3.2 document mapped by a fallback, in document order.
        pub fn warnings(&self) -> &[Warning] {
            &self.warnings
        }
    }

    impl std::ops::Deref for Parsed {
        type Target = openapiv3::OpenAPI;

        fn deref(&self) -> &openapiv3::OpenAPI {
            &self.spec
        }
    }

    /// Stage 1: parse spec text (OpenAPI 3.0, 3.1 or 3.2; YAML or JSON).
    pub fn parse(spec_text: &str, settings: &Settings) -> Result<Parsed, Error> {
        let file = &settings.spec_path;
        match parse::parse(spec_text) {
            Ok(parsed) => Ok(Parsed {
                spec: parsed.spec,
                warnings: parsed
                    .warnings
                    .into_iter()
                    .map(|w| w.diagnostic(Severity::Warning, file, Some(spec_text)))
                    .collect(),
                origins: parsed.origins,
            }),
            Err(errors) => Err(Error::new(
                errors
                    .into_iter()
                    .map(|e| Diagnostic {
                        severity: Severity::Error,
                        file: file.clone(),
                        pointer: e.pointer,
                        line: e.line,
                        message: e.message,
                        kind: None,
                    })
                    .collect(),
            )),
        }
    }

    /// Stage 2: build the model (`spec_text` only locates diagnostics): every error the spec
    /// holds, or the model with its warnings (the parse stage's first).
    pub fn build(
        parsed: &Parsed,
        spec_text: &str,
        settings: &Settings,
    ) -> Result<model::Api, Error> {
        let file = &settings.spec_path;
        let mut api = build::build(
            &parsed.spec,
            settings.env_prefix.as_deref(),
            settings.tag_features,
            &settings.crate_name,
            &|f, severity| {
                let f = error::Located {
                    pointer: parsed.origins.original(&f.pointer),
                    ..f
                };
                f.diagnostic(severity, file, Some(spec_text))
            },
        )?;
        if !parsed.warnings.is_empty() {
            api.warnings = parsed
                .warnings
                .iter()
                .cloned()
                .chain(api.warnings)
                .collect();
        }
        Ok(api)
    }

    /// Stages 3 and 4: emit and format every file.
    pub fn emit(api: &model::Api, settings: &Settings) -> Result<Generated, Error> {
        emit::emit(api, settings)
    }
}
