//! The form type of a `multipart/form-data` request body (part of `src/models.rs`): a struct
//! with one field per part, its constructor, how it writes its parts, and its checks.

use super::{doc_attrs, type_tokens, validate, Site};
use crate::model::{Api, MultipartForm, PartKind, Presence};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// A multipart form type and how it writes its parts.
pub(crate) fn form(api: &Api, form: &MultipartForm) -> TokenStream {
    let name = ident(&form.type_name);
    let doc = doc_attrs(&form.doc);
    let mut fields = Vec::new();
    let mut writes = Vec::new();
    let mut ctor_args = Vec::new();
    let mut ctor_fields = Vec::new();
    for f in &form.fields {
        let id = ident(&f.rust_name);
        let wire = &f.wire_name;
        let fdoc = doc_attrs(&f.doc);
        let (inner, many) = match &f.kind {
            PartKind::File => (quote!(crate::runtime::FilePart), false),
            PartKind::Files => (quote!(Vec<crate::runtime::FilePart>), true),
            PartKind::Text(ty) | PartKind::Json(ty) => (type_tokens(api, ty, Site::Models), false),
        };
        let ty = if f.required || many {
            inner
        } else {
            quote!(Option<#inner>)
        };
        fields.push(quote!(#fdoc pub #id: #ty,));
        if f.required {
            ctor_args.push(quote!(#id: #ty));
            ctor_fields.push(quote!(#id));
        } else {
            ctor_fields.push(quote!(#id: Default::default()));
        }
        writes.push(match (&f.kind, f.required) {
            (PartKind::Files, _) => quote!(for file in &self.#id { form.file(#wire, file); }),
            (PartKind::Text(_), _) => quote!(form.text(#wire, &self.#id);),
            (PartKind::File, true) => quote!(form.file(#wire, &self.#id);),
            (PartKind::File, false) => {
                quote!(if let Some(file) = &self.#id { form.file(#wire, file); })
            }
            (PartKind::Json(_), true) => quote!(form.json(#wire, &self.#id);),
            (PartKind::Json(_), false) => {
                quote!(if let Some(value) = &self.#id { form.json(#wire, value); })
            }
        });
    }
    let checks: Vec<TokenStream> = form
        .fields
        .iter()
        .filter_map(|f| {
            let presence = if f.required {
                Presence::Required
            } else {
                Presence::Optional
            };
            let id = ident(&f.rust_name);
            validate::field_check(&id, &f.wire_name, &f.limits, presence, f.validated)
        })
        .collect();
    let validate = if checks.is_empty() {
        quote!()
    } else {
        validate::for_fields(&name, checks)
    };
    let (derive_default, ctor) = if ctor_args.is_empty() {
        (quote!(Default,), quote!())
    } else {
        let ctor_doc = format!(
            " A `{}` with the required parts; the others are left out.",
            form.type_name
        );
        (
            quote!(),
            quote! {
                impl #name {
                    #[doc = #ctor_doc]
                    pub fn new(#(#ctor_args),*) -> Self {
                        Self { #(#ctor_fields),* }
                    }
                }
            },
        )
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #name {
            #(#fields)*
        }

        #ctor

        impl crate::runtime::MultipartBody for #name {
            fn write_parts(&self, form: &mut crate::runtime::Multipart) {
                #(#writes)*
            }
        }

        #validate
    }
}
