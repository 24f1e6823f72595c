//! The temporary cargo workspace holding one crate per ok fixture.
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
}

impl Layout {
    /// Adds the crate generated from `fixture`, with its behaviour test when it has one.
    pub(crate) fn add(&mut self, fixture: &Fixture, generated: &Generated) {
        let dir = format!("crates/{}", fixture.name);
        let behaviour = fixture.sibling("rs");
        for (path, content) in &generated.files {
            let mut content = content.clone();
            if path == "Cargo.toml" && behaviour.is_some() {
                content.push_str(&dev_dependencies());
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
                "# Written by tests/tests/corpus.rs: one crate per tests/specs/ok fixture.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}]\n",
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

/// The `[dev-dependencies]` table for a crate with a behaviour test.
fn dev_dependencies() -> String {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("tests/Cargo.toml is readable");
    let mut out = String::from("\n[dev-dependencies]\n");
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
