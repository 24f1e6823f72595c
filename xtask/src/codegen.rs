//! `cargo xtask codegen [--check] [--spec FILE --out DIR [--crate-name NAME] [--env-prefix P]]`.

use openapi_gen::Settings;
use similar::TextDiff;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The options of `cargo xtask codegen` (the doc comments are its `--help`).
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// Write nothing; fail with a diff if the output is not up to date
    #[arg(long)]
    pub check: bool,
    /// Generate this OpenAPI 3.0 spec (YAML or JSON), not spec/products.yaml
    #[arg(long, value_name = "FILE", requires = "out")]
    pub spec: Option<PathBuf>,
    /// With --spec: write the client crate to DIR, its runtime crate to DIR/runtime/
    #[arg(long, value_name = "DIR", requires = "spec")]
    pub out: Option<PathBuf>,
    /// With --spec: the client's package name [default: DIR's last component]
    #[arg(long, value_name = "NAME", requires = "spec")]
    pub crate_name: Option<String>,
    /// With --spec: the client reads PREFIX_API_KEY and PREFIX_BASE_URL
    /// [default: the spec's info.x-env-prefix, else its title]
    #[arg(long, value_name = "PREFIX", requires = "spec", verbatim_doc_comment)]
    pub env_prefix: Option<String>,
}

impl Options {
    /// The generation these options ask for: [`Job::products`] unless `--spec` is given.
    pub fn job(&self, root: &Path) -> Job {
        let (Some(spec), Some(out)) = (&self.spec, &self.out) else {
            return Job::products(root);
        };
        let crate_name = self.crate_name.clone().unwrap_or_else(|| {
            out.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "api-client".into())
        });
        let shown = spec
            .strip_prefix(root)
            .unwrap_or(spec)
            .display()
            .to_string();
        let mut settings = Settings::new(crate_name, shown);
        settings.env_prefix = self.env_prefix.clone();
        Job {
            spec: spec.clone(),
            out: out.clone(),
            settings,
        }
    }
}

/// One generation: which spec, where to, under which crate name.
#[derive(Debug, Clone)]
pub struct Job {
    /// The spec file.
    pub spec: PathBuf,
    /// The crate directory to write.
    pub out: PathBuf,
    /// Generator settings (crate name, labels).
    pub settings: Settings,
}

impl Job {
    /// The project's own job: `spec/products.yaml` -> `generated/` as `whop-products`.
    pub fn products(root: &Path) -> Self {
        Self {
            spec: root.join("spec/products.yaml"),
            out: root.join("generated"),
            settings: Settings::new("whop-products", "spec/products.yaml"),
        }
    }
}

/// How the generated files differ from the ones on disk.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files to create or rewrite, with their new content.
    pub write: BTreeMap<String, String>,
    /// Files on disk that the generator no longer produces.
    pub remove: Vec<String>,
    /// The crate directory the paths are relative to.
    out: PathBuf,
    /// The content on disk of each file in `write` (`None`: a new file), for [`Changes::diff`].
    previous: BTreeMap<String, Option<String>>,
    /// How many files the generator produced.
    generated: usize,
}

impl Changes {
    /// Whether the files on disk are up to date.
    pub fn is_empty(&self) -> bool {
        self.write.is_empty() && self.remove.is_empty()
    }

    /// What writing these changes does, one line per file (`wrote generated/src/models.rs`,
    /// `removed ...`), or one line saying that the directory is up to date.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return format!(
                "{}/ is up to date ({} files)\n",
                display_path(&self.out),
                self.generated
            );
        }
        let wrote = self.write.keys().map(|path| ("wrote", path));
        let removed = self.remove.iter().map(|path| ("removed", path));
        wrote
            .chain(removed)
            .map(|(what, path)| format!("{what} {}\n", display_path(&self.out.join(path))))
            .collect()
    }

    /// A unified diff of every change (computed on demand: only `--check` and tests show it).
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for (path, new) in &self.write {
            let old = self.previous.get(path).cloned().flatten();
            let shown = display_path(&self.out.join(path));
            out.push_str(
                &TextDiff::from_lines(old.as_deref().unwrap_or(""), new.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{shown}"), &format!("b/{shown}"))
                    .to_string(),
            );
        }
        for path in &self.remove {
            out.push_str(&format!(
                "only on disk (not generated): {}\n",
                self.out.join(path).display()
            ));
        }
        out
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Generates in memory and compares with the files under `job.out`. Writes nothing.
pub fn plan(job: &Job) -> Result<Changes, String> {
    let text = fs::read_to_string(&job.spec)
        .map_err(|e| format!("{}: cannot read the spec: {e}", job.spec.display()))?;
    let generated = openapi_gen::generate(&text, &job.settings).map_err(|e| e.to_string())?;
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let existing = list_files(&job.out)?;
    let mut changes = Changes {
        out: job.out.clone(),
        generated: generated.files.len(),
        ..Changes::default()
    };
    changes.remove = existing
        .into_iter()
        .filter(|path| !generated.files.contains_key(path))
        .collect();
    for (path, new) in generated.files {
        let old = fs::read_to_string(job.out.join(&path)).ok();
        if old.as_deref() != Some(new.as_str()) {
            changes.previous.insert(path.clone(), old);
            changes.write.insert(path, new);
        }
    }
    Ok(changes)
}

/// Writes the planned changes: only files whose content changed, each replaced atomically.
pub fn apply(job: &Job, changes: &Changes) -> Result<(), String> {
    for (path, content) in &changes.write {
        let dest = job.out.join(path);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let tmp = dest.with_extension("codegen-tmp");
        fs::write(&tmp, content).map_err(|e| format!("{}: {e}", tmp.display()))?;
        fs::rename(&tmp, &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    }
    for path in &changes.remove {
        let p = job.out.join(path);
        fs::remove_file(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    Ok(())
}

/// Files under `dir` (relative, `/`-separated), skipping `target/` and hidden entries.
fn list_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", d.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "target" || name == "Cargo.lock" {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("under dir");
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The `--check` failure message: the diff and the command that fixes it.
pub fn stale_message(changes: &Changes) -> String {
    format!(
        "{}\nerror: the generated code is out of date with the spec or the generator.\nRun `cargo xtask codegen` and commit the result.",
        changes.diff()
    )
}

/// `path` relative to the workspace root when it is inside it, for short, stable messages.
fn display_path(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
