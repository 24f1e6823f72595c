//! The form type of a `multipart/form-data` request body (part of `src/models.rs`): a struct
//! with one field per part, its constructor, how it writes its parts, and its checks.

use super::constructor::{self, Init};
use super::{doc_attrs, type_tokens, validate, Site};
use crate::model::{Api, MultipartForm, PartKind, Presence};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// A multipart form type and how it writes its parts.
pub(crate) fn form(api: &Api, form: &MultipartForm) -> TokenStream {
    let name = ident(&form.type_name);
    let doc = doc_attrs(api, &form.doc);
    let mut fields = Vec::new();
    let mut writes = Vec::new();
    let mut inits = Vec::new();
    let mut checks = Vec::new();
    for f in &form.fields {
        let id = ident(&f.rust_name);
        let wire = &f.wire_name;
        let fdoc = doc_attrs(api, &f.doc);
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
        let (init, presence) = if f.required {
            (Init::Arg(ty.clone()), Presence::Required)
        } else {
            (Init::Unset, Presence::Optional)
        };
        checks.extend(validate::field_check(
            &id,
            wire,
            &f.limits,
            presence,
            f.validated,
        ));
        inits.push((id.clone(), init));
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
    let validate = if checks.is_empty() {
        quote!()
    } else {
        validate::for_fields(&name, checks)
    };
    let (derive_default, ctor) = if form.fields.iter().all(|f| !f.required) {
        (quote!(Default,), quote!())
    } else {
        let doc = format!(
            " A `{}` with the required parts; the others are left out.",
            form.type_name
        );
        (quote!(), constructor::impl_new(&name, Some(doc), &inits))
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
