//! `impl Validate` for generated types: the documented limits a value is checked against before
//! it is sent (structs, multipart forms, unions).

use crate::model::{Limits, Presence};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `impl Validate` for a struct: each field's check in order.
pub(crate) fn for_fields(
    name: &Ident,
    checks: impl IntoIterator<Item = TokenStream>,
) -> TokenStream {
    let checks = checks.into_iter();
    impl_validate(name, quote!(#(#checks)* Ok(())))
}

/// `impl Validate` for a union: checks the value held when its variant is one of `checked`;
/// unless `checked` is every variant, any other value passes.
pub(crate) fn for_variants(name: &Ident, checked: &[Ident], every_variant: bool) -> TokenStream {
    let rest = if every_variant {
        quote!()
    } else {
        quote!(_ => Ok(()),)
    };
    impl_validate(
        name,
        quote! {
            match self {
                #(Self::#checked(value) => crate::runtime::validate::Validate::validate(value),)*
                #rest
            }
        },
    )
}

/// The check of field `id` (`json` on the wire), held with `presence`: its own `limits` when it
/// has some, else, when `nested`, the checks of its value's type; `None` when there is neither.
pub(crate) fn field_check(
    id: &Ident,
    json: &str,
    limits: &Limits,
    presence: Presence,
    nested: bool,
) -> Option<TokenStream> {
    if !limits.is_empty() {
        let body = limit_checks(json, limits);
        Some(match presence {
            Presence::Required => quote!({ let value = &self.#id; #(#body)* }),
            Presence::Optional | Presence::RequiredNullable => {
                quote!(if let Some(value) = &self.#id { #(#body)* })
            }
            Presence::OptionalNullable => {
                quote!(if let crate::runtime::Nullable::Value(value) = &self.#id { #(#body)* })
            }
        })
    } else if nested {
        Some(quote! {
            crate::runtime::validate::Validate::validate(&self.#id).map_err(|e| e.within(#json))?;
        })
    } else {
        None
    }
}

/// The impl with `body` as the body of `validate`.
fn impl_validate(name: &Ident, body: TokenStream) -> TokenStream {
    quote! {
        impl crate::runtime::validate::Validate for #name {
            fn validate(&self) -> Result<(), crate::runtime::validate::Invalid> {
                #body
            }
        }
    }
}

/// The statements checking `value` (a `&String`) against `limits`, reporting field `json`.
fn limit_checks(json: &str, limits: &Limits) -> Vec<TokenStream> {
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
