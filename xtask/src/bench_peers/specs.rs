//! The specs that `cargo xtask bench-peers` feeds to every generator, written to files so each
//! tool reads the same bytes.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

#[path = "../../../generator/benches/support/synthetic.rs"]
mod synthetic;

/// One input spec.
#[derive(Debug, Clone)]
pub(super) struct Spec {
    /// Short label used in file names and tables.
    pub(super) label: &'static str,
    /// Where the spec was written.
    pub(super) path: PathBuf,
    /// Its size in bytes.
    pub(super) bytes: usize,
}

/// The specs every tool is fed, by label.
pub(super) const LABELS: [&str; 4] = ["products", "synthetic", "nexus", "github"];

/// Writes the specs named in `labels` (of [`LABELS`]: `products.yaml`, `synthetic.yaml`,
/// `nexus.json`, `github.json`) into `dir` and returns them in that order. `root` is the
/// workspace root.
pub(super) fn write_all(root: &Path, dir: &Path, labels: &[String]) -> Result<Vec<Spec>, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let wanted = |label: &str| labels.iter().any(|l| l == label);
    let mut all = Vec::new();
    if wanted("products") {
        let products = fs::read_to_string(root.join("spec/products.yaml"))
            .map_err(|e| format!("spec/products.yaml: {e}"))?;
        all.push(("products", "products.yaml", products));
    }
    if wanted("synthetic") {
        all.push(("synthetic", "synthetic.yaml", synthetic::synthetic_spec()));
    }
    if wanted("nexus") {
        all.push((
            "nexus",
            "nexus.json",
            public_text(root, "oxide-nexus.json.gz")?,
        ));
    }
    if wanted("github") {
        all.push(("github", "github.json", github_text(root)?));
    }
    all.into_iter()
        .map(|(label, file, text)| {
            let path = dir.join(file);
            fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(Spec {
                label,
                path,
                bytes: text.len(),
            })
        })
        .collect()
}

/// GitHub's REST API description, decompressed from `tests/specs/public/`.
fn github_text(root: &Path) -> Result<String, String> {
    public_text(root, "api.github.com.json.gz")
}

/// A real description of `tests/specs/public/` (its README says whose), decompressed.
fn public_text(root: &Path, name: &str) -> Result<String, String> {
    let file = root.join("tests/specs/public").join(name);
    let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: not gzip-compressed UTF-8: {e}", file.display()))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_fixture_decompresses_to_an_openapi_3_0_document() {
        let root = crate::codegen::workspace_root();
        let text = github_text(&root).unwrap();
        assert_eq!(text.len(), 13_001_822);
        assert!(text.contains("\"openapi\": \"3.0.3\""));
    }

    #[test]
    fn synthetic_spec_is_deterministic_and_large() {
        let a = synthetic::synthetic_spec();
        assert_eq!(a, synthetic::synthetic_spec());
        assert!(a.len() > 1_000_000);
        assert_eq!(a.matches("operationId:").count(), 1_000);
    }
}
