//! Embeds the shipped runtime (`../runtime/src/*.rs` and its manifest) into the generator, so the
//! generator itself does no file I/O and the runtime is compiled and tested as an ordinary crate.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let runtime = Path::new(&manifest_dir).join("../runtime");
    let src = runtime.join("src");
    println!("cargo:rerun-if-changed={}", src.display());
    println!(
        "cargo:rerun-if-changed={}",
        runtime.join("Cargo.toml").display()
    );
    let mut names: Vec<String> = std::fs::read_dir(&src)
        .expect("runtime/src is readable")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".rs"))
        .collect();
    names.sort();
    let mut out = String::from("/// The runtime's source files: (name under the runtime crate's `src/`, text).\npub(crate) const FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let target = name.as_str();
        let path = src.join(name).canonicalize().expect("runtime file exists");
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({target:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let manifest = runtime
        .join("Cargo.toml")
        .canonicalize()
        .expect("runtime manifest exists");
    writeln!(out, "/// The runtime's manifest (its `[dependencies]` and `[features]` become the generated runtime crate's).\npub(crate) const MANIFEST: &str = include_str!({:?});", manifest.display().to_string()).unwrap();
    let dest = Path::new(&std::env::var("OUT_DIR").expect("set by cargo")).join("runtime_files.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
