//! Emitting `oneOf`/`anyOf` unions (part of `src/models.rs`).

use super::{doc_lines, type_tokens, Site};
use crate::model::{Api, Selector, TypeRef, Union, UnionVariant};
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
    let variants = u.variants();
    let vnames: Vec<Ident> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let tys: Vec<TokenStream> = variants
        .iter()
        .map(|v| type_tokens(api, &v.ty, Site::Models))
        .collect();
    let froms = from_impls(api, name, u);
    let validate = validate_impl(name, u);
    let gap = if doc.is_empty() {
        quote!()
    } else {
        quote!(#[doc = ""])
    };
    let t = match u {
        Union::Untagged(_) => {
            return quote! {
                #doc
                #dep
                #gap
                /// Untagged: decoding tries each variant in order and keeps the first that fits.
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                #[serde(untagged)]
                pub enum #name {
                    #(#vnames(#tys),)*
                }
                #froms
                #validate
            };
        }
        Union::Tagged(t) => t,
    };
    let tag = &t.property;
    let vdocs = t.members.iter().map(|m| match &m.selector {
        Selector::Shape => doc_lines("Not an object, so untagged: decoded by shape from a value that is not an object, encoded without a tag."),
        Selector::Tags(tags) => {
            let shown: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
            doc_lines(&format!("Tag {}.", shown.join(", ")))
        }
    });
    let unknown = ident(&t.unknown);
    let encoders = t.members.iter().map(|m| {
        let vname = ident(&m.variant.rust_name);
        match &m.selector {
            Selector::Shape => {
                quote!(Self::#vname(value) => serde::Serialize::serialize(value, serializer),)
            }
            Selector::Tags(tags) => {
                let first_tag = tags[0].as_str();
                quote!(Self::#vname(value) => crate::runtime::union::serialize_tagged(serializer, #tag, #first_tag, value),)
            }
        }
    });
    let tagged: Vec<(&UnionVariant, &Vec<String>)> = t
        .members
        .iter()
        .filter_map(|m| match &m.selector {
            Selector::Tags(tags) => Some((&m.variant, tags)),
            Selector::Shape => None,
        })
        .collect();
    let tagged_names = tagged.iter().map(|(v, _)| ident(&v.rust_name));
    let matchers = tagged.iter().map(|(_, tags)| quote!(#(#tags)|*));
    let wraps = tagged.iter().map(|(v, _)| match v.ty {
        TypeRef::Boxed(_) => quote!(.map(Box::new)),
        _ => quote!(),
    });
    let vname_strs = tagged.iter().map(|(v, _)| v.rust_name.as_str());
    let by_shape: Vec<Ident> = t
        .members
        .iter()
        .filter(|m| m.selector == Selector::Shape)
        .map(|m| ident(&m.variant.rust_name))
        .collect();
    // Without members decoded by shape, a value that is not an object is refused.
    let not_object = if by_shape.is_empty() {
        quote!(crate::runtime::union::expect_object(&value, #tag)?;)
    } else {
        quote! {
            if !value.is_object() {
                return crate::runtime::union::decode_untagged(&value, #tag, &[
                    #(|value| crate::runtime::union::try_decode(value).map(Self::#by_shape),)*
                ]);
            }
        }
    };
    let mut intro = format!(
        "Tagged by the `{tag}` property. A value with a tag this client does not know decodes as `{}` and encodes back unchanged.",
        t.unknown
    );
    if !by_shape.is_empty() {
        let shown: Vec<String> = by_shape.iter().map(|v| format!("`{v}`")).collect();
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
    let impls = u.variants().into_iter().filter(|v| v.from_impl).map(|v| {
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
    let variants = u.variants();
    let checked: Vec<Ident> = variants
        .iter()
        .filter(|v| v.validated)
        .map(|v| ident(&v.rust_name))
        .collect();
    if checked.is_empty() {
        return TokenStream::new();
    }
    let rest = if checked.len() < variants.len() || matches!(u, Union::Tagged(_)) {
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
