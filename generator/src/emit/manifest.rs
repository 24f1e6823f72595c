//! `Cargo.toml` and `src/lib.rs` of the generated crate.

use super::doc_line_texts;
use crate::model::Api;
use crate::Settings;
use proc_macro2::TokenStream;
use quote::quote;

/// The crate manifest. Dependencies and features are exactly the shipped runtime's, so the two
/// cannot drift.
pub(crate) fn cargo_toml(
    api: &Api,
    settings: &Settings,
    header: &str,
    runtime_manifest: &str,
) -> String {
    let deps = table_section(runtime_manifest, "[dependencies]");
    let features = table_section(runtime_manifest, "[features]");
    let features = if features.is_empty() {
        String::new()
    } else {
        format!("\n[features]\n{features}")
    };
    let description = format!(
        "Async Rust client for the {}, generated from its OpenAPI description.",
        api.title
    );
    format!(
        "{header}\n[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\nrust-version = \"1.85\"\ndescription = {description:?}\n\n[dependencies]\n{deps}{features}",
        name = settings.crate_name,
        version = settings.crate_version,
    )
}

/// The entry lines of one table (`header`, e.g. `[dependencies]`) of a manifest, comments dropped.
fn table_section(manifest: &str, header: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in manifest.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            inside = t == header;
            continue;
        }
        if inside && !t.is_empty() && !t.starts_with('#') {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The crate root: documentation, modules, re-exports.
pub(crate) fn lib_rs(api: &Api) -> TokenStream {
    let mut text = format!(
        "Async client for the {} (version {}).",
        api.title, api.version
    );
    if let Some(d) = &api.description {
        text.push_str("\n\n");
        text.push_str(d.trim());
    }
    let inner = inner_doc_lines(&text);
    let resources = api
        .resources
        .iter()
        .map(|r| crate::naming::ident(&r.type_name));
    quote! {
        #inner

        #[rustfmt::skip]
        #[allow(deprecated)] // the client names deprecated models and operations itself
        pub mod client;
        #[rustfmt::skip]
        pub mod models;
        pub mod runtime;

        #[rustfmt::skip]
        pub use client::{servers, ApiCall, Client, ClientBuilder, Error, Result, API_VERSION, #(#resources),*};
        pub use runtime::{Nullable, Response, Timestamp};
    }
}

/// `#![doc = "..."]` attributes for Markdown text.
fn inner_doc_lines(text: &str) -> TokenStream {
    let lines = doc_line_texts(text);
    quote!(#(#![doc = #lines])*)
}

#[cfg(test)]
mod tests {
    use super::table_section;

    const MANIFEST: &str = "[package]\nname = \"rt\"\n\n[dependencies]\n# no TLS here\nreqwest = { version = \"0.12\", default-features = false }\n\n# a note\n[features]\n# why\ndefault = [\"rustls-tls\"]\nrustls-tls = [\"reqwest/rustls-tls\"]\nnative-tls = [\"reqwest/native-tls\"]\nhttp2 = [\"reqwest/http2\"]\n\n[dev-dependencies]\nwiremock = \"0.6\"\n";

    #[test]
    fn copies_one_table_without_comments_or_other_tables() {
        assert_eq!(
            table_section(MANIFEST, "[dependencies]"),
            "reqwest = { version = \"0.12\", default-features = false }\n"
        );
        assert_eq!(
            table_section(MANIFEST, "[features]"),
            "default = [\"rustls-tls\"]\nrustls-tls = [\"reqwest/rustls-tls\"]\nnative-tls = [\"reqwest/native-tls\"]\nhttp2 = [\"reqwest/http2\"]\n"
        );
        assert_eq!(table_section(MANIFEST, "[workspace]"), "");
    }

    /// The shipped runtime's manifest: the generated crate gets its TLS features, rustls by
    /// default, and a reqwest dependency that enables no TLS backend by itself (otherwise
    /// `--no-default-features --features native-tls` would still build rustls).
    #[test]
    fn the_runtime_tls_features_reach_the_generated_manifest() {
        let runtime = crate::runtime_files::MANIFEST;
        let features = table_section(runtime, "[features]");
        for line in [
            "default = [\"rustls-tls\"]",
            "rustls-tls = [\"reqwest/rustls-tls\"]",
            "native-tls = [\"reqwest/native-tls\"]",
            "http2 = [\"reqwest/http2\"]",
        ] {
            assert!(features.lines().any(|l| l == line), "{line} in {features}");
        }
        let deps = table_section(runtime, "[dependencies]");
        let reqwest = deps.lines().find(|l| l.starts_with("reqwest ")).unwrap();
        assert!(reqwest.contains("default-features = false"), "{reqwest}");
        assert!(!reqwest.contains("tls"), "{reqwest}");
    }
}
