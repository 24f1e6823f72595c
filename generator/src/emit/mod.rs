//! Stage 3: the model -> token streams, one module per generated file. Every emitter reads the
//! model only; names come from the model, never computed here.

pub(crate) mod client;
mod enums;
pub(crate) mod manifest;
mod markdown;
pub(crate) mod models;
pub(crate) mod unions;

use crate::model::{Api, Doc, Presence, TypeRef};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// Where a type is named from: inside `models.rs` or from another module.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// Inside the models module.
    Models,
    /// Anywhere else (`models::X`).
    Outside,
}

/// The tokens naming `ty`.
pub(crate) fn type_tokens(api: &Api, ty: &TypeRef, from: Site) -> TokenStream {
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::String => quote!(String),
        TypeRef::Timestamp => quote!(crate::runtime::Timestamp),
        TypeRef::Date => quote!(crate::runtime::time::Date),
        TypeRef::Uuid => quote!(crate::runtime::uuid::Uuid),
        TypeRef::Bytes => quote!(crate::runtime::Base64),
        TypeRef::Binary => quote!(crate::runtime::Binary),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        TypeRef::Unit => quote!(()),
        TypeRef::Named(n) => {
            let id = ident(&api.ty(*n).name);
            match from {
                Site::Models => quote!(#id),
                Site::Outside => quote!(models::#id),
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

/// `#[doc = "..."]` attributes for `doc`, one per line, paragraphs separated by blank lines.
pub(crate) fn doc_attrs(doc: &Doc) -> TokenStream {
    doc_lines(&doc_text(doc))
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

/// `#[doc]` attributes for Markdown text.
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let lines = doc_line_texts(text);
    quote!(#(#[doc = #lines])*)
}

/// The strings of doc attributes for Markdown text: one per line, each after a space. Code
/// blocks rustdoc would compile as doctests are marked `text` first.
pub(crate) fn doc_line_texts(text: &str) -> Vec<String> {
    markdown::neutralise_code_blocks(text)
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
