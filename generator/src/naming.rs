//! Every Rust identifier the generator emits is decided here: case conversion (heck), legalising
//! odd names, escaping keywords, and de-duplicating within a scope.

use crate::model::{TypeId, TypeRef};
use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The variant of a tagged union or open enum that keeps a value this client does not know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Keywords of every Rust edition (strict and reserved).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is illegal).
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names a generated model may not take, because generated code names them unqualified.
const RESERVED_TYPES: &[&str] = &[
    "ApiCall",
    "ApiStream",
    "ApiItems",
    "ApiDefaults",
    "Box",
    "Call",
    "Client",
    "ClientBuilder",
    "Core",
    "Clone",
    "Debug",
    "Default",
    "Deserialize",
    "Err",
    "Error",
    "From",
    "Into",
    "Method",
    "None",
    "Nullable",
    "Ok",
    "Option",
    "RequestParts",
    "Response",
    "Result",
    "Self",
    "Serialize",
    "Some",
    "String",
    "Timestamp",
    "Vec",
];

/// Transliterates non-ASCII letters to ASCII (`Größe` -> `Grosse`, `名前` -> `Ming Qian`) and
/// replaces every other character that cannot appear in an identifier by a word break, so every
/// identifier is plain ASCII (no `non_ascii_idents` or confusable-character lints downstream).
fn words(raw: &str) -> String {
    deunicode::deunicode_with_tofu(raw, " ")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// A legal `UpperCamelCase` type or variant name for `raw`; `fallback` when nothing is left.
pub fn type_name(raw: &str, fallback: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{fallback}{name}");
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// The variant name a union member of type `ty` gives: the named type's name (`name_of`), or
/// the primitive's (`I64`, `StringList`, ...).
pub fn member_variant_name(ty: &TypeRef, name_of: &dyn Fn(TypeId) -> String) -> String {
    match ty {
        TypeRef::Named(id) => name_of(*id),
        TypeRef::Bool => "Bool".into(),
        TypeRef::I32 => "I32".into(),
        TypeRef::I64 => "I64".into(),
        TypeRef::F32 => "F32".into(),
        TypeRef::F64 => "F64".into(),
        TypeRef::String => "String".into(),
        TypeRef::Timestamp => "Timestamp".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::Uuid => "Uuid".into(),
        TypeRef::Bytes => "Bytes".into(),
        TypeRef::Binary => "Binary".into(),
        TypeRef::Json => "Json".into(),
        TypeRef::JsonObject => "Object".into(),
        TypeRef::Unit => "Unit".into(),
        TypeRef::List(t) => format!("{}List", member_variant_name(t, name_of)),
        TypeRef::Map(t) => format!("{}Map", member_variant_name(t, name_of)),
        TypeRef::OrNull(t) | TypeRef::Boxed(t) => member_variant_name(t, name_of),
    }
}

/// A legal `UpperCamelCase` enum variant name for `raw`: like [`type_name`], but names such as
/// `Ok` or `Default` stay as they are (variants live in their enum's namespace); only `Self`
/// is changed.
pub fn variant_name(raw: &str, fallback: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{fallback}{name}");
    }
    if name == "Self" {
        name.push_str("Model");
    }
    name
}

/// A legal `snake_case` field, method or module name for `raw`; `fallback` when nothing is left.
pub fn field_name(raw: &str, fallback: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{fallback}_{name}");
    }
    name
}

/// The token text for an identifier: `r#type` for keywords, `self_` where raw is illegal.
pub fn ident_text(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// A `proc_macro2::Ident` for a name decided by this module.
pub fn ident(name: &str) -> proc_macro2::Ident {
    let text = ident_text(name);
    match text.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(&text, proc_macro2::Span::call_site()),
    }
}

/// Hands out names unique within one scope, in the order asked (so the result is deterministic).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// `name` if free, else `name2`, `name3`, ...; the result is taken.
    pub fn claim(&mut self, name: &str) -> String {
        let mut candidate = name.to_owned();
        let mut n = 2;
        while !self.taken.insert(candidate.clone()) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        candidate
    }
}

/// Singular form of a resource word, for trimming it from method names (`products` -> `product`).
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") {
        word.to_owned()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

/// The default prefix of a client's environment variables, from the API's title
/// (`Whop Products` -> `WHOP_PRODUCTS`, read as `WHOP_PRODUCTS_API_KEY`).
pub fn env_prefix(title: &str) -> String {
    title.to_shouty_snake_case()
}

/// The method name: the operationId without the resource's own word (`createProduct` on
/// `Products` -> `create`), or the HTTP method and path when there is no operationId.
pub fn method_name(operation_id: Option<&str>, method: &str, path: &str, tag: &str) -> String {
    let raw = match operation_id {
        Some(id) => field_name(id, "op"),
        None => {
            let mut parts = vec![method.to_owned()];
            for seg in path.split('/').filter(|s| !s.is_empty()) {
                match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(p) => parts.push(format!("by_{p}")),
                    None => parts.push(seg.to_owned()),
                }
            }
            field_name(&parts.join("_"), "op")
        }
    };
    let tag_word = tag.to_snake_case();
    let drop = [tag_word.clone(), singular(&tag_word)];
    let kept: Vec<&str> = raw
        .split('_')
        .filter(|w| !drop.iter().any(|d| d == w))
        .collect();
    if kept.is_empty() || operation_id.is_none() {
        raw
    } else {
        kept.join("_")
    }
}

/// The words an operation's generated types are named from (`listProducts` -> `ListProducts`,
/// then `ListProductsParams`, ...): its operationId, else its method and path.
pub fn operation_hint(operation_id: Option<&str>, method: &str, path: &str) -> String {
    operation_id
        .map_or_else(|| format!("{method} {path}"), str::to_owned)
        .to_upper_camel_case()
}

/// The words a type is named from by its place in a component schema named `component`, given
/// the pointer tokens below the component (`Pet` + `properties/both` -> `Pet both`, list items
/// `Item`, map values `Value`, union members `Variant <n>`, `allOf` members transparent).
/// `None` when a union member index is not a number.
pub fn place_hint(component: &str, below: &[String]) -> Option<String> {
    let mut words = vec![component.to_owned()];
    let mut tokens = below.iter();
    while let Some(token) = tokens.next() {
        match token.as_str() {
            "properties" => words.extend(tokens.next().cloned()),
            "items" => words.push("Item".into()),
            "additionalProperties" => words.push("Value".into()),
            "oneOf" | "anyOf" => {
                let n = tokens.next()?.parse::<usize>().ok()?;
                words.push(format!("Variant {}", n + 1));
            }
            "allOf" => {
                tokens.next();
            }
            _ => words.push(token.clone()),
        }
    }
    Some(words.join(" "))
}

/// The words a type is named from by its place in the document, given a pointer's tokens
/// (`components/parameters/Limit/schema` -> `Limit`, `components/schemas/Pet/properties/tag` ->
/// `Pet tag`); structural tokens (`schema`, `content`, media types) add nothing.
pub fn pointer_hint(tokens: &[String]) -> String {
    let (head, rest) = match tokens {
        [c, _section, key, rest @ ..] if c == "components" => (key.as_str(), rest),
        [p, path, rest @ ..] if p == "paths" => (path.as_str(), rest),
        _ => ("", tokens),
    };
    let rest: Vec<String> = rest
        .iter()
        .filter(|t| !matches!(t.as_str(), "schema" | "content") && !t.contains('/'))
        .cloned()
        .collect();
    place_hint(head, &rest).unwrap_or_else(|| head.to_owned())
}

/// The constant naming a server URL: its description in SHOUTY_SNAKE case, else `SERVER_<i>`.
pub fn server_const(description: Option<&str>, index: usize) -> String {
    let raw = description.map_or_else(|| format!("server {index}"), str::to_owned);
    field_name(&raw, "server").to_shouty_snake_case()
}

/// An environment variable the client reads: `prefix` in SHOUTY_SNAKE_CASE, `_`, then `name`
/// (`whop`, `API_KEY` -> `WHOP_API_KEY`).
pub fn env_var(prefix: &str, name: &str) -> String {
    format!("{}_{name}", prefix.to_shouty_snake_case())
}

/// The name a parameter struct's type name was made from (`ListProductsParams` ->
/// `ListProducts`), which its doc names.
pub fn params_subject(type_name: &str) -> &str {
    type_name.trim_end_matches("Params")
}

/// The package name of the runtime crate generated beside the client crate `crate_name`.
pub fn runtime_package(crate_name: &str) -> String {
    format!("{crate_name}-runtime")
}

/// The name Rust code uses for the package `package` (`whop-runtime` -> `whop_runtime`).
pub fn crate_ident(package: &str) -> String {
    package.replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_letters_become_ascii_words() {
        assert_eq!(type_name("Größe", "Type"), "Grosse");
        assert_eq!(field_name("größe-in-cm", "field"), "grosse_in_cm");
        assert_eq!(type_name("名前", "Type"), "MingQian");
        assert_eq!(field_name("🙂", "field"), "slight_smile");
        assert_eq!(field_name("\u{2060}", "field"), "field");
        assert_eq!(type_name("1st.place", "Type"), "Type1stPlace");
    }

    #[test]
    fn variant_names_may_shadow_prelude_names_but_never_self() {
        assert_eq!(variant_name("ok", "Value"), "Ok");
        assert_eq!(variant_name("None", "Value"), "None");
        assert_eq!(variant_name("self", "Value"), "SelfModel");
        assert_eq!(variant_name("404", "Value"), "Value404");
        assert_eq!(type_name("ok", "Value"), "OkModel");
    }

    #[test]
    fn scopes_make_transliterated_names_unique() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim(&field_name("é", "f")), "e");
        assert_eq!(scope.claim(&field_name("e", "f")), "e2");
    }
}
