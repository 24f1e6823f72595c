//! The `#[cfg(feature = ...)]` gates of a crate split by resource ([`crate::model::TagFeatures`]):
//! the attribute of a resource or a type, and gating every item of an emitted unit with it.

use crate::model::{Api, TypeId};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::parse::Parser;

/// The gate of the resource at `index` of [`Api::resources`], if the crate is split.
pub(crate) fn resource_attr(api: &Api, index: usize) -> Option<TokenStream> {
    let features = api.features.as_ref()?;
    Some(cfg_any(std::slice::from_ref(&features.resources[index])))
}

/// The gate of the type `id`, if the crate is split and the type is not always compiled.
pub(crate) fn type_attr(api: &Api, id: TypeId) -> Option<TokenStream> {
    let gate = &api.features.as_ref()?.types[id.index()];
    (!gate.is_empty()).then(|| cfg_any(gate))
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]`.
fn cfg_any(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// `tokens` (whole items) with `attr` on each item, after its doc comment; unchanged without
/// one. Items that do not parse are left as they are, for the formatter to report.
pub(crate) fn gate(tokens: TokenStream, attr: Option<TokenStream>) -> TokenStream {
    let Some(attr) = attr else {
        return tokens;
    };
    let (Ok(mut file), Ok(cfg)) = (
        syn::parse2::<syn::File>(tokens.clone()),
        syn::Attribute::parse_outer.parse2(attr),
    ) else {
        return tokens;
    };
    for item in &mut file.items {
        if let Some(attrs) = attrs_mut(item) {
            let after_docs = attrs
                .iter()
                .take_while(|a| a.path().is_ident("doc"))
                .count();
            attrs.splice(after_docs..after_docs, cfg.iter().cloned());
        }
    }
    file.into_token_stream()
}

/// The outer attributes of the item kinds the emitters write.
fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Struct(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Const(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item of a unit gets the gate, and its own attributes and docs stay after it.
    #[test]
    fn every_item_of_a_unit_is_gated() {
        let unit = quote! {
            /// A thing.
            #[derive(Debug)]
            pub struct Thing { pub a: i64 }
            impl Thing { pub fn a(&self) -> i64 { self.a } }
            crate::runtime::open_enum_impls!(str Thing);
        };
        let gated = gate(unit, Some(cfg_any(&["a".into(), "b-c".into()])));
        let text = crate::format::rust_file(gated, "", "src/models.rs").unwrap();
        assert_eq!(
            text.matches("#[cfg(any(feature = \"a\", feature = \"b-c\"))]")
                .count(),
            3
        );
        assert!(text
            .contains("/// A thing.\n#[cfg(any(feature = \"a\", feature = \"b-c\"))]\n#[derive"));
    }

    /// Without a gate, the tokens pass unchanged.
    #[test]
    fn an_ungated_unit_is_unchanged() {
        let unit = quote!(
            pub struct Thing;
        );
        assert_eq!(gate(unit.clone(), None).to_string(), unit.to_string());
    }
}
