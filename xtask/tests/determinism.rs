//! The same spec gives byte-identical output across processes: every `tests/specs/ok` spec and
//! `spec/products.yaml` is generated twice by separate runs of the `xtask` binary, into the same
//! directory (emptied in between).

mod common;

use common::root;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every spec to check: the ok corpus, sorted, then the products spec.
fn specs() -> Vec<PathBuf> {
    let mut specs = common::corpus_specs("ok");
    specs.push(root().join("spec/products.yaml"));
    specs
}

/// Runs `xtask codegen` on `spec` into `out` and returns every file written, by relative path.
fn generate(spec: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let run = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--crate-name", "determinism", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(out)
        .current_dir(root())
        .output()
        .expect("the xtask binary runs");
    assert!(
        run.status.success(),
        "{}: {}",
        spec.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    let mut files = BTreeMap::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("output directory is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(out)
                    .expect("below out")
                    .display()
                    .to_string();
                files.insert(rel, fs::read(&path).expect("file is readable"));
            }
        }
    }
    files
}

#[test]
fn two_processes_write_byte_identical_crates() {
    for spec in specs() {
        // One directory for both runs: every header names the command, `--out` included.
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        let first = generate(&spec, &out);
        fs::remove_dir_all(&out).expect("removable");
        let second = generate(&spec, &out);
        assert!(
            first.contains_key("src/lib.rs"),
            "{}: nothing generated",
            spec.display()
        );
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&first),
            names(&second),
            "{}: file lists differ",
            spec.display()
        );
        for (path, bytes) in &first {
            assert!(
                *bytes == second[path],
                "{}: {path} differs between two runs",
                spec.display()
            );
        }
    }
}
