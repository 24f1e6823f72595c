//! The temporary cargo workspace holding one crate per ok fixture.
//!
//! Every generated crate carries its runtime crate (`runtime/`, `<name>-runtime`), a verbatim
//! copy that differs between crates only in the names in its manifest and headers. Building ~30
//! identical copies (each with its own test binary) was much of the corpus's cold build, so the
//! crates share ONE: the first crate's runtime, kept exactly as generated; every other crate
//! whose runtime is the same apart from those names depends on it under its own dependency name
//! (`corpus-x-runtime = { package = "corpus-first-runtime", path = "../first/runtime", ... }`),
//! so its code and feature forwarding compile unchanged. A crate whose runtime differs in
//! anything else keeps and builds its own.
//!
//! Files are synchronised, not recreated: a file is written only when its content changed and
//! anything the corpus no longer produces is removed. Cargo decides freshness by modification
//! times, so rewriting unchanged files would rebuild every crate on every run.

use crate::fixtures::Fixture;
use openapi_gen::Generated;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The dev-dependencies a behaviour test may use, copied from this crate's manifest so their
/// versions match the main workspace's.
const DEV_DEPS: &[&str] = &["tokio", "serde_json", "wiremock"];

/// Every file of the corpus workspace, by path relative to its root.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Relative path -> content.
    pub(crate) files: BTreeMap<String, String>,
    /// Member directories, in fixture order.
    pub(crate) members: Vec<String>,
    /// The runtime crate the others share, once the first crate is added.
    shared: Option<SharedRuntime>,
    /// Crates that build their own runtime copy (it differs from the shared one).
    pub(crate) own_runtime: Vec<String>,
}

/// The runtime crate every generated crate with the same runtime depends on.
#[derive(Debug)]
struct SharedRuntime {
    /// Its package name (`corpus-core_docs-runtime`).
    package: String,
    /// Its directory relative to the workspace root (`crates/core_docs/runtime`).
    dir: String,
    /// Its files with the owner's names replaced by placeholders (see [`normalised_runtime`]).
    normalised: BTreeMap<String, String>,
}

impl Layout {
    /// The layout of the crates generated from `fixtures`, finished: the fixtures that generated,
    /// and a message for each that did not.
    pub(crate) fn of(fixtures: &[Fixture]) -> (Layout, Vec<&Fixture>, Vec<String>) {
        let mut layout = Layout::default();
        let mut not_generated = Vec::new();
        let mut built = Vec::new();
        for fixture in fixtures {
            match fixture.generate() {
                Ok(generated) => {
                    layout.add(fixture, &generated);
                    built.push(fixture);
                }
                Err(e) => not_generated.push(format!("{} must generate: {e}", fixture.shown)),
            }
        }
        let main_lock =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock"))
                .expect("the main workspace has a Cargo.lock");
        layout.finish(&main_lock);
        (layout, built, not_generated)
    }

    /// Adds the crate generated from `fixture`, with its behaviour test when it has one.
    /// Its runtime is the shared one when it matches (see the module's documentation).
    pub(crate) fn add(&mut self, fixture: &Fixture, generated: &Generated) {
        let dir = format!("crates/{}", fixture.name);
        let behaviour = fixture.sibling("rs");
        let runtime_package = format!("{}-runtime", fixture.crate_name());
        let normalised = normalised_runtime(fixture, &generated.files);
        let manifest = generated
            .files
            .get("Cargo.toml")
            .cloned()
            .unwrap_or_default();
        let shared_manifest = match &self.shared {
            None => {
                self.shared = Some(SharedRuntime {
                    package: runtime_package,
                    dir: format!("{dir}/runtime"),
                    normalised,
                });
                None
            }
            Some(shared) if shared.normalised == normalised => {
                share_runtime(&manifest, &runtime_package, shared)
            }
            Some(_) => None,
        };
        let owner = self
            .shared
            .as_ref()
            .is_some_and(|s| s.dir == format!("{dir}/runtime"));
        if shared_manifest.is_none() && !owner {
            self.own_runtime.push(fixture.name.clone());
        }
        for (path, content) in &generated.files {
            if shared_manifest.is_some() && path.starts_with("runtime/") {
                continue;
            }
            let mut content = match (&shared_manifest, path.as_str()) {
                (Some(rewritten), "Cargo.toml") => rewritten.clone(),
                _ => content.clone(),
            };
            if path == "Cargo.toml" && behaviour.is_some() {
                content = with_dev_dependencies(&content);
            }
            if path == "Cargo.toml" && !has_unit_tests(&generated.files) {
                content.push_str(NO_LIB_TEST);
            }
            self.files.insert(format!("{dir}/{path}"), content);
        }
        if let Some(test) = behaviour {
            self.files
                .insert(format!("{dir}/tests/behaviour.rs"), read(&test));
            self.files.insert(
                format!("{dir}/tests/support/mod.rs"),
                support_module(&fixture.crate_name()),
            );
        }
        self.members.push(dir);
    }

    /// Adds the root manifest listing every member and the main workspace's lock file.
    pub(crate) fn finish(&mut self, main_lock: &str) {
        let members: Vec<String> = self
            .members
            .iter()
            .map(|m| format!("    {m:?},\n"))
            .collect();
        self.files.insert(
            "Cargo.toml".into(),
            format!(
                "# Written by tests/tests/corpus.rs: one crate per tests/specs/ok fixture.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}]\n\n{PROFILE}",
                members.concat()
            ),
        );
        self.files.insert("Cargo.lock".into(), main_lock.to_owned());
    }

    /// Makes `root` hold exactly these files, touching only files whose content differs.
    pub(crate) fn sync(&self, root: &Path) -> std::io::Result<()> {
        fs::create_dir_all(root)?;
        for path in existing_files(root)? {
            if !self.files.contains_key(&path) {
                fs::remove_file(root.join(&path))?;
            }
        }
        remove_empty_dirs(root)?;
        for (path, content) in &self.files {
            let dest = root.join(path);
            if fs::read_to_string(&dest).ok().as_deref() == Some(content.as_str()) {
                continue;
            }
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::write(&dest, content)?;
        }
        Ok(())
    }
}

/// The corpus workspace's build profile. No debug information: nobody runs a debugger on these
/// builds, and it made up most of the target directory and of the link time of the test
/// binaries (panic messages keep their file and line: they do not come from debug information).
/// No incremental compilation: a generator change rewrites most crates anyway, and its caches
/// were half of what remained.
const PROFILE: &str = "[profile.dev]\ndebug = 0\nincremental = false\n";

/// Appended to the manifest of a client crate without unit tests: `cargo test` would otherwise
/// compile the whole client a second time (with `--test`) and link a binary that runs nothing.
/// Its library is still built, warning-free, for its behaviour test and doctests.
const NO_LIB_TEST: &str = "\n[lib]\ntest = false\n";

/// Whether the client's own sources (not its runtime, whose unit tests run once, in the shared
/// crate) hold a unit test, or a manifest already has a `[lib]` table (left as it is).
fn has_unit_tests(files: &BTreeMap<String, String>) -> bool {
    files.iter().any(|(path, content)| {
        (path.starts_with("src/") && (content.contains("#[test]") || content.contains("cfg(test)")))
            || (path == "Cargo.toml" && content.contains("[lib]"))
    })
}

/// The runtime files of a generated crate (`runtime/...`), with the names that differ from crate
/// to crate (the crate's name, dashed and underscored, and its spec's path) replaced by
/// placeholders, so that two crates' runtimes compare equal when they are the same copy.
fn normalised_runtime(
    fixture: &Fixture,
    files: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let name = fixture.crate_name();
    let lib = name.replace('-', "_");
    files
        .iter()
        .filter(|(path, _)| path.starts_with("runtime/"))
        .map(|(path, content)| {
            let content = content
                .replace(&fixture.shown, "<spec>")
                .replace(&name, "<crate>")
                .replace(&lib, "<crate>");
            (path.clone(), content)
        })
        .collect()
}

/// The client manifest `manifest` depending on `shared` instead of its own `runtime/`, under its
/// own dependency name `runtime_package` (so `use corpus_x_runtime` and the features forwarded as
/// `corpus-x-runtime/rustls-tls` stay as generated). `None` when the dependency is not written
/// the way this expects (`<runtime_package> = { path = "runtime", ... }` on one line): the crate
/// then keeps its own runtime.
fn share_runtime(manifest: &str, runtime_package: &str, shared: &SharedRuntime) -> Option<String> {
    let prefix = format!("{runtime_package} = {{ path = \"runtime\",");
    let mut found = 0;
    let lines: Vec<String> = manifest
        .lines()
        .map(|line| match line.strip_prefix(&prefix) {
            Some(rest) => {
                found += 1;
                format!(
                    "{runtime_package} = {{ package = \"{}\", path = \"../../{}\",{rest}",
                    shared.package, shared.dir
                )
            }
            None => line.to_owned(),
        })
        .collect();
    (found == 1).then(|| {
        let mut out = lines.join("\n");
        if manifest.ends_with('\n') {
            out.push('\n');
        }
        out
    })
}

/// `tests/specs/support.rs` as the `support` module of `crate_name`'s behaviour test: the shared
/// file followed by the line naming the crate under test `api` (appended, since the file starts
/// with inner attributes, which must come first).
fn support_module(crate_name: &str) -> String {
    let shared = read(&crate::fixtures::specs_dir().join("support.rs"));
    let lib = crate_name.replace('-', "_");
    format!("{shared}\n// Appended by tests/tests/corpus.rs: the crate under test.\nuse {lib} as api;\n")
}

/// The text of `path`; a missing file fails the test naming it.
fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A generated manifest with the dev-dependencies of a behaviour test: added to its
/// `[dev-dependencies]` table (the generated operation tests' own), which is the last table, a
/// dependency of both in the behaviour test's version and features (a superset: tokio).
fn with_dev_dependencies(generated: &str) -> String {
    let (manifest, own) = match generated.split_once("\n[dev-dependencies]\n") {
        Some((manifest, own)) => (manifest, own),
        None => (generated, ""),
    };
    let mut out = format!("{manifest}\n[dev-dependencies]\n");
    for line in own.lines() {
        let name = line.split('=').next().map(str::trim).unwrap_or("");
        if !line.trim().is_empty() && !DEV_DEPS.contains(&name) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&dev_dependencies());
    out
}

/// The dependency lines of a behaviour test's dev-dependencies.
fn dev_dependencies() -> String {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("tests/Cargo.toml is readable");
    let mut out = String::new();
    for name in DEV_DEPS {
        let line = manifest
            .lines()
            .find(|l| l.split('=').next().map(str::trim) == Some(*name))
            .unwrap_or_else(|| panic!("tests/Cargo.toml has no `{name}` dependency to copy"));
        out.push_str(line.trim());
        out.push('\n');
    }
    out
}

/// Files under `root`, relative and `/`-separated.
fn existing_files(root: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).expect("below root");
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    Ok(out)
}

/// Removes directories below `root` left empty (deleted fixtures), deepest first.
fn remove_empty_dirs(root: &Path) -> std::io::Result<()> {
    let mut dirs = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path.clone());
                stack.push(path);
            }
        }
    }
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        if fs::read_dir(&dir)?.next().is_none() {
            fs::remove_dir(&dir)?;
        }
    }
    Ok(())
}
