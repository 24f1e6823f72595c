//! The struct of an operation's query and header parameters (part of `src/models.rs`).

use super::constructor::{self, Init};
use super::{doc_attrs, type_tokens, Site};
use crate::model::{Api, Param, ParamsStruct, Presence};
use crate::naming::{self, ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

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
        let doc = doc_attrs(api, &q.doc);
        let id = ident(&q.rust_name);
        let ty = param_type(api, q);
        quote!(#doc pub #id: #ty,)
    });
    let ctor = if all_optional {
        quote!()
    } else {
        let inits: Vec<(Ident, Init)> = p
            .params
            .iter()
            .map(|q| {
                let init = if q.required {
                    Init::Into(type_tokens(api, &q.ty, Site::Models), Presence::Required)
                } else {
                    Init::Unset
                };
                (ident(&q.rust_name), init)
            })
            .collect();
        constructor::impl_new(&name, None, &inits)
    };
    let doc = format!(
        " Query and header parameters of `{}`.",
        naming::params_subject(&p.type_name)
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
