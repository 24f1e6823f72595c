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

/// Inline type names longer than this (in characters) are shortened by [`claim_type_name`].
pub const LONG_TYPE_NAME: usize = 60;

/// Claims in `scope` the name of a type built from `hint` (an inline schema's parent and place,
/// an operation's types): [`type_name`] of the hint; when that is longer than
/// [`LONG_TYPE_NAME`], the schema's own `title` when its name is shorter and free, else the
/// hint's name shortened by [`shorten_type_name`]. Collisions get `2`, `3`, ... as always.
/// Component names are the spec's own and are never shortened (they are claimed directly).
pub fn claim_type_name(
    scope: &mut Scope,
    hint: &str,
    title: Option<&str>,
    fallback: &str,
) -> String {
    let full = type_name(hint, fallback);
    if full.len() <= LONG_TYPE_NAME {
        return scope.claim(&full);
    }
    if let Some(title) = title.map(|t| type_name(t, "")) {
        if !title.is_empty()
            && title.len() < full.len()
            && title.len() <= LONG_TYPE_NAME
            && scope.is_free(&title)
        {
            return scope.claim(&title);
        }
    }
    scope.claim(&shorten_type_name(&full))
}

/// An `UpperCamelCase` name cut to at most [`LONG_TYPE_NAME`] characters: words met before
/// (compared in the singular, ignoring case) are dropped; when still too long, the first word is
/// kept and words are taken alternately from the end and from the front while they fit (the end
/// says what the type is, the front whose it is; when a word does not fit, only the other end
/// goes on), so the middle goes.
pub fn shorten_type_name(name: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for word in camel_words(name) {
        let key = singular(&word.to_ascii_lowercase());
        if !seen.contains(&key) {
            seen.push(key);
            words.push(word);
        }
    }
    let joined = words.concat();
    if joined.len() <= LONG_TYPE_NAME {
        return joined;
    }
    let Some((first, rest)) = words.split_first() else {
        return joined;
    };
    if first.len() >= LONG_TYPE_NAME {
        return first[..LONG_TYPE_NAME].to_owned();
    }
    let (mut front, mut back): (Vec<&str>, Vec<&str>) = (vec![first], Vec::new());
    let mut len = first.len();
    let (mut i, mut j) = (0, rest.len());
    // Each end takes words until one does not fit; then only the other end goes on.
    let (mut from_end, mut end_open, mut front_open) = (true, true, true);
    while i < j && (end_open || front_open) {
        from_end = if from_end { end_open } else { !front_open };
        let word = if from_end { rest[j - 1] } else { rest[i] };
        if len + word.len() > LONG_TYPE_NAME {
            if from_end {
                end_open = false;
            } else {
                front_open = false;
            }
            from_end = !from_end;
            continue;
        }
        len += word.len();
        if from_end {
            back.push(word);
            j -= 1;
        } else {
            front.push(word);
            i += 1;
        }
        from_end = !from_end;
    }
    back.reverse();
    front.extend(back);
    front.concat()
}

/// The words of an `UpperCamelCase` name (a new word at each capital: `Variant2Item` ->
/// `Variant2`, `Item`).
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
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
        TypeRef::Tuple(members) => {
            let names: String = members
                .iter()
                .map(|t| member_variant_name(t, name_of))
                .collect();
            format!("{names}Tuple")
        }
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

    /// The first of `names` that is free, else [`Self::claim`] of the first; the result is taken.
    pub fn claim_first_free(&mut self, names: &[String]) -> String {
        match names.iter().find(|n| !self.taken.contains(*n)) {
            Some(free) => self.claim(free),
            None => self.claim(&names[0]),
        }
    }

    /// Whether `name` is not taken yet.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
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

/// The cargo features of a crate split by resource: one per resource accessor (kebab case,
/// `issues`, `code-scanning`), then the one of the types no operation reaches and the one
/// enabling all; never a feature the runtime forwards or `default`.
pub fn tag_features(accessors: &[String]) -> (Vec<String>, String, String) {
    let mut scope = Scope::with_reserved(&[
        "default",
        "rustls-tls",
        "native-tls",
        "http2",
        "blocking",
        "full",
        "unreached-types",
    ]);
    let resources = accessors
        .iter()
        .map(|a| scope.claim(&a.trim_start_matches("r#").replace('_', "-")))
        .collect();
    (resources, "unreached-types".into(), "full".into())
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

/// The default prefix of a client's environment variables, from the API's title: its first
/// words (at most three, before a `-`, `(`, `:` or a word such as `with` or `for`), without a
/// trailing `API`, `REST` or version, so the variable never reads `..._API_API_KEY`
/// (`Whop Products API` -> `WHOP_PRODUCTS`, read as `WHOP_PRODUCTS_API_KEY`). `fallback` (the
/// crate's name) when nothing is left.
pub fn env_prefix(title: &str, fallback: &str) -> String {
    const STOP: &[&str] = &["with", "for", "from", "by", "and", "of", "to", "the"];
    const TRAILING: &[&str] = &[
        "api",
        "apis",
        "rest",
        "openapi",
        "spec",
        "specification",
        "service",
    ];
    let cut = [" - ", " – ", "(", ":", ","]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .unwrap_or(title.len());
    let head = title[..cut]
        .split_whitespace()
        .take_while(|w| !STOP.contains(&w.to_ascii_lowercase().as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let mut words: Vec<String> = words(&head)
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    while words.last().is_some_and(|w| {
        TRAILING.contains(&w.as_str())
            || (w.starts_with('v') && w[1..].chars().all(|c| c.is_ascii_digit()) && w.len() > 1)
    }) {
        words.pop();
    }
    words.truncate(3);
    let prefix = words.join(" ").to_shouty_snake_case();
    if prefix.is_empty() {
        fallback.to_shouty_snake_case()
    } else {
        prefix
    }
}

/// The names a resource's handle type can take, in order of preference: the tag's, then the
/// tag's with `Api` (`Projects`, then `ProjectsApi` when a schema is already `Projects`).
pub fn resource_type_names(tag: &str) -> Vec<String> {
    let plain = type_name(tag, "Api");
    let with_api = type_name(&format!("{tag} Api"), "Api");
    vec![plain, with_api]
}

/// The method names an operation can take on its resource: `full`, from its operationId (or
/// its HTTP method and path), and `short`, the same without a whole leading or trailing run of
/// words naming the resource's tag, singular or plural, when that leaves one verb
/// (`createProduct` on `Products` -> `create`, `productsList` -> `list`); anything else keeps
/// the full name (`getAnAlbum`, `getUserRepos` on `Repos`, `productsByCompany`). Which of the two
/// a method takes is decided with its neighbours: two methods that would read alike keep their
/// full names.
pub fn method_names(
    operation_id: Option<&str>,
    method: &str,
    path: &str,
    tag: &str,
) -> (String, String) {
    let full = match operation_id {
        Some(id) => field_name(id, "op"),
        None => {
            let mut parts = vec![method.to_owned()];
            for seg in path.split('/').filter(|s| !s.is_empty()) {
                match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(p) => parts.push(format!("by_{p}")),
                    None => parts.push(seg.to_owned()),
                }
            }
            return (
                field_name(&parts.join("_"), "op"),
                field_name(&parts.join("_"), "op"),
            );
        }
    };
    let words: Vec<&str> = full.split('_').collect();
    let plural: Vec<String> = field_name(tag, "").split('_').map(str::to_owned).collect();
    let mut singular_form = plural.clone();
    if let Some(last) = singular_form.last_mut() {
        *last = singular(last);
    }
    let mut short = full.clone();
    for tag_words in [&plural, &singular_form] {
        let n = tag_words.len();
        if n == 0 || tag_words.iter().any(String::is_empty) || words.len() <= n {
            continue;
        }
        let cut: Option<&[&str]> = if words[words.len() - n..] == tag_words[..] {
            Some(&words[..words.len() - n])
        } else if words[..n] == tag_words[..] {
            Some(&words[n..])
        } else {
            None
        };
        let Some(rest) = cut else { continue };
        // Only a lone verb is left clear: `get_user` out of `get_user_repos` would name another
        // thing, `get_an` or `by_company` no action.
        if let [verb] = rest {
            if !ARTICLES.contains(verb) && !PREPOSITIONS.contains(verb) {
                short = (*verb).to_owned();
                break;
            }
        }
    }
    (full, short)
}

/// Words a method name must not end on once the tag's word is cut.
const ARTICLES: &[&str] = &["a", "an", "the"];

/// Words a method name must not start with once the tag's word is cut.
const PREPOSITIONS: &[&str] = &[
    "by", "for", "with", "of", "in", "on", "to", "from", "at", "as",
];

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

/// The constant naming a server URL: its description in SHOUTY_SNAKE case, else what its URL
/// says (the host without `www` and its top-level domain: `https://sandbox.example.com/v1` ->
/// `SANDBOX_EXAMPLE`; `LOCALHOST` for a loopback address; else its path: `/v2` -> `V2`), else
/// `SERVER_<i>`.
pub fn server_const(description: Option<&str>, url: &str, index: usize) -> String {
    let raw = description.map_or_else(
        || url_words(url).unwrap_or_else(|| format!("server {index}")),
        str::to_owned,
    );
    field_name(&raw, "server").to_shouty_snake_case()
}

/// The words a server URL says, if any: its host's (see [`server_const`]) or its path's.
fn url_words(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = if url.contains("://") {
        rest.split_once('/').unwrap_or((rest, ""))
    } else {
        ("", rest)
    };
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let loopback =
        host == "localhost" || host.starts_with("127.") || host == "[" || host.starts_with('[');
    if loopback {
        return Some("localhost".into());
    }
    let is_ip = !host.is_empty() && host.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !host.is_empty() && !is_ip {
        let labels: Vec<&str> = host.split('.').filter(|l| *l != "www").collect();
        let kept = &labels[..labels.len().saturating_sub(1).max(1)];
        let words = kept.join(" ");
        if !words.trim().is_empty() && !words.contains('{') {
            return Some(words);
        }
    }
    let words = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.contains('{'))
        .collect::<Vec<_>>()
        .join(" ");
    (!words.is_empty()).then_some(words)
}

/// An environment variable the client reads: `prefix` in SHOUTY_SNAKE_CASE, `_`, then `name`
/// (`whop`, `API_KEY` -> `WHOP_API_KEY`).
pub fn env_var(prefix: &str, name: &str) -> String {
    format!("{}_{name}", prefix.to_shouty_snake_case())
}

/// What kind of credential a security scheme takes, for naming its setter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    /// http bearer.
    Bearer,
    /// apiKey (header, query or cookie).
    ApiKey,
    /// http basic: a username and a password.
    Basic,
    /// oauth2 or openIdConnect: an access token, or a token provider.
    OAuth,
}

/// The builder setters and environment variables of one security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialNames {
    /// The setter of its credential.
    pub setter: String,
    /// The setter of a token provider (oauth2, openIdConnect).
    pub provider_setter: Option<String>,
    /// Its environment variables: the token, or the username and the password.
    pub env: Vec<String>,
}

/// Builder methods a credential setter may not take (the builder's other settings).
const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "timeout",
    "total_timeout",
    "max_retries",
    "default_header",
    "user_agent",
    "http_client",
    "max_response_bytes",
    "credential",
    "build",
    "from",
    "fmt",
];

/// The setter and environment variable names of each security scheme (`(key, kind)`, in
/// order), the variables prefixed with `env_prefix`. A scheme is named after what it takes:
/// `api_key` (an apiKey, and a bearer token when no apiKey scheme is used: most APIs call their
/// bearer secret an API key), `bearer_token`, `basic_auth` (`<PREFIX>_USERNAME` and
/// `<PREFIX>_PASSWORD`), `access_token`; a bearer scheme's setter has a token-provider twin
/// (`access_token_provider`, `api_key_provider`, `bearer_token_provider`). Schemes that would share
/// a name are told apart by their key (`admin_api_key` for the apiKey scheme `admin`).
pub fn credential_names(
    env_prefix: &str,
    schemes: &[(&str, CredentialKind)],
) -> Vec<CredentialNames> {
    let has_api_key = schemes.iter().any(|(_, k)| *k == CredentialKind::ApiKey);
    let base = |kind: CredentialKind| match kind {
        CredentialKind::Bearer if has_api_key => "bearer_token",
        CredentialKind::Bearer | CredentialKind::ApiKey => "api_key",
        CredentialKind::Basic => "basic_auth",
        CredentialKind::OAuth => "access_token",
    };
    let mut scope = Scope::with_reserved(BUILDER_METHODS);
    schemes
        .iter()
        .map(|(key, kind)| {
            let base = base(*kind);
            let shared = schemes
                .iter()
                .filter(|(_, k)| base_eq(base, *k, has_api_key))
                .count()
                > 1;
            let stem = if shared {
                // The key alone when it already says what it holds (`admin_key`, `user_token`).
                let key = words(key).to_snake_case();
                let last = base.rsplit('_').next().unwrap_or(base);
                let says = key.ends_with(last)
                    || (*kind == CredentialKind::Basic && key.ends_with("basic"));
                if says {
                    key
                } else {
                    format!("{key}_{base}")
                }
            } else {
                base.to_owned()
            };
            let stem = match stem.as_bytes().first() {
                Some(c) if c.is_ascii_alphabetic() => stem,
                _ => format!("scheme_{stem}"),
            };
            let setter = scope.claim(&stem);
            let env = match kind {
                CredentialKind::Basic => {
                    let qualifier = setter
                        .strip_suffix("basic_auth")
                        .unwrap_or(&setter)
                        .to_shouty_snake_case();
                    let var = |what: &str| match qualifier.is_empty() {
                        true => env_var(env_prefix, what),
                        false => env_var(env_prefix, &format!("{qualifier}_{what}")),
                    };
                    vec![var("USERNAME"), var("PASSWORD")]
                }
                _ => vec![env_var(env_prefix, &setter.to_shouty_snake_case())],
            };
            // Bearer tokens (http bearer, oauth2, openIdConnect) can come from a provider.
            let provider_setter = matches!(kind, CredentialKind::OAuth | CredentialKind::Bearer)
                .then(|| scope.claim(&format!("{setter}_provider")));
            CredentialNames {
                setter,
                provider_setter,
                env,
            }
        })
        .collect()
}

/// Whether a scheme of `kind` gets the base name `base`.
fn base_eq(base: &str, kind: CredentialKind, has_api_key: bool) -> bool {
    match kind {
        CredentialKind::Bearer if has_api_key => base == "bearer_token",
        CredentialKind::Bearer | CredentialKind::ApiKey => base == "api_key",
        CredentialKind::Basic => base == "basic_auth",
        CredentialKind::OAuth => base == "access_token",
    }
}

/// The name a parameter struct's type name was made from (`ListProductsParams` ->
/// `ListProducts`), which its doc names.
pub fn params_subject(type_name: &str) -> &str {
    type_name.trim_end_matches("Params")
}

/// The names of the generated operation tests (`tests/operations.rs`), one per operation of
/// `(resource accessor, method)` and call variant (`required`, `all`), in order:
/// `products_create_required`; names that would repeat get `2`, `3`, ...
pub fn operation_test_names(operations: &[(&str, &str)], variants: &[&str]) -> Vec<Vec<String>> {
    let mut scope =
        Scope::with_reserved(&["base_url", "client", "check", "sample", "not_exercised"]);
    operations
        .iter()
        .map(|(accessor, method)| {
            variants
                .iter()
                .map(|v| scope.claim(&format!("{accessor}_{method}_{v}").to_snake_case()))
                .collect()
        })
        .collect()
}

/// The local variable holding the path argument `rust_name` in a generated operation test:
/// suffixed, so it cannot take the name of the test's own variables (`client`, `request`, ...).
pub fn test_argument(rust_name: &str) -> String {
    format!("{}_arg", rust_name.trim_start_matches("r#"))
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
    #[test]
    fn credentials_are_named_after_what_they_take() {
        use CredentialKind::*;
        let names = |schemes: &[(&str, CredentialKind)]| {
            credential_names("Pets", schemes)
                .into_iter()
                .map(|n| (n.setter, n.provider_setter, n.env))
                .collect::<Vec<_>>()
        };
        let s = |x: &str| x.to_owned();
        // One bearer scheme is the API key (OpenAI, Whop).
        assert_eq!(
            names(&[("bearerAuth", Bearer)]),
            [(
                s("api_key"),
                Some(s("api_key_provider")),
                vec![s("PETS_API_KEY")]
            )]
        );
        assert_eq!(
            names(&[
                ("bearerAuth", Bearer),
                ("key", ApiKey),
                ("basic", Basic),
                ("oauth", OAuth)
            ]),
            [
                (
                    s("bearer_token"),
                    Some(s("bearer_token_provider")),
                    vec![s("PETS_BEARER_TOKEN")]
                ),
                (s("api_key"), None, vec![s("PETS_API_KEY")]),
                (
                    s("basic_auth"),
                    None,
                    vec![s("PETS_USERNAME"), s("PETS_PASSWORD")]
                ),
                (
                    s("access_token"),
                    Some(s("access_token_provider")),
                    vec![s("PETS_ACCESS_TOKEN")]
                ),
            ]
        );
        // Two of a kind are told apart by their keys.
        assert_eq!(
            names(&[
                ("api_key", ApiKey),
                ("AdminKey", ApiKey),
                ("project", ApiKey),
                ("adminBasic", Basic),
                ("basic", Basic)
            ]),
            [
                (s("api_key"), None, vec![s("PETS_API_KEY")]),
                (s("admin_key"), None, vec![s("PETS_ADMIN_KEY")]),
                (s("project_api_key"), None, vec![s("PETS_PROJECT_API_KEY")]),
                (
                    s("admin_basic"),
                    None,
                    vec![
                        s("PETS_ADMIN_BASIC_USERNAME"),
                        s("PETS_ADMIN_BASIC_PASSWORD")
                    ]
                ),
                (
                    s("basic"),
                    None,
                    vec![s("PETS_BASIC_USERNAME"), s("PETS_BASIC_PASSWORD")]
                ),
            ]
        );
    }

    use super::*;

    #[test]
    fn long_names_drop_repeated_words_first() {
        // GitHub's webhook payloads repeat their parents' words.
        let long =
            "WebhookRegistryPackagePublishedRegistryPackagePackageVersionNugetMetadataItemValue";
        assert_eq!(
            shorten_type_name(long),
            "WebhookRegistryPackagePublishedVersionNugetMetadataItemValue"
        );
        // `Reviewer` repeats `Reviewers` (compared in the singular); the rest still does not fit,
        // so the middle goes.
        let long = "CodeSecurityConfigurationSecretScanningDelegatedBypassOptionsReviewersItemReviewerType";
        assert_eq!(
            shorten_type_name(long),
            "CodeSecurityConfigurationSecretOptionsReviewersItemType"
        );
    }

    #[test]
    fn long_names_keep_their_first_word_and_both_ends() {
        for (long, short) in [
            (
                "CodeSecurityCreateConfigurationForEnterpriseRequestDependencyGraphAutosubmitActionOptions",
                "CodeSecurityCreateConfigurationGraphAutosubmitActionOptions",
            ),
            (
                "CreateAssistantRequestToolResourcesFileSearchVectorStoresItemChunkingStrategyStaticType",
                "CreateAssistantRequestToolItemChunkingStrategyStaticType",
            ),
        ] {
            let got = shorten_type_name(long);
            assert_eq!(got, short);
            assert!(got.len() <= LONG_TYPE_NAME, "{got}");
        }
        // Short names and one long word are handled too.
        assert_eq!(shorten_type_name("PetTag"), "PetTag");
        let word = format!("A{}", "b".repeat(69));
        assert_eq!(shorten_type_name(&word), word[..LONG_TYPE_NAME]);
    }

    #[test]
    fn long_names_prefer_a_free_shorter_title_and_never_collide() {
        let hint = "codespaces list devcontainers in repository for authenticated user response devcontainers item";
        let mut scope = Scope::with_reserved(&["Devcontainer"]);
        // Short names are kept whatever the title says.
        assert_eq!(
            claim_type_name(&mut scope, "pet tag", Some("Label"), "Type"),
            "PetTag"
        );
        assert_eq!(
            claim_type_name(&mut scope, hint, Some("devcontainer entry"), "Type"),
            "DevcontainerEntry"
        );
        // The title is taken now (and one that is not shorter is never used): the hint,
        // shortened; the same hint again gets a number, as any name does.
        let first = claim_type_name(&mut scope, hint, Some("devcontainer entry"), "Type");
        assert_eq!(
            first,
            "CodespacesListDevcontainersInAuthenticatedUserResponseItem"
        );
        assert!(first.len() <= LONG_TYPE_NAME, "{first}");
        let second = claim_type_name(&mut scope, hint, None, "Type");
        assert_eq!(second, format!("{first}2"));
        assert_eq!(
            claim_type_name(&mut scope, hint, Some("Devcontainer"), "Type"),
            format!("{first}3")
        );
    }

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

    #[test]
    fn method_names_cut_only_a_whole_leading_or_trailing_tag_word() {
        // (operationId, tag, short name) as real specs write them.
        let table = [
            ("createProduct", "Products", "create"),
            ("listProducts", "Products", "list"),
            ("productsList", "Products", "list"),
            ("getAnAlbum", "Albums", "get_an_album"),
            ("getTheUser", "Users", "get_the_user"),
            ("productsByCompany", "Products", "products_by_company"),
            (
                "listProductsByCompany",
                "Products",
                "list_products_by_company",
            ),
            ("getCategories", "Categories", "get"),
            ("getCategory", "Categories", "get"),
            ("getPlaylistItems", "Playlist Items", "get"),
            ("addPlaylistItem", "Playlist Items", "add"),
            ("products", "Products", "products"),
            ("get-user-repos", "repos", "get_user_repos"),
            ("bulkCreateProducts", "Products", "bulk_create_products"),
        ];
        for (id, tag, short) in table {
            assert_eq!(
                method_names(Some(id), "get", "/x", tag).1,
                short,
                "{id} on {tag}"
            );
        }
        // Without an operationId: the method and path, never cut.
        assert_eq!(
            method_names(None, "get", "/products/{id}", "Products"),
            (
                "get_products_by_id".to_owned(),
                "get_products_by_id".to_owned()
            )
        );
    }

    #[test]
    fn resource_types_avoid_schema_names_without_numbers() {
        assert_eq!(resource_type_names("projects"), ["Projects", "ProjectsApi"]);
        let mut scope = Scope::with_reserved(&["Projects"]);
        assert_eq!(
            scope.claim_first_free(&resource_type_names("projects")),
            "ProjectsApi"
        );
    }

    #[test]
    fn env_prefixes_are_short_and_never_api_api() {
        for (title, prefix) in [
            ("Whop Products API", "WHOP_PRODUCTS"),
            ("Xero Projects API", "XERO_PROJECTS"),
            (
                "Spotify Web API with fixes and improvements from sonallux",
                "SPOTIFY_WEB",
            ),
            ("GitHub v3 REST API", "GITHUB"),
            ("Stripe API (2024-06-20)", "STRIPE"),
            ("API", "MY_CLIENT"),
        ] {
            assert_eq!(env_prefix(title, "my-client"), prefix, "{title}");
        }
    }

    #[test]
    fn servers_without_description_are_named_from_their_url() {
        for (url, name) in [
            ("https://sandbox.example.com/v1", "SANDBOX_EXAMPLE"),
            ("https://www.example.com", "EXAMPLE"),
            ("http://127.0.0.1:9", "LOCALHOST"),
            ("http://localhost:8080/api", "LOCALHOST"),
            ("/v2", "V2"),
            ("https://{region}.example.com", "SERVER_3"),
        ] {
            assert_eq!(server_const(None, url, 3), name, "{url}");
        }
        assert_eq!(
            server_const(Some("Production"), "https://x.test", 0),
            "PRODUCTION"
        );
    }
}
