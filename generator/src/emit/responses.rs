//! The response enum of an operation whose success statuses have different bodies (part of
//! `src/models.rs`): one variant per status, decoded by status through `runtime::FromResponse`.

use super::{doc_attrs, type_tokens, Site};
use crate::model::{Api, Payload, ResponseEnum, ResponseVariant, StatusMatch};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// A response enum and its decoding by status.
pub(crate) fn response_enum(api: &Api, e: &ResponseEnum) -> TokenStream {
    let name = ident(&e.type_name);
    let doc = doc_attrs(api, &e.doc);
    let variants = e.variants.iter().map(|v| {
        let id = ident(&v.rust_name);
        let vdoc = doc_attrs(api, &v.doc);
        match &v.payload {
            Payload::Empty => quote!(#vdoc #id,),
            Payload::Text => quote!(#vdoc #id(String),),
            Payload::Bytes | Payload::Base64 => quote!(#vdoc #id(Vec<u8>),),
            Payload::Json(ty) => {
                let t = type_tokens(api, ty, Site::Models);
                quote!(#vdoc #id(#t),)
            }
        }
    });
    let decode = |v: &ResponseVariant| {
        let id = ident(&v.rust_name);
        match &v.payload {
            Payload::Empty => quote!(Ok(Self::#id)),
            Payload::Text => quote!(crate::runtime::response::text(body).map(Self::#id)),
            Payload::Bytes => quote!(Ok(Self::#id(crate::runtime::response::bytes(body)))),
            Payload::Base64 => quote!(crate::runtime::response::base64(body).map(Self::#id)),
            Payload::Json(_) => quote!(crate::runtime::response::json(body).map(Self::#id)),
        }
    };
    let mut arms = Vec::new();
    for v in &e.variants {
        if let StatusMatch::Code(c) = v.status {
            let c = proc_macro2::Literal::u16_unsuffixed(c);
            let d = decode(v);
            arms.push(quote!(#c => #d,));
        }
    }
    for v in &e.variants {
        if let StatusMatch::Range(r) = v.status {
            let lo = proc_macro2::Literal::u16_unsuffixed(r * 100);
            let hi = proc_macro2::Literal::u16_unsuffixed(r * 100 + 99);
            let d = decode(v);
            arms.push(quote!(#lo..=#hi => #d,));
        }
    }
    let fallback = match e.variants.iter().find(|v| v.status == StatusMatch::Default) {
        Some(v) => decode(v),
        None => quote!(Err(crate::runtime::response::unexpected_status(status))),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl crate::runtime::FromResponse for #name {
            fn from_response(
                status: crate::runtime::reqwest::StatusCode,
                _headers: &crate::runtime::reqwest::header::HeaderMap,
                body: &[u8],
            ) -> Result<Self, crate::runtime::DecodeError> {
                match status.as_u16() {
                    #(#arms)*
                    _ => #fallback,
                }
            }
        }
    }
}
