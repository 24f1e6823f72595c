//! The struct of an operation's query and header parameters (part of `src/models.rs`).

use super::{doc_attrs, type_tokens, Site};
use crate::model::{Api, Param, ParamsStruct, TypeRef};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// `pub fn new(required...) -> Self`, every other field unset.
fn constructor<'a>(
    api: &Api,
    fields: impl Iterator<Item = (&'a str, &'a TypeRef, bool)> + Clone,
) -> TokenStream {
    let args = fields.clone().filter(|f| f.2).map(|(name, ty, _)| {
        let id = ident(name);
        let ty = type_tokens(api, ty, Site::Models);
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
pub(crate) fn params_struct(api: &Api, p: &ParamsStruct) -> TokenStream {
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
    let t = type_tokens(api, &p.ty, Site::Models);
    if p.required || p.empty_is_absent {
        t
    } else {
        quote!(Option<#t>)
    }
}
