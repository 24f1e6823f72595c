//! `cargo test` fails when `generated/` is stale, with the same diff as `cargo xtask codegen --check`.

use xtask::codegen;

#[test]
fn generated_crate_matches_the_spec_and_the_generator() {
    let job = codegen::products(&codegen::workspace_root());
    let changes = codegen::plan(&job).expect("the spec generates");
    assert!(changes.is_empty(), "{}", codegen::stale_message(&changes));
}
