//! Constructors of generated structs (schema structs, parameter structs, multipart forms):
//! `pub fn new` taking the fields a value needs, and `impl Default` when it needs none.

use crate::model::Presence;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// How a constructor sets one field.
pub(crate) enum Init {
    /// From an argument named like the field, taken as `impl Into<T>` (the tokens are `T`) and
    /// held with the presence given.
    Into(TokenStream, Presence),
    /// From an argument named like the field, of the field's type (these tokens).
    Arg(TokenStream),
    /// From the function returning the field's spec default.
    Call(Ident),
    /// Unset: `Default::default()`.
    Unset,
}

/// `impl name { pub fn new(...) -> Self }`, one argument per field set from one. Its doc is `doc`,
/// else one saying which fields are set. More than seven `impl Into` arguments allow clippy's
/// `too_many_arguments`.
pub(crate) fn impl_new(name: &Ident, doc: Option<String>, fields: &[(Ident, Init)]) -> TokenStream {
    let args = fields.iter().filter_map(|(id, init)| match init {
        Init::Into(ty, _) => Some(quote!(#id: impl Into<#ty>)),
        Init::Arg(ty) => Some(quote!(#id: #ty)),
        Init::Call(_) | Init::Unset => None,
    });
    let converted = fields
        .iter()
        .filter(|(_, init)| matches!(init, Init::Into(..)))
        .count();
    let allow = if converted > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    let doc = doc.unwrap_or_else(|| {
        if fields.iter().any(|(_, init)| matches!(init, Init::Call(_))) {
            " A value with the required fields set, defaulted fields at their spec default and every other field unset."
        } else {
            " A value with the required fields set and every optional field left unset."
        }
        .to_owned()
    });
    let inits = fields.iter().map(init);
    quote! {
        impl #name {
            #[doc = #doc]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }
    }
}

/// `impl Default for name`, for a struct whose fields are all set without arguments.
pub(crate) fn impl_default(name: &Ident, fields: &[(Ident, Init)]) -> TokenStream {
    let inits = fields.iter().map(init);
    quote! {
        impl Default for #name {
            fn default() -> Self {
                Self { #(#inits),* }
            }
        }
    }
}

/// A field's initializer.
fn init((id, init): &(Ident, Init)) -> TokenStream {
    match init {
        Init::Into(_, Presence::Required) => quote!(#id: #id.into()),
        Init::Into(_, Presence::Optional | Presence::RequiredNullable) => {
            quote!(#id: Some(#id.into()))
        }
        Init::Into(_, Presence::OptionalNullable) => {
            quote!(#id: crate::runtime::Nullable::Value(#id.into()))
        }
        Init::Arg(_) => quote!(#id),
        Init::Call(fun) => quote!(#id: #fun()),
        Init::Unset => quote!(#id: Default::default()),
    }
}
