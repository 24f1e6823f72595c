//! Emitting `oneOf`/`anyOf` unions (part of `src/models.rs`).

use super::{doc_lines, type_tokens, Site};
use crate::model::{Api, TypeRef, Union};
use crate::naming::ident;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// An untagged or tagged union, with `From` impls for members of distinct types and a
/// `Validate` impl when a member has limits.
pub(crate) fn union(
    api: &Api,
    name: &Ident,
    doc: TokenStream,
    dep: TokenStream,
    u: &Union,
) -> TokenStream {
    let vnames: Vec<Ident> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let tys: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|v| type_tokens(api, &v.ty, Site::Models))
        .collect();
    let vdocs = u.variants.iter().map(|v| {
        if v.untagged {
            doc_lines("Not an object, so untagged: decoded by shape from a value that is not an object, encoded without a tag.")
        } else if v.tags.is_empty() {
            TokenStream::new()
        } else {
            let shown: Vec<String> = v.tags.iter().map(|t| format!("`{t}`")).collect();
            doc_lines(&format!("Tag {}.", shown.join(", ")))
        }
    });
    let froms = from_impls(api, name, u);
    let validate = validate_impl(name, u);
    let gap = if doc.is_empty() {
        quote!()
    } else {
        quote!(#[doc = ""])
    };
    let Some(tag) = &u.tag else {
        return quote! {
            #doc
            #dep
            #gap
            /// Untagged: decoding tries each variant in order and keeps the first that fits.
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#vdocs #vnames(#tys),)*
            }
            #froms
            #validate
        };
    };
    let unknown = ident(u.unknown.as_deref().unwrap_or("Unknown"));
    let encoders = u.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        if v.untagged {
            quote!(Self::#vname(value) => serde::Serialize::serialize(value, serializer),)
        } else {
            let first_tag = v.tags[0].as_str();
            quote!(Self::#vname(value) => crate::runtime::union::serialize_tagged(serializer, #tag, #first_tag, value),)
        }
    });
    let tagged: Vec<_> = u.variants.iter().filter(|v| !v.untagged).collect();
    let tagged_names = tagged.iter().map(|v| ident(&v.rust_name));
    let matchers = tagged.iter().map(|v| {
        let tags = &v.tags;
        quote!(#(#tags)|*)
    });
    let wraps = tagged.iter().map(|v| match v.ty {
        TypeRef::Boxed(_) => quote!(.map(Box::new)),
        _ => quote!(),
    });
    let vname_strs = tagged.iter().map(|v| v.rust_name.as_str());
    let untagged: Vec<Ident> = u
        .variants
        .iter()
        .filter(|v| v.untagged)
        .map(|v| ident(&v.rust_name))
        .collect();
    // Without untagged members, a value that is not an object is refused as before.
    let not_object = if untagged.is_empty() {
        quote!(crate::runtime::union::expect_object(&value, #tag)?;)
    } else {
        quote! {
            if !value.is_object() {
                return crate::runtime::union::decode_untagged(&value, #tag, &[
                    #(|value| crate::runtime::union::try_decode(value).map(Self::#untagged),)*
                ]);
            }
        }
    };
    let mut intro = format!(
        "Tagged by the `{tag}` property. A value with a tag this client does not know decodes as `{}` and encodes back unchanged.",
        u.unknown.as_deref().unwrap_or("Unknown")
    );
    if !untagged.is_empty() {
        let shown: Vec<String> = untagged.iter().map(|v| format!("`{v}`")).collect();
        intro.push_str(&format!(
            " A value that is not an object decodes as the first of {} that accepts it.",
            shown.join(", ")
        ));
    }
    let intro = doc_lines(&intro);
    quote! {
        #doc
        #dep
        #gap
        #intro
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#vdocs #vnames(#tys),)*
            /// A value whose tag was not known when this client was generated, kept as received.
            #unknown(serde_json::Value),
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#encoders)*
                    Self::#unknown(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #not_object
                let tag = crate::runtime::union::tag_of(&value, #tag).map(str::to_owned);
                match tag.as_deref() {
                    #(Some(#matchers) => crate::runtime::union::decode_variant(value, #vname_strs)#wraps.map(Self::#tagged_names),)*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }
        #froms
        #validate
    }
}

/// `From<T>` for each member the model marks (`UnionVariant::from_impl`).
fn from_impls(api: &Api, name: &Ident, u: &Union) -> TokenStream {
    let impls = u.variants.iter().filter(|v| v.from_impl).map(|v| {
        let vname = ident(&v.rust_name);
        let (inner, wrap) = match &v.ty {
            TypeRef::Boxed(t) => (&**t, quote!(Box::new(value))),
            t => (t, quote!(value)),
        };
        let ty = type_tokens(api, inner, Site::Models);
        quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#vname(#wrap)
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// `impl Validate` checking the limits of the member held, when any member has some.
fn validate_impl(name: &Ident, u: &Union) -> TokenStream {
    let checked: Vec<Ident> = u
        .variants
        .iter()
        .filter(|v| v.validated)
        .map(|v| ident(&v.rust_name))
        .collect();
    if checked.is_empty() {
        return TokenStream::new();
    }
    let rest = if checked.len() < u.variants.len() || u.tag.is_some() {
        quote!(_ => Ok(()),)
    } else {
        quote!()
    };
    quote! {
        impl crate::runtime::validate::Validate for #name {
            fn validate(&self) -> Result<(), crate::runtime::validate::Invalid> {
                match self {
                    #(Self::#checked(value) => crate::runtime::validate::Validate::validate(value),)*
                    #rest
                }
            }
        }
    }
}
