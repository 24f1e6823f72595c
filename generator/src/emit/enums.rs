//! Emitting open enums, string or integer (part of `src/models.rs`): the enum with a catch-all
//! variant (`naming::UNKNOWN_VARIANT`), its two wire conversions written out, and one
//! `open_enum_impls!` call of the runtime for `Display`, `Serialize` and `Deserialize` (shared
//! Rust in the runtime, not emitted text).

use super::doc_lines;
use crate::model::{IntVariant, Variant};
use crate::naming::{ident, UNKNOWN_VARIANT};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// What is on the wire for one kind of open enum.
struct Wire {
    /// The type of the unknown variant's payload.
    payload: TokenStream,
    /// Derives besides the common ones.
    extra_derive: TokenStream,
    /// The conversion to the wire value: `as_str` or `value`.
    to_wire: TokenStream,
    /// The payload's type as `From` reads it (`&str` or `i64`).
    from_ty: TokenStream,
    /// The unknown variant's payload from the unmatched value `other`.
    keep_other: TokenStream,
    /// The wire value of the unknown variant's payload `value` (a reference).
    unknown_wire: TokenStream,
    /// The selector of `open_enum_impls!` (`str` or `int`).
    selector: TokenStream,
}

/// A string enum: `as_str`, `From<&str>`.
pub(crate) fn string_enum(
    name: &Ident,
    doc: TokenStream,
    dep: TokenStream,
    variants: &[Variant],
) -> TokenStream {
    let wire = Wire {
        payload: quote!(String),
        extra_derive: quote!(),
        to_wire: quote! {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str
        },
        from_ty: quote!(&str),
        keep_other: quote!(other.to_owned()),
        unknown_wire: quote!(value),
        selector: quote!(str),
    };
    let values = variants.iter().map(|v| {
        let lit = Literal::string(&v.wire);
        (ident(&v.rust_name), quote!(#lit), format!("`{}`", v.wire))
    });
    open_enum(name, doc, dep, &wire, values.collect())
}

/// An integer enum: `value`, `From<i64>`.
pub(crate) fn int_enum(
    name: &Ident,
    doc: TokenStream,
    dep: TokenStream,
    variants: &[IntVariant],
) -> TokenStream {
    let wire = Wire {
        payload: quote!(i64),
        extra_derive: quote!(Copy,),
        to_wire: quote! {
            /// The value as sent on the wire.
            pub fn value(&self) -> i64
        },
        from_ty: quote!(i64),
        keep_other: quote!(other),
        unknown_wire: quote!(*value),
        selector: quote!(int),
    };
    let values = variants.iter().map(|v| {
        let lit = Literal::i64_unsuffixed(v.value);
        (ident(&v.rust_name), quote!(#lit), format!("`{}`", v.value))
    });
    open_enum(name, doc, dep, &wire, values.collect())
}

/// The enum, its conversions and the runtime macro call; `values` are (variant, wire literal,
/// variant doc).
fn open_enum(
    name: &Ident,
    doc: TokenStream,
    dep: TokenStream,
    wire: &Wire,
    values: Vec<(Ident, TokenStream, String)>,
) -> TokenStream {
    let idents: Vec<&Ident> = values.iter().map(|(i, _, _)| i).collect();
    let lits: Vec<&TokenStream> = values.iter().map(|(_, l, _)| l).collect();
    let docs = values.iter().map(|(_, _, d)| doc_lines(d));
    let gap = if doc.is_empty() {
        quote!()
    } else {
        quote!(#[doc = ""])
    };
    let Wire {
        payload,
        extra_derive,
        to_wire,
        from_ty,
        keep_other,
        unknown_wire,
        selector,
    } = wire;
    let unknown = ident(UNKNOWN_VARIANT);
    let open = format!(
        " Open: a value this client does not know decodes as `{UNKNOWN_VARIANT}` and encodes back unchanged."
    );
    quote! {
        #doc
        #dep
        #gap
        #[doc = #open]
        #[derive(Debug, Clone, #extra_derive PartialEq, Eq, Hash)]
        pub enum #name {
            #(#docs #idents,)*
            /// A value not known when this client was generated, kept as received.
            #unknown(#payload),
        }

        impl #name {
            #to_wire {
                match self {
                    #(Self::#idents => #lits,)*
                    Self::#unknown(value) => #unknown_wire,
                }
            }
        }

        impl From<#from_ty> for #name {
            fn from(value: #from_ty) -> Self {
                match value {
                    #(#lits => Self::#idents,)*
                    other => Self::#unknown(#keep_other),
                }
            }
        }

        crate::runtime::open_enum_impls!(#selector #name);
    }
}
