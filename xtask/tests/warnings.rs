//! `cargo xtask codegen` prints the generator's warnings (fallbacks to `serde_json::Value`) on
//! stderr as `warning[kind]: file:line: pointer: message`, and still writes the crate.

mod common;

use std::process::Command;

#[test]
fn fallback_warnings_are_printed_and_the_crate_is_written() {
    let root = common::root();
    let out = std::env::temp_dir().join(format!("xtask-warnings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "codegen",
            "--spec",
            "generator/tests/fixtures/warn_fallbacks.yaml",
            "--out",
            out.to_str().expect("UTF-8 path"),
            "--crate-name",
            "warn-test",
        ])
        .current_dir(root)
        .output()
        .expect("the xtask binary runs");
    let stderr = String::from_utf8(run.stderr).expect("UTF-8 stderr");
    assert!(run.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning["))
        .collect();
    assert_eq!(warnings.len(), 3, "{stderr}");
    assert!(
        warnings[0].starts_with(
            "warning[mapped-to-json-value]: generator/tests/fixtures/warn_fallbacks.yaml:17: \
             #/components/schemas/Thing/properties/anything_but_text: `not`"
        ),
        "{stderr}"
    );
    assert!(out.join("src/models.rs").is_file());
    std::fs::remove_dir_all(&out).expect("temp dir removable");
}
