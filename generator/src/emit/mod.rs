//! Stages 3 and 4: the model -> token streams -> formatted files. Each emitter pushes the items of
//! the files it writes into an [`Output`], which renders every file: `manifest` (`lib.rs`),
//! `client` (`client.rs`, and each operation's types into `models.rs`), `models` (the schemas'
//! types). Items of `models.rs` with modules of their own: `enums`, `unions`, `params`,
//! `multipart`, `responses`; pieces several emitters share: `constructor`, `validate`. Every
//! emitter reads the model only; names come from the model or `naming.rs`, never computed here.

mod client;
mod constructor;
mod enums;
mod features;
mod manifest;
mod markdown;
mod models;
mod multipart;
mod optests;
mod output;
mod params;
mod responses;
mod unions;
mod validate;

use crate::error::{Located, Severity};
use crate::model::{Api, Doc, Presence, TypeRef};
use crate::naming::ident;
use crate::{format, runtime_files, Error, Generated, Settings};
use output::{File, Output};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Every file of the generated crate, emitted and formatted.
pub(crate) fn emit(api: &Api, settings: &Settings) -> Result<Generated, Error> {
    let rs_header = format::header("//", &settings.spec_path, &settings.command);
    let toml_header = format::header("#", &settings.spec_path, &settings.command);
    // An emitter's failure is the generator's own (invalid tokens): no spec line to show.
    let fail = |e: Located| {
        Error::new(vec![e.diagnostic(
            Severity::Error,
            &settings.spec_path,
            None,
        )])
    };
    let mut files = BTreeMap::new();
    let mut out = Output::default();
    manifest::push(api, settings, &mut out);
    client::push(api, &mut out);
    models::push(api, &mut out);
    optests::push(api, settings, &mut out);
    let tested = out.has(File::OperationTests);
    files.insert(
        "Cargo.toml".to_owned(),
        manifest::cargo_toml(api, settings, &toml_header, runtime_files::MANIFEST, tested),
    );
    // models.rs (by far the largest) in shares on several threads, the rest beside it.
    let (models, rest) = std::thread::scope(|scope| {
        let rest = scope.spawn(|| {
            [File::Lib, File::Client, File::OperationTests]
                .into_iter()
                .filter(|f| *f != File::OperationTests || tested)
                .map(|f| (f, out.render(f, &rs_header)))
                .collect::<Vec<_>>()
        });
        let models = out.render(File::Models, &rs_header);
        let rest = rest
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (models, rest)
    });
    for (file, text) in rest.into_iter().chain([(File::Models, models)]) {
        files.insert(file.path().to_owned(), text.map_err(fail)?);
    }
    // The runtime: a crate of its own beside the client (compiled once, not again after
    // every change to the client), its sources copied verbatim.
    files.insert(
        "runtime/Cargo.toml".to_owned(),
        manifest::runtime_cargo_toml(settings, &toml_header, runtime_files::MANIFEST),
    );
    for (name, text) in runtime_files::FILES {
        let header = format!(
            "{}// This file is a verbatim copy of the generator's runtime ({name}).\n\n",
            rs_header
        );
        files.insert(format!("runtime/src/{name}"), format!("{header}{text}"));
    }
    Ok(Generated {
        files,
        warnings: api.warnings.clone(),
        operations: api.resources.iter().map(|r| r.operations.len()).sum(),
        types: api.types.len(),
    })
}

/// Where a type is named from: inside `models.rs` or from another module.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// Inside the models module.
    Models,
    /// Anywhere else in the crate (`models::X`).
    Outside,
    /// The crate's tests, which name the crate's `models` and `runtime` modules imported by
    /// those names.
    Tests,
}

/// The tokens naming `ty`.
pub(crate) fn type_tokens(api: &Api, ty: &TypeRef, from: Site) -> TokenStream {
    let runtime = match from {
        Site::Tests => quote!(runtime),
        Site::Models | Site::Outside => quote!(crate::runtime),
    };
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::String => quote!(String),
        TypeRef::Timestamp => quote!(#runtime::Timestamp),
        TypeRef::Date => quote!(#runtime::time::Date),
        TypeRef::Uuid => quote!(#runtime::uuid::Uuid),
        TypeRef::Bytes => quote!(#runtime::Base64),
        TypeRef::Binary => quote!(#runtime::Binary),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        TypeRef::Unit => quote!(()),
        TypeRef::Named(n) => {
            let id = ident(&api.ty(*n).name);
            match from {
                Site::Models => quote!(#id),
                Site::Outside | Site::Tests => quote!(models::#id),
            }
        }
        TypeRef::List(t) => {
            let inner = type_tokens(api, t, from);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(t) => {
            let inner = type_tokens(api, t, from);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Tuple(members) => {
            let members = members.iter().map(|t| type_tokens(api, t, from));
            quote!((#(#members,)*))
        }
        TypeRef::OrNull(t) => {
            let inner = type_tokens(api, t, from);
            quote!(Option<#inner>)
        }
        TypeRef::Boxed(t) => {
            let inner = type_tokens(api, t, from);
            quote!(Box<#inner>)
        }
    }
}

/// The field type for `ty` with its presence wrapper.
pub(crate) fn field_type(api: &Api, ty: &TypeRef, presence: Presence, from: Site) -> TokenStream {
    let inner = type_tokens(api, ty, from);
    match presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => quote!(Option<#inner>),
        Presence::OptionalNullable => quote!(crate::runtime::Nullable<#inner>),
    }
}

/// `#[doc = "..."]` attributes for `doc` (spec text), one per line, paragraphs separated by
/// blank lines.
pub(crate) fn doc_attrs(api: &Api, doc: &Doc) -> TokenStream {
    spec_doc_lines(api, &doc_text(doc))
}

/// The Markdown text of a `Doc`.
pub(crate) fn doc_text(doc: &Doc) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = &doc.summary {
        paragraphs.push(s.trim().to_owned());
    }
    if let Some(d) = &doc.description {
        if doc.summary.as_deref().map(str::trim) != Some(d.trim()) {
            paragraphs.push(d.trim().to_owned());
        }
    }
    paragraphs.extend(doc.facts.iter().cloned());
    paragraphs.retain(|p| !p.is_empty());
    paragraphs.join("\n\n")
}

/// `#[doc]` attributes for the generator's own Markdown text.
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let lines = doc_line_texts(text, None);
    quote!(#(#[doc = #lines])*)
}

/// `#[doc]` attributes for Markdown text from the spec: links relative to its docs are resolved
/// against `api.docs_url` (plain text without one).
pub(crate) fn spec_doc_lines(api: &Api, text: &str) -> TokenStream {
    let lines = doc_line_texts(text, api.docs_url.as_deref());
    quote!(#(#[doc = #lines])*)
}

/// The strings of doc attributes for Markdown text: one per line, each after a space. Code
/// blocks rustdoc would compile as doctests are marked `text` first; relative links are resolved
/// against `docs_url` (see `markdown.rs`).
pub(crate) fn doc_line_texts(text: &str, docs_url: Option<&str>) -> Vec<String> {
    markdown::neutralise_code_blocks(text, docs_url)
        .lines()
        .map(|l| {
            let l = l.trim_end();
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        })
        .collect()
}

/// `#[deprecated]` when set.
pub(crate) fn deprecated_attr(deprecated: bool) -> TokenStream {
    if deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}
