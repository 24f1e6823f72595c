//! Helpers shared by the xtask integration tests.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace root, where the `xtask` binary is run.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The `*.yaml` / `*.json` specs in `tests/specs/<kind>/`, sorted by path.
pub(crate) fn corpus_specs(kind: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/specs").join(kind);
    let mut specs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs
}
