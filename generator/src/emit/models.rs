//! `src/models.rs`: its head, and the structs, open enums, unions and aliases of the spec's
//! schemas (the operations' types are pushed by `client.rs`).

use super::constructor::{self, Init};
use super::output::{File, Output, Section};
use super::{deprecated_attr, doc_attrs, features, field_type, validate, Site};
use crate::model::{Access, Api, DefaultValue, Field, Presence, TypeDef, TypeKind, TypeRef};
use crate::naming::ident;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Pushes the module's head, and each schema type and the functions of its field defaults.
pub(crate) fn push<'a>(api: &'a Api, out: &mut Output<'a>) {
    out.push(File::Models, Section::Head, 0, move || head(api));
    for (i, def) in api.types.iter().enumerate() {
        let id = crate::model::TypeId(i as u32);
        out.push(File::Models, Section::Types, weight(def), move || {
            features::gate(type_def(api, def), features::type_attr(api, id))
        });
        let defaults = match &def.kind {
            TypeKind::Struct(fields) => fields.iter().filter(|f| f.default.is_some()).count(),
            _ => 0,
        };
        if defaults > 0 {
            out.push(File::Models, Section::Defaults, defaults, move || {
                features::gate(default_fns(api, def), features::type_attr(api, id))
            });
        }
    }
}

/// The module's inner attributes.
fn head(api: &Api) -> TokenStream {
    let any_deprecated = api.types.iter().any(|t| {
        t.deprecated
            || matches!(&t.kind, TypeKind::Struct(fields) if fields.iter().any(|f| f.deprecated))
    });
    let allow = if any_deprecated {
        quote!(#![allow(deprecated)])
    } else {
        quote!()
    };
    quote! {
        //! Request and response types of the API.
        #allow
    }
}

/// A rough measure of how much text a type becomes (its fields or variants).
fn weight(def: &TypeDef) -> usize {
    1 + match &def.kind {
        TypeKind::Struct(fields) => fields.len() * if def.validated { 2 } else { 1 },
        TypeKind::Enum(variants) => variants.len(),
        TypeKind::IntEnum(variants) => variants.len(),
        TypeKind::Union(u) => u.variants().len(),
        TypeKind::Alias(_) => 0,
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let doc = doc_attrs(api, &def.doc);
    let dep = deprecated_attr(def.deprecated);
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Alias(ty) => {
            let ty = super::type_tokens(api, ty, Site::Models);
            quote!(#doc #dep pub type #name = #ty;)
        }
        TypeKind::Enum(variants) => super::enums::string_enum(&name, doc, dep, variants),
        TypeKind::IntEnum(variants) => super::enums::int_enum(&name, doc, dep, variants),
        TypeKind::Union(u) => super::unions::union(api, &name, doc, dep, u),
        TypeKind::Struct(fields) => {
            let no_args = fields.iter().all(|f| !f.ctor_arg);
            let has_defaults = fields.iter().any(|f| f.default.is_some());
            let default = if no_args && !has_defaults {
                quote!(Default,)
            } else {
                quote!()
            };
            let field_tokens = fields.iter().map(|f| field(api, f, def.in_request));
            let ctor = if def.in_request && !no_args {
                constructor::impl_new(&name, None, &inits(api, fields))
            } else if no_args && has_defaults {
                constructor::impl_default(&name, &inits(api, fields))
            } else {
                quote!()
            };
            let validate = if def.validated {
                let checks = fields.iter().filter_map(|f| {
                    let id = ident(&f.rust_name);
                    let (limits, nested) = (&f.limits, f.nested_validated);
                    validate::field_check(&id, &f.json_name, limits, f.presence, nested)
                });
                validate::for_fields(&name, checks)
            } else {
                quote!()
            };
            quote! {
                #doc
                #dep
                #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
                pub struct #name {
                    #(#field_tokens)*
                }
                #ctor
                #validate
            }
        }
    }
}

/// One struct field; read-only fields of request types are never serialized.
fn field(api: &Api, f: &Field, in_request: bool) -> TokenStream {
    let doc = doc_attrs(api, &f.doc);
    let dep = deprecated_attr(f.deprecated);
    let name = ident(&f.rust_name);
    let ty = field_type(api, &f.ty, f.presence, Site::Models);
    let shown = crate::naming::ident_text(&f.rust_name);
    let rename = if !f.flatten && f.json_name != shown.trim_start_matches("r#") {
        let json = &f.json_name;
        quote!(#[serde(rename = #json)])
    } else {
        quote!()
    };
    let presence = match f.presence {
        _ if f.flatten => quote!(#[serde(flatten)]),
        _ if in_request && f.access == Access::ReadOnly => {
            quote!(#[serde(default, skip_serializing)])
        }
        Presence::Required => match &f.default {
            Some(d) => {
                let path = &d.fn_name;
                quote!(#[serde(default = #path)])
            }
            None => quote!(),
        },
        Presence::RequiredNullable => quote!(#[serde(default)]),
        Presence::Optional => quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
        Presence::OptionalNullable => quote!(
            #[serde(default, skip_serializing_if = "crate::runtime::Nullable::is_omitted")]
        ),
    };
    quote! {
        #doc
        #dep
        #rename
        #presence
        pub #name: #ty,
    }
}

/// How a constructor or `Default` sets each field: required (and required write-only) fields
/// from arguments, fields with a default to it, every other field unset.
fn inits(api: &Api, fields: &[Field]) -> Vec<(Ident, Init)> {
    let init = |f: &Field| {
        if f.ctor_arg {
            Init::Into(super::type_tokens(api, &f.ty, Site::Models), f.presence)
        } else if let Some(d) = &f.default {
            Init::Call(ident(&d.fn_name))
        } else {
            Init::Unset
        }
    };
    fields
        .iter()
        .map(|f| (ident(&f.rust_name), init(f)))
        .collect()
}

/// The functions returning a struct's field defaults (`#[serde(default = "...")]`).
fn default_fns(api: &Api, def: &TypeDef) -> TokenStream {
    let TypeKind::Struct(fields) = &def.kind else {
        return TokenStream::new();
    };
    let fns = fields.iter().filter_map(|f| {
        let d = f.default.as_ref()?;
        let fun = ident(&d.fn_name);
        let ty = super::type_tokens(api, &f.ty, Site::Models);
        let value = match (&d.value, &f.ty) {
            (DefaultValue::Bool(b), _) => quote!(#b),
            (DefaultValue::Int(n), TypeRef::I32) => {
                let lit = proc_macro2::Literal::i32_suffixed(*n as i32);
                quote!(#lit)
            }
            (DefaultValue::Int(n), _) => {
                let lit = proc_macro2::Literal::i64_suffixed(*n);
                quote!(#lit)
            }
            (DefaultValue::Float(x), TypeRef::F32) => {
                let lit = proc_macro2::Literal::f32_suffixed(*x as f32);
                quote!(#lit)
            }
            (DefaultValue::Float(x), _) => {
                let lit = proc_macro2::Literal::f64_suffixed(*x);
                quote!(#lit)
            }
            (DefaultValue::Str(text), _) => quote!(String::from(#text)),
            (DefaultValue::Variant(v), TypeRef::Named(n)) => {
                let (t, v) = (ident(&api.ty(*n).name), ident(v));
                quote!(#t::#v)
            }
            (DefaultValue::Variant(_), _) => unreachable!("enum defaults are on named types"),
            (DefaultValue::EmptyList, _) => quote!(Vec::new()),
        };
        let doc = format!(" The default of `{}.{}`.", def.name, f.json_name);
        Some(quote! {
            #[doc = #doc]
            fn #fun() -> #ty {
                #value
            }
        })
    });
    quote!(#(#fns)*)
}
