//! `cargo xtask codegen [--check] [--spec FILE --out DIR [--crate-name NAME] [--env-prefix P]]`:
//! the `openapi-gen` command's [`Job`], [`plan`] and [`apply`] (crate `openapi-gen-cli`), with
//! this repository's defaults: without `--spec`, `spec/products.yaml` -> `generated/`, found
//! from any directory, and paths inside the repository shown relative to its root.

use openapi_gen::Settings;
pub use openapi_gen_cli::{apply, plan, Changes, Job};
use std::path::{Path, PathBuf};

/// The options of `cargo xtask codegen` (the doc comments are its `--help`).
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// Write nothing; fail with a diff if the output is not up to date
    #[arg(long)]
    pub check: bool,
    /// Generate this OpenAPI spec (YAML or JSON), not spec/products.yaml; relative to the
    /// current directory
    #[arg(long, value_name = "FILE", requires = "out")]
    pub spec: Option<PathBuf>,
    /// With --spec: write the client crate to DIR, its runtime crate to DIR/runtime/; relative
    /// to the current directory
    #[arg(long, value_name = "DIR", requires = "spec")]
    pub out: Option<PathBuf>,
    /// With --spec: the client's package name [default: DIR's last component]
    #[arg(long, value_name = "NAME", requires = "spec")]
    pub crate_name: Option<String>,
    /// With --spec: the client reads PREFIX_API_KEY and PREFIX_BASE_URL
    /// [default: the spec's info.x-env-prefix, else its title]
    #[arg(long, value_name = "PREFIX", requires = "spec", verbatim_doc_comment)]
    pub env_prefix: Option<String>,
    /// With --spec: one cargo feature per resource (tag)
    /// [default: the spec's info.x-tag-features, else true from 100 operations on]
    #[arg(long, value_name = "BOOL", requires = "spec", verbatim_doc_comment)]
    pub tag_features: Option<bool>,
}

impl Options {
    /// The generation these options ask for: [`products`] unless `--spec` is given. A `--spec`
    /// job's headers name `cargo xtask codegen` with its options, as given.
    pub fn job(&self, root: &Path) -> Job {
        let (Some(spec), Some(out)) = (&self.spec, &self.out) else {
            return products(root);
        };
        let mut job = Job::new(
            "cargo xtask codegen",
            spec,
            out,
            self.crate_name.as_deref(),
            self.env_prefix.as_deref(),
            self.tag_features,
        );
        // A spec of this repository is named from its root in errors, whatever the directory.
        if let Ok(inside) = spec.strip_prefix(root) {
            job.settings.spec_path = inside.display().to_string();
        }
        job.display_root = Some(root.to_path_buf());
        job
    }
}

/// The project's own job: `spec/products.yaml` -> `generated/` as `whop-products`, regenerated
/// by plain `cargo xtask codegen`.
pub fn products(root: &Path) -> Job {
    Job {
        spec: root.join("spec/products.yaml"),
        out: root.join("generated"),
        settings: Settings::new("whop-products", "spec/products.yaml"),
        display_root: Some(root.to_path_buf()),
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The `--check` failure message: the diff and the command that fixes it.
pub fn stale_message(changes: &Changes) -> String {
    changes.stale_message()
}
