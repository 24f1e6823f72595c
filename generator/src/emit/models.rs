//! `src/models.rs`: structs, open enums and aliases for the spec's schemas, plus the parameter
//! structs of operations.

use super::{deprecated_attr, doc_attrs, field_type, Site};
use crate::model::{
    Access, Api, Body, BodyKind, DefaultValue, Field, Limits, Operation, Param, ParamsStruct,
    Presence, Success, TypeDef, TypeKind, TypeRef,
};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// One top-level piece of the models module, emitted on its own so that shares of the file can be
/// emitted and formatted on separate threads. The file is [`head`] then every unit in order.
pub(crate) enum Unit<'a> {
    /// A schema's type and its impls.
    Type(&'a TypeDef),
    /// The `serde(default = ...)` functions of a type's fields.
    Defaults(&'a TypeDef),
    /// An operation's parameter struct.
    Params(&'a ParamsStruct),
    /// An operation's multipart form and response enum.
    Operation(&'a Operation),
}

/// The units of the models module, in file order.
pub(crate) fn units(api: &Api) -> Vec<Unit<'_>> {
    let operations = || api.resources.iter().flat_map(|r| &r.operations);
    let mut units: Vec<Unit<'_>> = api.types.iter().map(Unit::Type).collect();
    units.extend(api.types.iter().map(Unit::Defaults));
    units.extend(
        operations()
            .filter_map(|op| op.params.as_ref())
            .map(Unit::Params),
    );
    units.extend(operations().map(Unit::Operation));
    units
}

/// The tokens of a run of consecutive units; the `first` run of the file also carries its
/// inner attributes.
pub(crate) fn share(api: &Api, units: &[Unit<'_>], first: bool) -> TokenStream {
    let mut tokens = if first { head(api) } else { TokenStream::new() };
    for u in units {
        tokens.extend(unit(api, u));
    }
    tokens
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

/// A rough measure of how much text a unit becomes (its fields, variants or parameters), which
/// balances the shares of the file between threads.
pub(crate) fn weight(unit: &Unit<'_>) -> usize {
    match unit {
        Unit::Type(def) => {
            1 + match &def.kind {
                TypeKind::Struct(fields) => fields.len() * if def.validated { 2 } else { 1 },
                TypeKind::Enum(variants) => variants.len(),
                TypeKind::IntEnum(variants) => variants.len(),
                TypeKind::Union(u) => u.variants().len(),
                TypeKind::Alias(_) => 0,
            }
        }
        Unit::Defaults(def) => match &def.kind {
            TypeKind::Struct(fields) => fields.iter().filter(|f| f.default.is_some()).count(),
            _ => 0,
        },
        Unit::Params(p) => 1 + p.params.len(),
        Unit::Operation(op) => {
            let form = match &op.body {
                Some(Body {
                    kind: BodyKind::Multipart(form),
                    ..
                }) => 1 + form.fields.len(),
                _ => 0,
            };
            let response = match &op.response {
                Success::Enum(e) => 1 + e.variants.len(),
                _ => 0,
            };
            form + response
        }
    }
}

/// The items of one unit.
fn unit(api: &Api, unit: &Unit<'_>) -> TokenStream {
    match unit {
        Unit::Type(def) => type_def(api, def),
        Unit::Defaults(def) => default_fns(api, def),
        Unit::Params(p) => params_struct(api, p),
        Unit::Operation(op) => super::client::operation_types(api, op),
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let doc = doc_attrs(&def.doc);
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
                let c = struct_constructor(api, fields);
                quote!(impl #name { #c })
            } else if no_args && has_defaults {
                let inits = fields.iter().map(field_init);
                quote! {
                    impl Default for #name {
                        fn default() -> Self {
                            Self { #(#inits),* }
                        }
                    }
                }
            } else {
                quote!()
            };
            let validate = if def.validated {
                validate_impl(&name, fields)
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

/// `impl Validate`: the documented limits of each field, and of nested values that have some.
fn validate_impl(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let checks = fields.iter().filter_map(|f| {
        let id = ident(&f.rust_name);
        let json = &f.json_name;
        if !f.limits.is_empty() {
            let body = limit_checks(json, &f.limits);
            Some(match f.presence {
                Presence::Required => quote!({ let value = &self.#id; #(#body)* }),
                Presence::Optional | Presence::RequiredNullable => {
                    quote!(if let Some(value) = &self.#id { #(#body)* })
                }
                Presence::OptionalNullable => {
                    quote!(if let crate::runtime::Nullable::Value(value) = &self.#id { #(#body)* })
                }
            })
        } else if f.nested_validated {
            Some(quote! {
                crate::runtime::validate::Validate::validate(&self.#id).map_err(|e| e.within(#json))?;
            })
        } else {
            None
        }
    });
    quote! {
        impl crate::runtime::validate::Validate for #name {
            fn validate(&self) -> Result<(), crate::runtime::validate::Invalid> {
                #(#checks)*
                Ok(())
            }
        }
    }
}

/// The statements checking `value` (a `&String`) against `limits`, reporting field `json`.
pub(super) fn limit_checks(json: &str, limits: &Limits) -> Vec<TokenStream> {
    let opt = |v: Option<usize>| match v {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    let mut body = Vec::new();
    if limits.min_length.is_some() || limits.max_length.is_some() {
        let (min, max) = (opt(limits.min_length), opt(limits.max_length));
        body.push(quote!(crate::runtime::validate::length(#json, value, #min, #max)?;));
    }
    if !limits.pattern_checks.is_empty() {
        let regexes = &limits.pattern_checks;
        let shown = limits.pattern.clone().unwrap_or_default();
        body.push(
            quote!(crate::runtime::validate::pattern(#json, value, &[#(#regexes),*], #shown)?;),
        );
    }
    body
}

/// One struct field; read-only fields of request types are never serialized.
fn field(api: &Api, f: &Field, in_request: bool) -> TokenStream {
    let doc = doc_attrs(&f.doc);
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

/// `pub fn new(args...) -> Self` for a struct: required (and required write-only) fields are
/// arguments, fields with a default get it, every other field is unset.
fn struct_constructor(api: &Api, fields: &[Field]) -> TokenStream {
    let args = fields.iter().filter(|f| f.ctor_arg).map(|f| {
        let id = ident(&f.rust_name);
        let ty = super::type_tokens(api, &f.ty, Site::Models);
        quote!(#id: impl Into<#ty>)
    });
    let inits = fields.iter().map(field_init);
    let count = fields.iter().filter(|f| f.ctor_arg).count();
    let allow = if count > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    let doc = if fields.iter().any(|f| f.default.is_some()) {
        quote!(#[doc = " A value with the required fields set, defaulted fields at their spec default and every other field unset."])
    } else {
        quote!(#[doc = " A value with the required fields set and every optional field left unset."])
    };
    quote! {
        #doc
        #allow
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

/// A field's initializer in a constructor (arguments are named like the field) or `Default`.
fn field_init(f: &Field) -> TokenStream {
    let id = ident(&f.rust_name);
    if f.ctor_arg {
        match f.presence {
            Presence::Required => quote!(#id: #id.into()),
            Presence::Optional | Presence::RequiredNullable => quote!(#id: Some(#id.into())),
            Presence::OptionalNullable => {
                quote!(#id: crate::runtime::Nullable::Value(#id.into()))
            }
        }
    } else if let Some(d) = &f.default {
        let fun = ident(&d.fn_name);
        quote!(#id: #fun())
    } else {
        quote!(#id: Default::default())
    }
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

/// `pub fn new(required...) -> Self`, every other field unset.
fn constructor<'a>(
    api: &Api,
    fields: impl Iterator<Item = (&'a str, &'a TypeRef, bool)> + Clone,
) -> TokenStream {
    let args = fields.clone().filter(|f| f.2).map(|(name, ty, _)| {
        let id = ident(name);
        let ty = super::type_tokens(api, ty, Site::Models);
        quote!(#id: impl Into<#ty>)
    });
    let inits = fields.clone().map(|(name, _, required)| {
        let id = ident(name);
        if required {
            quote!(#id: #id.into())
        } else {
            quote!(#id: Default::default())
        }
    });
    let count = fields.filter(|f| f.2).count();
    let allow = if count > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    quote! {
        /// A value with the required fields set and every optional field left unset.
        #allow
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

/// The struct of an operation's query and header parameters (not serialized with serde: the
/// client method writes each one to the request).
fn params_struct(api: &Api, p: &ParamsStruct) -> TokenStream {
    let name = ident(&p.type_name);
    let all_optional = p.params.iter().all(|q| !q.required);
    let default = if all_optional {
        quote!(Default,)
    } else {
        quote!()
    };
    let fields = p.params.iter().map(|q| {
        let doc = doc_attrs(&q.doc);
        let id = ident(&q.rust_name);
        let ty = param_type(api, q);
        quote!(#doc pub #id: #ty,)
    });
    let ctor = if all_optional {
        quote!()
    } else {
        let c = constructor(
            api,
            p.params
                .iter()
                .map(|q| (q.rust_name.as_str(), &q.ty, q.required)),
        );
        quote!(impl #name { #c })
    };
    let doc = format!(
        " Query and header parameters of `{}`.",
        p.type_name.trim_end_matches("Params")
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #(#fields)*
        }
        #ctor
    }
}

/// A parameter's field type: `Option` when optional, except lists where empty means "not sent".
fn param_type(api: &Api, p: &Param) -> TokenStream {
    let t = super::type_tokens(api, &p.ty, Site::Models);
    if p.required || p.empty_is_absent {
        t
    } else {
        quote!(Option<#t>)
    }
}
