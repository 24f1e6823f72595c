//! The manifests of the generated client crate and of its runtime crate, and the client's
//! `src/lib.rs`.

use super::doc_line_texts;
use super::output::{File, Output};
use crate::model::Api;
use crate::naming;
use crate::Settings;
use proc_macro2::TokenStream;
use quote::quote;

/// The client crate's manifest: the runtime crate (default features off, so the client's own
/// features choose them), the crates its derives and models name directly (`serde`,
/// `serde_json`, with the runtime's requirements), the runtime's features forwarded, and when the
/// crate has operation tests (`tested`) the dev-dependency they run on: tokio, at the runtime's
/// requirement, with its test macro and runtime.
pub(crate) fn cargo_toml(
    api: &Api,
    settings: &Settings,
    header: &str,
    runtime_manifest: &str,
    tested: bool,
) -> String {
    let runtime = naming::runtime_package(&settings.crate_name);
    let direct: String = table_section(runtime_manifest, "[dependencies]")
        .lines()
        .filter(|l| DIRECT_DEPENDENCIES.contains(&dependency_name(l)))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut features: String = table_section(runtime_manifest, "[features]")
        .lines()
        .map(|l| forward_feature(l, &runtime))
        .collect();
    if let Some(split) = &api.features {
        features = tag_features(split, &features);
    }
    let description = format!(
        "Async Rust client for the {}, generated from its OpenAPI description.",
        api.title
    );
    let deps = format!(
        "{runtime} = {{ path = \"runtime\", version = \"={}\", default-features = false }}\n{direct}",
        settings.crate_version
    );
    let manifest = manifest(
        header,
        &settings.crate_name,
        settings,
        &description,
        &deps,
        &features,
    );
    if !tested {
        return manifest;
    }
    let tokio = table_section(runtime_manifest, "[dependencies]")
        .lines()
        .find(|l| dependency_name(l) == "tokio")
        .and_then(|l| l.split("version = \"").nth(1))
        .and_then(|v| v.split('"').next())
        .unwrap_or("1")
        .to_owned();
    format!(
        "{manifest}\n[dev-dependencies]\ntokio = {{ version = \"{tokio}\", features = [\"macros\", \"rt\"] }}\n"
    )
}

/// The runtime crate's manifest: the shipped runtime's dependencies and features exactly, so the
/// two cannot drift.
pub(crate) fn runtime_cargo_toml(
    settings: &Settings,
    header: &str,
    runtime_manifest: &str,
) -> String {
    let description = format!(
        "HTTP runtime of the {} crate (configuration, requests, retries, errors), a copy of openapi-gen's runtime.",
        settings.crate_name
    );
    manifest(
        header,
        &naming::runtime_package(&settings.crate_name),
        settings,
        &description,
        &table_section(runtime_manifest, "[dependencies]"),
        &table_section(runtime_manifest, "[features]"),
    )
}

/// A manifest of a generated package: `deps` and `features` are the tables' entry lines.
fn manifest(
    header: &str,
    name: &str,
    settings: &Settings,
    description: &str,
    deps: &str,
    features: &str,
) -> String {
    let features = if features.is_empty() {
        String::new()
    } else {
        format!("\n[features]\n{features}")
    };
    format!(
        "{header}\n[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\nrust-version = \"1.85\"\ndescription = {description:?}\n\n[dependencies]\n{deps}{features}",
        version = settings.crate_version,
    )
}

/// Dependencies the client crate names itself: `serde` (its derives expand to `serde::` paths)
/// and `serde_json` (`serde_json::Value` in models).
const DIRECT_DEPENDENCIES: &[&str] = &["serde", "serde_json"];

/// The package name of a dependency line (`name = ...`).
fn dependency_name(line: &str) -> &str {
    line.split('=').next().unwrap_or("").trim()
}

/// A runtime feature line as the client crate's: `default` keeps its list (the names are the
/// same), any other feature enables the runtime's feature of that name.
fn forward_feature(line: &str, runtime: &str) -> String {
    let name = dependency_name(line);
    if name == "default" {
        format!("{line}\n")
    } else {
        format!("{name} = [\"{runtime}/{name}\"]\n")
    }
}

/// The features of a crate split by resource after the forwarded `runtime` ones: `default`
/// gains the feature enabling every resource, then one feature per resource.
fn tag_features(split: &crate::model::TagFeatures, runtime: &str) -> String {
    let mut out = String::new();
    for line in runtime.lines() {
        match line.strip_prefix("default = [") {
            Some(rest) if rest.trim() == "]" => {
                out.push_str(&format!("default = [\"{}\"]\n", split.all))
            }
            Some(rest) => out.push_str(&format!("default = [\"{}\", {rest}\n", split.all)),
            None => out.push_str(&format!("{line}\n")),
        }
    }
    let every: Vec<String> = split
        .resources
        .iter()
        .chain([&split.unreached])
        .map(|f| format!("\"{f}\""))
        .collect();
    out.push_str(&format!(
        "# Every resource, and the types no operation uses.\n{} = [{}]\n",
        split.all,
        every.join(", ")
    ));
    for f in split.resources.iter().chain([&split.unreached]) {
        out.push_str(&format!("{f} = []\n"));
    }
    out
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

/// Pushes the crate root, `src/lib.rs`.
pub(crate) fn push<'a>(api: &'a Api, settings: &'a Settings, out: &mut Output<'a>) {
    out.whole(File::Lib, move || lib_rs(api, settings));
}

/// The crate root: documentation, modules, re-exports.
fn lib_rs(api: &Api, settings: &Settings) -> TokenStream {
    let runtime = naming::crate_ident(&naming::runtime_package(&settings.crate_name));
    let runtime_crate = naming::ident(&runtime);
    let mut text = format!(
        "Async client for the {} (version {}).",
        api.title, api.version
    );
    if let Some(d) = &api.description {
        text.push_str("\n\n");
        text.push_str(d.trim());
    }
    if !api.schemes.is_empty() {
        text.push_str(&authentication_doc(api));
    }
    if let Some(split) = &api.features {
        text.push_str(&features_doc(api, split, &settings.crate_name));
    }
    let inner = inner_doc_lines(&text, api.docs_url.as_deref());
    // The resources' handles: in the one `use` below, or each behind its feature.
    let names: Vec<_> = api
        .resources
        .iter()
        .map(|r| naming::ident(&r.type_name))
        .collect();
    let (resources, gated): (&[_], &[_]) = match api.features {
        Some(_) => (&[], &names),
        None => (&names, &[]),
    };
    let gated = gated.iter().enumerate().map(|(i, name)| {
        let gate = super::features::resource_attr(api, i);
        quote!(#gate pub use client::#name;)
    });
    quote! {
        #inner

        #[rustfmt::skip]
        #[allow(deprecated)] // the client names deprecated models and operations itself
        pub mod client;
        #[rustfmt::skip]
        pub mod models;
        #[doc(no_inline)]
        pub use #runtime_crate as runtime;

        #[rustfmt::skip]
        pub use client::{servers, ApiCall, ApiStream, Client, ClientBuilder, Error, Result, API_VERSION, #(#resources),*};
        #(#gated)*
        pub use runtime::prelude::*;
        #[cfg(feature = "blocking")]
        pub use client::blocking;
    }
}

/// The crate docs' section on the features of a crate split by resource.
fn features_doc(api: &Api, split: &crate::model::TagFeatures, crate_name: &str) -> String {
    let mut text = format!(
        "\n\n# Cargo features\n\nEach resource has a cargo feature; `{all}` (on by default) \
         enables them all. To compile only the resources you call and the types they use, turn \
         the defaults off and name them (keep a TLS feature, `rustls-tls` by default):\n\n\
         ```toml\n{crate_line} = {{ version = \"*\", default-features = false, features = \
         [\"rustls-tls\", \"{first}\"] }}\n```\n\n| feature | resource |\n|---|---|\n",
        all = split.all,
        crate_line = crate_name,
        first = split.resources[0],
    );
    for (f, r) in split.resources.iter().zip(&api.resources) {
        text.push_str(&format!("| `{f}` | [`client::{}`] |\n", r.type_name));
    }
    text.push_str(&format!(
        "| `{}` | the types no operation uses (such as webhook payloads) |\n",
        split.unreached
    ));
    text
}

/// The crate docs' section on credentials: each scheme, how it is sent, its setter and
/// environment variables, and how a call picks them.
fn authentication_doc(api: &Api) -> String {
    let mut text = String::from(
        "\n\n# Authentication\n\n| scheme | sent as | `ClientBuilder` | environment |\n|---|---|---|---|\n",
    );
    for s in &api.schemes {
        let mut setters = format!("`{}(..)`", s.setter);
        if let Some(p) = &s.provider_setter {
            setters.push_str(&format!(", `{p}(..)`"));
        }
        let env: Vec<String> = s.env.iter().map(|v| format!("`{v}`")).collect();
        text.push_str(&format!(
            "| `{}` | {} | {setters} | {} |\n",
            s.key,
            super::client::sent_as(s),
            env.join(", ")
        ));
    }
    text.push_str(
        "\nA credential not set on the builder is read from the environment when the client is built. \
         Each call sends the credentials of the first of its operation's alternatives that the client \
         holds in full (an operation declared with `security: []` sends none); a call whose \
         alternatives it cannot meet fails with `Error::Config` before anything is sent. For mutual \
         TLS, pass a `reqwest::Client` holding the client certificate to `ClientBuilder::http_client`.",
    );
    text
}

/// `#![doc = "..."]` attributes for Markdown text (relative links resolved against `docs_url`).
fn inner_doc_lines(text: &str, docs_url: Option<&str>) -> TokenStream {
    let lines = doc_line_texts(text, docs_url);
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

    /// The shipped runtime opts into the workspace's lints (`[lints] workspace = true`); a
    /// generated runtime crate is a standalone package, where that line would not build, so only
    /// `[dependencies]` and `[features]` may be copied.
    #[test]
    fn the_generated_runtime_manifest_does_not_inherit_workspace_lints() {
        let runtime = crate::runtime_files::MANIFEST;
        assert!(runtime.contains("[lints]\nworkspace = true"), "{runtime}");
        let settings = crate::Settings::new("demo", "demo.yaml");
        let generated = super::runtime_cargo_toml(&settings, "# header\n", runtime);
        assert!(!generated.contains("[lints]"), "{generated}");
        assert!(!generated.contains("workspace"), "{generated}");
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

    /// A resource named like a feature the client forwards to its runtime (`blocking`, `http2`,
    /// ...) gets a feature name of its own: the split crate's features never clash with them.
    #[test]
    fn resource_features_never_take_a_runtime_feature_name() {
        let features = table_section(crate::runtime_files::MANIFEST, "[features]");
        let runtime: Vec<&str> = features.lines().map(super::dependency_name).collect();
        assert!(runtime.contains(&"blocking"), "{features}");
        let accessors: Vec<String> = runtime.iter().map(|f| f.replace('-', "_")).collect();
        let (resources, unreached, all) = crate::naming::tag_features(&accessors);
        for name in resources.iter().chain([&unreached, &all]) {
            assert!(!runtime.contains(&name.as_str()), "{name} in {resources:?}");
        }
    }
}
