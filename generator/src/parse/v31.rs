//! OpenAPI 3.1 and 3.2 documents normalised, in place, into the OpenAPI 3.0 shape that
//! `openapiv3` reads and the build maps.
//!
//! The document is a `serde_yaml::Value` (its maps keep the order they were written in, which
//! decides the order of fields and variants). Every rewrite happens where the node is, so its JSON
//! pointer stays the one the user wrote; the few rewrites that must move a node (a `$ref` with
//! siblings wrapped as `allOf: [{$ref}]`, `$defs` hoisted into `components.schemas`, path items
//! inlined from `components.pathItems`, webhook payloads hoisted into `components.schemas`)
//! record in [`Origins`] where it now is and where it was written, and diagnostics are mapped back
//! through it. A rewrite that approximates or drops meaning gives a located warning; a construct
//! with no faithful mapping gives a located error.

use crate::error::Located;
use crate::pointer::Pointer;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;

/// Where moved nodes are now and where they were written: `(now, written)`, both prefixes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origins(Vec<(Pointer, Pointer)>);

impl Origins {
    fn record(&mut self, now: Pointer, written: Pointer) {
        self.0.push((now, written));
    }

    /// The pointer the user wrote for the node now at `pointer` (itself when it did not move).
    pub(crate) fn original(&self, pointer: &Pointer) -> Pointer {
        let mut p = pointer.clone();
        // A node may have moved more than once (a path item inlined, then a `$ref` inside it
        // wrapped): each step maps one move back.
        for _ in 0..=self.0.len() {
            let best = self
                .0
                .iter()
                .filter(|(now, _)| p.within(now))
                .max_by_key(|(now, _)| now.as_str().len());
            let Some((now, written)) = best else { break };
            let rest = p.tokens_below(now).unwrap_or_default();
            let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
            p = written.join_all(&rest);
        }
        p
    }
}

/// What normalising found: warnings and errors located at what the user wrote, and the moves.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub warnings: Vec<Located>,
    pub errors: Vec<Located>,
    pub origins: Origins,
}

/// The dialects of OpenAPI's own schema objects (3.1 and 3.2).
const OAS_DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://spec.openapis.org/oas/3.1/dialect/2024-10-25",
    "https://spec.openapis.org/oas/3.2/dialect/base",
    "https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
];

/// The HTTP methods of a 3.0 path item.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Keywords of types, moved into each member when a type array becomes an `anyOf`.
const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    (
        "string",
        &[
            "format",
            "pattern",
            "minLength",
            "maxLength",
            "contentEncoding",
            "contentMediaType",
        ],
    ),
    (
        "number",
        &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "array",
        &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
        ],
    ),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
];

/// JSON Schema keywords nothing is generated from: dropped with a warning saying so.
const UNCHECKED: &[(&str, &str)] = &[
    (
        "dependentRequired",
        "properties required by other properties are not checked",
    ),
    (
        "dependentSchemas",
        "schemas applied by the presence of properties are not checked",
    ),
    (
        "if",
        "`if`/`then`/`else` is not checked; the type is the schema without it",
    ),
    (
        "then",
        "`if`/`then`/`else` is not checked; the type is the schema without it",
    ),
    (
        "else",
        "`if`/`then`/`else` is not checked; the type is the schema without it",
    ),
    ("unevaluatedItems", "`unevaluatedItems` is not checked"),
    ("contains", "`contains` is not checked"),
    (
        "propertyNames",
        "`propertyNames` is not checked: keys are any strings",
    ),
    (
        "$dynamicRef",
        "`$dynamicRef` is not resolved: the value is kept as any JSON",
    ),
];

/// Keywords that say nothing the generated code uses: dropped silently.
const IGNORED: &[&str] = &[
    "$schema",
    "$comment",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
    "contentSchema",
    "minContains",
    "maxContains",
];

/// Normalises a 3.1 or 3.2 document in place.
pub(crate) fn normalise(doc: &mut Value) -> Outcome {
    let mut n = Normaliser::default();
    if let Value::Mapping(root) = doc {
        n.document(root);
    }
    let Normaliser {
        warnings,
        errors,
        origins,
        ..
    } = n;
    let back = |l: Located| Located {
        pointer: origins.original(&l.pointer),
        ..l
    };
    let mut seen: Vec<Located> = Vec::new();
    for w in warnings.into_iter().map(back) {
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    let errors = errors.into_iter().map(back).collect();
    Outcome {
        warnings: seen,
        errors,
        origins,
    }
}

#[derive(Default)]
struct Normaliser {
    /// Located where the node is now (mapped back when normalising ends).
    warnings: Vec<Located>,
    errors: Vec<Located>,
    origins: Origins,
    /// `$ref` prefixes that moved, as written -> where they are now (`$defs` hoisted).
    renames: Vec<(String, String)>,
    /// `$anchor`s (`#name`) and `$id`s -> the pointer of their schema.
    names: BTreeMap<String, String>,
    /// `$defs` found by the collect pass, to hoist.
    pending: Vec<Hoist>,
    /// Operations of methods without a 3.0 field, by the path item they were written in:
    /// `(method, operation, where it was written)`.
    extra: Vec<(Pointer, Vec<SetAside>)>,
}

/// An operation of a method without a 3.0 field: its method as sent, the operation, and where
/// it was written.
type SetAside = (String, Value, Pointer);

/// The extension key of a path item the normaliser made for an operation whose method 3.0 has
/// no field for (`query`, `additionalOperations`): the path the operation was written under.
pub(crate) const EXTRA_PATH: &str = "x-openapi-gen-path";

/// The extension key of such an operation: its HTTP method, as it is sent (`QUERY`, `LINK`).
pub(crate) const EXTRA_METHOD: &str = "x-openapi-gen-method";

/// The extension key of a response's media type whose `itemSchema` (OpenAPI 3.2) the client
/// reads as a stream of items: the normaliser writes the item schema as the `items` of an array
/// `schema` (the whole body, as the 3.2 text models it) and this key beside it.
pub(crate) const ITEM_SCHEMA: &str = "x-openapi-gen-item-schema";

/// The extension key of an `in: query` parameter that was written `in: querystring` (OpenAPI
/// 3.2): the whole query string, as its `content` describes.
pub(crate) const QUERYSTRING: &str = "x-openapi-gen-querystring";

/// The extension key of an array schema written as a tuple (`prefixItems` with `items:
/// false`): its members are the `oneOf` of its `items`, in position order.
pub(crate) const TUPLE: &str = "x-openapi-gen-tuple";

/// The extension key of a tag's `summary` (OpenAPI 3.2): the first line of its resource's docs.
pub(crate) const TAG_SUMMARY: &str = "x-openapi-gen-summary";

/// The extension key of a tag's `parent` (OpenAPI 3.2): named in its resource's docs.
pub(crate) const TAG_PARENT: &str = "x-openapi-gen-parent";

/// Tags' `summary` and `parent` (OpenAPI 3.2) as extensions the build reads; `kind` (a hint to
/// documentation tools) says nothing to a client and is dropped.
fn tags(root: &mut Mapping) {
    let Some(Value::Sequence(tags)) = root.get_mut("tags") else {
        return;
    };
    for tag in tags.iter_mut() {
        let Value::Mapping(t) = tag else { continue };
        t.remove("kind");
        for (field, ext) in [("summary", TAG_SUMMARY), ("parent", TAG_PARENT)] {
            if let Some(v) = t.remove(field) {
                t.insert(key(ext), v);
            }
        }
    }
}

/// Every `$ref` that names this document by its `$self` URI (absolutely, or relative to it)
/// rewritten to the document-local fragment it points at (`#/components/...`).
fn self_refs(v: &mut Value, base: &str) {
    match v {
        Value::Mapping(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref") {
                if let Some(fragment) = local_fragment(r, base) {
                    *r = fragment;
                }
            }
            for (_, child) in m.iter_mut() {
                self_refs(child, base);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|i| self_refs(i, base)),
        _ => {}
    }
}

/// The fragment (`#...`) of `reference` when it resolves, against `base` (the `$self` URI), to
/// the document itself.
fn local_fragment(reference: &str, base: &str) -> Option<String> {
    let (target, fragment) = reference.split_once('#')?;
    if target.is_empty() {
        return None; // already local
    }
    let base = base.split('#').next().unwrap_or(base);
    let resolved = if target.contains("://") || (target.starts_with('/') && !base.contains("://")) {
        target.to_owned()
    } else if let Some(path) = target.strip_prefix('/') {
        // Absolute path: the base's scheme and authority, then this path.
        let after_scheme = base.find("://").map_or(0, |i| i + 3);
        let authority_end = base[after_scheme..]
            .find('/')
            .map_or(base.len(), |i| after_scheme + i);
        format!("{}/{path}", &base[..authority_end])
    } else {
        let dir = base.rfind('/').map_or("", |i| &base[..=i]);
        format!("{dir}{}", target.trim_start_matches("./"))
    };
    (resolved == base).then(|| format!("#{fragment}"))
}

/// Whether `s` is an HTTP method name: an RFC 9110 token.
fn is_method_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The document's `components.schemas` map, created when missing; `None` when either is not a
/// map.
fn component_schemas(root: &mut Mapping) -> Option<&mut Mapping> {
    let components = root
        .entry(key("components"))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    let Value::Mapping(components) = components else {
        return None;
    };
    match components
        .entry(key("schemas"))
        .or_insert_with(|| Value::Mapping(Mapping::new()))
    {
        Value::Mapping(schemas) => Some(schemas),
        _ => None,
    }
}

fn key(s: &str) -> Value {
    Value::String(s.to_owned())
}

/// A key as text (YAML allows `200:` and `true:` keys; OpenAPI's keys are all strings).
fn key_text(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".into()),
        _ => None,
    }
}

/// Every map key written as text, so the maps deserialize as `openapiv3`'s string-keyed maps.
fn stringify_keys(v: &mut Value) {
    match v {
        Value::Mapping(m) => {
            if m.keys().any(|k| !k.is_string()) {
                let old = std::mem::take(m);
                for (k, val) in old {
                    let k = key_text(&k).map_or(k, Value::String);
                    m.insert(k, val);
                }
            }
            for (_, val) in m.iter_mut() {
                stringify_keys(val);
            }
        }
        Value::Sequence(s) => s.iter_mut().for_each(stringify_keys),
        Value::Tagged(t) => stringify_keys(&mut t.value),
        _ => {}
    }
}

/// The node at `pointer` in `doc`.
fn lookup<'v>(doc: &'v Value, pointer: &Pointer) -> Option<&'v Value> {
    let mut at = doc;
    for token in pointer.tokens() {
        at = match at {
            Value::Mapping(m) => m.get(token.as_str())?,
            Value::Sequence(s) => s.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// Whether `what` (a pointer or `$ref` text) is `prefix` or lies below it.
fn below(what: &str, prefix: &str) -> bool {
    what.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Which pass over the schemas.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Hoist `$defs`, collect `$anchor`s and `$id`s.
    Collect,
    /// Rewrite every schema into the 3.0 shape.
    Rewrite,
}

impl Normaliser {
    fn warn(&mut self, kind: &'static str, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Located::warning(kind, at, message));
    }

    fn document(&mut self, root: &mut Mapping) {
        let at = Pointer::root();
        if let Some(dialect) = root.remove("jsonSchemaDialect") {
            let ok = dialect.as_str().is_some_and(|d| OAS_DIALECTS.contains(&d));
            if !ok {
                self.errors.push(Located::new(
                    at.join("jsonSchemaDialect"),
                    format!(
                        "JSON Schema dialect {} is not supported: only the OpenAPI dialect ({}) is",
                        serde_json::to_string(&dialect).unwrap_or_default(),
                        OAS_DIALECTS[0]
                    ),
                ));
                return;
            }
        }
        for (_, v) in root.iter_mut() {
            stringify_keys(v);
        }
        // `info.summary` (3.1) is the description when there is none.
        if let Some(Value::Mapping(info)) = root.get_mut("info") {
            if let Some(summary) = info.remove("summary") {
                if !info.contains_key("description") {
                    info.insert(key("description"), summary);
                }
            }
        }
        tags(root);
        if let Some(Value::String(base)) = root.remove("$self") {
            let mut doc = Value::Mapping(std::mem::take(root));
            self_refs(&mut doc, &base);
            if let Value::Mapping(m) = doc {
                *root = m;
            }
        }
        self.security_schemes(root);
        // Path items: `$ref`s into `components.pathItems` (or anywhere) are inlined.
        // Path item `$ref`s and webhook bodies are looked up in a copy of the document as written,
        // made only when there are any.
        let referring = |section: &str| {
            root.get(section)
                .and_then(Value::as_mapping)
                .is_some_and(|items| items.values().any(|i| i.get("$ref").is_some()))
        };
        let needed = referring("paths") || root.contains_key("webhooks");
        let snapshot = if needed {
            Value::Mapping(root.clone())
        } else {
            Value::Null
        };
        for section in ["paths", "webhooks"] {
            if let Some(Value::Mapping(items)) = root.get_mut(section) {
                for (k, item) in items.iter_mut() {
                    let Some(k) = key_text(k) else { continue };
                    self.inline_path_item(item, &at.join_all(&[section, &k]), &snapshot);
                }
            }
        }
        if let Some(Value::Mapping(components)) = root.get_mut("components") {
            components.remove("pathItems");
        }
        self.webhooks(root, &snapshot);
        if !root.contains_key("paths") {
            root.insert(key("paths"), Value::Mapping(Mapping::new()));
        }
        let mut doc = Value::Mapping(std::mem::take(root));
        // `$defs` can hold `$defs`: hoisting goes on until none is left.
        self.walk(&mut doc, Pass::Collect);
        self.walk(&mut doc, Pass::Rewrite);
        if let Value::Mapping(m) = doc {
            *root = m;
        }
    }

    /// The mutualTLS security scheme (3.1) has no 3.0 form: dropped with a warning.
    fn security_schemes(&mut self, root: &mut Mapping) {
        let Some(Value::Mapping(components)) = root.get_mut("components") else {
            return;
        };
        let Some(Value::Mapping(schemes)) = components.get_mut("securitySchemes") else {
            return;
        };
        let mut dropped = Vec::new();
        for (k, v) in schemes.iter() {
            if v.get("type").and_then(Value::as_str) == Some("mutualTLS") {
                dropped.push(k.clone());
            }
        }
        for k in &dropped {
            schemes.remove(k);
            let name = key_text(k).unwrap_or_default();
            self.warn(
"mutual-tls",
                &Pointer::component("securitySchemes", &name),
                "the mutualTLS security scheme is configured outside the client: pass a reqwest::Client with the client certificate to `http_client`; requirements name it no more",
            );
        }
        if dropped.is_empty() {
            return;
        }
        // The TLS handshake meets that part of a requirement: nothing is sent per request.
        let strip = |security: Option<&mut Value>| {
            if let Some(Value::Sequence(alternatives)) = security {
                for alternative in alternatives.iter_mut() {
                    if let Value::Mapping(needs) = alternative {
                        for k in &dropped {
                            needs.remove(k);
                        }
                    }
                }
            }
        };
        strip(root.get_mut("security"));
        let mut path_items = Vec::new();
        for (key, value) in root.iter_mut() {
            match (key.as_str(), value) {
                (Some("paths"), items) => path_items.push(items),
                (Some("components"), Value::Mapping(c)) => {
                    path_items.extend(c.get_mut("pathItems"))
                }
                _ => {}
            }
        }
        for items in path_items {
            let Value::Mapping(items) = items else {
                continue;
            };
            for (_, item) in items.iter_mut() {
                let Value::Mapping(item) = item else { continue };
                for (_, op) in item.iter_mut() {
                    if let Value::Mapping(op) = op {
                        strip(op.get_mut("security"));
                    }
                }
            }
        }
    }

    /// A path item that is a `$ref` becomes a copy of its target (its own `summary` and
    /// `description` win), recorded as moved.
    fn inline_path_item(&mut self, item: &mut Value, at: &Pointer, doc: &Value) {
        let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
            return;
        };
        let Ok(target) = Pointer::parse(reference) else {
            return; // refused by the build, at this pointer
        };
        let mut seen = vec![target.clone()];
        let mut current = target;
        let resolved = loop {
            let Some(found) = lookup(doc, &current) else {
                return;
            };
            match found
                .get("$ref")
                .and_then(Value::as_str)
                .map(Pointer::parse)
            {
                Some(Ok(next)) if !seen.contains(&next) && seen.len() < 32 => {
                    seen.push(next.clone());
                    current = next;
                }
                Some(_) => return,
                None => break found.clone(),
            }
        };
        let Value::Mapping(mut copy) = resolved else {
            return;
        };
        if let Value::Mapping(own) = item {
            for k in ["summary", "description"] {
                if let Some(v) = own.get(k) {
                    copy.insert(key(k), v.clone());
                }
            }
        }
        *item = Value::Mapping(copy);
        self.origins.record(at.clone(), current);
    }

    /// Webhooks (3.1): their payload schemas become component schemas (so they are generated as
    /// types); the webhooks themselves are not operations of the client.
    fn webhooks(&mut self, root: &mut Mapping, doc: &Value) {
        let Some(Value::Mapping(hooks)) = root.remove("webhooks") else {
            return;
        };
        let mut hoisted: Vec<(String, Value, Pointer)> = Vec::new();
        let taken = |name: &str, hoisted: &[(String, Value, Pointer)]| {
            lookup(doc, &Pointer::component("schemas", name)).is_some()
                || hoisted.iter().any(|(n, _, _)| n == name)
        };
        for (hook, item) in &hooks {
            let Some(hook) = key_text(hook) else { continue };
            let Value::Mapping(item) = item else { continue };
            for (method, op) in item {
                let Some(method) = key_text(method) else {
                    continue;
                };
                if !METHODS.contains(&method.as_str()) {
                    continue;
                }
                let at = Pointer::root().join_all(&["webhooks", &hook, &method, "requestBody"]);
                let Some(mut body) = op.get("requestBody") else {
                    continue;
                };
                let mut body_at = at.clone();
                if let Some(Ok(p)) = body.get("$ref").and_then(Value::as_str).map(Pointer::parse) {
                    match lookup(doc, &p) {
                        Some(b) => {
                            body = b;
                            body_at = p;
                        }
                        None => continue,
                    }
                }
                let Some(Value::Mapping(content)) = body.get("content") else {
                    continue;
                };
                for (mime, media) in content {
                    let Some(mime) = key_text(mime) else { continue };
                    let Some(schema) = media.get("schema") else {
                        continue;
                    };
                    let is_component_ref = schema
                        .get("$ref")
                        .and_then(Value::as_str)
                        .is_some_and(|r| r.starts_with("#/components/schemas/"));
                    if is_component_ref {
                        continue; // generated as the component it names
                    }
                    let mut name = hook.clone();
                    let mut n = 1;
                    while taken(&name, &hoisted) {
                        n += 1;
                        name = format!(
                            "{hook} webhook{}",
                            if n > 2 {
                                format!(" {n}")
                            } else {
                                String::new()
                            }
                        );
                    }
                    let mut schema = schema.clone();
                    if let Value::Mapping(m) = &mut schema {
                        if !m.contains_key("description") && !m.contains_key("$ref") {
                            m.insert(
                                key("description"),
                                Value::String(format!(
                                    "Payload of the `{hook}` webhook ({} request).",
                                    method.to_uppercase()
                                )),
                            );
                        }
                    }
                    let written = body_at.join_all(&["content", &mime, "schema"]);
                    hoisted.push((name, schema, written));
                }
            }
        }
        if hoisted.is_empty() {
            return;
        }
        let Some(schemas) = component_schemas(root) else {
            return;
        };
        for (name, schema, written) in hoisted {
            self.origins
                .record(Pointer::component("schemas", &name), written);
            schemas.insert(Value::String(name), schema);
        }
    }

    /// Visits every schema of the document, outer schemas first.
    fn walk(&mut self, doc: &mut Value, pass: Pass) {
        let root = Pointer::root();
        if let Value::Mapping(m) = doc {
            if let Some(Value::Mapping(components)) = m.get_mut("components") {
                let at = root.join("components");
                if let Some(Value::Mapping(schemas)) = components.get_mut("schemas") {
                    for (k, v) in schemas.iter_mut() {
                        let Some(k) = key_text(k) else { continue };
                        self.schema_tree(v, &at.join_all(&["schemas", &k]), pass);
                    }
                }
                for (section, visit) in [
                    ("parameters", Self::parameter as Visit),
                    ("headers", Self::header),
                    ("requestBodies", Self::request_body),
                    ("responses", Self::response),
                    ("callbacks", Self::callback),
                ] {
                    if let Some(Value::Mapping(items)) = components.get_mut(section) {
                        for (k, v) in items.iter_mut() {
                            let Some(k) = key_text(k) else { continue };
                            visit(self, v, &at.join_all(&[section, &k]), pass);
                        }
                    }
                }
            }
            if let Some(Value::Mapping(paths)) = m.get_mut("paths") {
                for (k, v) in paths.iter_mut() {
                    let Some(k) = key_text(k) else { continue };
                    self.path_item(v, &root.join_all(&["paths", &k]), pass);
                }
            }
        }
        if pass == Pass::Rewrite {
            self.place_extra(doc);
            // Callbacks are not generated: operations set aside inside them are dropped.
            self.extra.clear();
        }
        if pass == Pass::Collect {
            // Hoisted `$defs` are component schemas now, and may hold `$defs` themselves.
            loop {
                let hoisted = std::mem::take(&mut self.pending);
                if hoisted.is_empty() {
                    break;
                }
                self.insert_hoisted(doc, hoisted);
            }
        }
    }

    /// Inserts hoisted `$defs` into `components.schemas` under free names, records the moves,
    /// and collects inside them.
    fn insert_hoisted(&mut self, doc: &mut Value, hoisted: Vec<Hoist>) {
        let Value::Mapping(root) = doc else { return };
        let Some(schemas) = component_schemas(root) else {
            return;
        };
        for h in hoisted {
            let mut name = h.name.clone();
            let mut n = 1;
            while schemas.contains_key(name.as_str()) {
                n += 1;
                name = match (&h.owner, n) {
                    (Some(owner), 2) => format!("{owner} {}", h.name),
                    (Some(owner), _) => format!("{owner} {} {n}", h.name),
                    (None, _) => format!("{} {n}", h.name),
                };
            }
            let now = Pointer::component("schemas", &name);
            self.renames
                .push((h.written.as_str().to_owned(), now.as_str().to_owned()));
            self.origins.record(now.clone(), h.written.clone());
            let mut schema = h.schema;
            self.schema_tree(&mut schema, &now, Pass::Collect);
            schemas.insert(Value::String(name), schema);
        }
    }

    fn path_item(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        let Value::Mapping(m) = v else { return };
        for (k, child) in m.iter_mut() {
            let Some(k) = k.as_str() else { continue };
            if k == "parameters" {
                self.list(child, &at.join(k), pass, Self::parameter);
            } else if METHODS.contains(&k) || k == "query" {
                self.operation(child, &at.join(k), pass);
            } else if k == "additionalOperations" {
                self.map(child, &at.join(k), pass, Self::operation);
            }
        }
        if pass == Pass::Rewrite {
            self.set_aside_methods(m, at);
        }
    }

    /// Removes the operations of methods a 3.0 path item has no field for (`query`, the keys of
    /// `additionalOperations`) and sets them aside ([`Normaliser::extra`]) for [`Self::place_extra`]
    /// to give each a path item of its own. Keys that are no HTTP method token, or that name a
    /// method with a fixed field, are located errors.
    fn set_aside_methods(&mut self, m: &mut Mapping, at: &Pointer) {
        let mut ops = Vec::new();
        if let Some(op) = m.remove("query") {
            ops.push(("QUERY".to_owned(), op, at.join("query")));
        }
        match m.remove("additionalOperations") {
            Some(Value::Mapping(more)) => {
                for (k, op) in more {
                    let Some(method) = key_text(&k) else { continue };
                    let here = at.join_all(&["additionalOperations", &method]);
                    let fixed = METHODS
                        .iter()
                        .chain(&["query"])
                        .find(|f| f.eq_ignore_ascii_case(&method));
                    if let Some(fixed) = fixed {
                        self.errors.push(Located::new(
                            here,
                            format!("`additionalOperations` must not hold {method}: write this operation in the path item's `{fixed}` field"),
                        ));
                    } else if !is_method_token(&method) {
                        self.errors.push(Located::new(
                            here,
                            format!("{method:?} is not an HTTP method name (a token: letters, digits and `!#$%&'*+-.^_`|~`)"),
                        ));
                    } else {
                        ops.push((method, op, here));
                    }
                }
            }
            Some(_) => self.errors.push(Located::new(
                at.join("additionalOperations"),
                "`additionalOperations` must be a map from method names to operations",
            )),
            None => {}
        }
        if !ops.is_empty() {
            self.extra.push((at.clone(), ops));
        }
    }

    /// Gives every operation set aside by [`Self::set_aside_methods`] a path item of its own in
    /// `paths`, right after the item it was written in: the item's `parameters`, the operation
    /// in the `post` field, marked with its path ([`EXTRA_PATH`]) and method ([`EXTRA_METHOD`])
    /// for the build to read, and its moves recorded.
    fn place_extra(&mut self, doc: &mut Value) {
        if self.extra.is_empty() {
            return;
        }
        let extra = std::mem::take(&mut self.extra);
        let Some(Value::Mapping(paths)) = doc.get_mut("paths") else {
            return;
        };
        let old = std::mem::take(paths);
        let mut taken: Vec<String> = old.keys().filter_map(key_text).collect();
        for (k, item) in old {
            let path = key_text(&k);
            let parameters = item.get("parameters").cloned();
            paths.insert(k, item);
            let Some(path) = path else { continue };
            let item_at = Pointer::root().join_all(&["paths", &path]);
            let Some((_, ops)) = extra.iter().find(|(at, _)| *at == item_at) else {
                continue;
            };
            for (method, op, written) in ops {
                let mut name = format!("{path} {method}");
                while taken.contains(&name) {
                    name.push('_');
                }
                taken.push(name.clone());
                let now = Pointer::root().join_all(&["paths", &name]);
                let mut op = op.clone();
                if let Value::Mapping(o) = &mut op {
                    o.insert(key(EXTRA_METHOD), Value::String(method.clone()));
                }
                let mut placed = Mapping::new();
                placed.insert(key(EXTRA_PATH), Value::String(path.clone()));
                if let Some(p) = &parameters {
                    placed.insert(key("parameters"), p.clone());
                }
                placed.insert(key("post"), op);
                self.origins.record(now.clone(), item_at.clone());
                self.origins.record(now.join("post"), written.clone());
                paths.insert(Value::String(name), Value::Mapping(placed));
            }
        }
    }

    fn list(&mut self, v: &mut Value, at: &Pointer, pass: Pass, visit: Visit) {
        if let Value::Sequence(items) = v {
            for (i, item) in items.iter_mut().enumerate() {
                visit(self, item, &at.join(&i.to_string()), pass);
            }
        }
    }

    fn map(&mut self, v: &mut Value, at: &Pointer, pass: Pass, visit: Visit) {
        if let Value::Mapping(items) = v {
            for (k, item) in items.iter_mut() {
                let Some(k) = key_text(k) else { continue };
                visit(self, item, &at.join(&k), pass);
            }
        }
    }

    fn operation(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        let Value::Mapping(m) = v else { return };
        if pass == Pass::Rewrite && !m.contains_key("responses") {
            // Optional since 3.1; required by the 3.0 model.
            m.insert(key("responses"), Value::Mapping(Mapping::new()));
        }
        for (k, child) in m.iter_mut() {
            let Some(k) = k.as_str() else { continue };
            let here = at.join(k);
            match k {
                "parameters" => self.list(child, &here, pass, Self::parameter),
                "requestBody" => self.request_body(child, &here, pass),
                "responses" => self.map(child, &here, pass, Self::response),
                "callbacks" => self.map(child, &here, pass, Self::callback),
                _ => {}
            }
        }
    }

    fn parameter(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        if pass == Pass::Rewrite && v.get("in").and_then(Value::as_str) == Some("querystring") {
            // A query parameter marked as the whole query string; its `content` says how.
            if let Value::Mapping(m) = v {
                if !m.contains_key("content") {
                    self.errors.push(Located::new(
                        at.join("in"),
                        "an `in: querystring` parameter must describe the query string with `content` (a media type and its schema)",
                    ));
                    return;
                }
                m.insert(key("in"), key("query"));
                m.insert(key(QUERYSTRING), Value::Bool(true));
            }
        }
        self.header(v, at, pass);
    }

    /// A header, or the `schema`/`content` of a parameter.
    fn header(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        let Value::Mapping(m) = v else { return };
        if let Some(schema) = m.get_mut("schema") {
            self.schema_tree(schema, &at.join("schema"), pass);
        }
        if let Some(content) = m.get_mut("content") {
            self.map(content, &at.join("content"), pass, Self::media_type);
        }
    }

    fn request_body(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        if let Some(content) = v.get_mut("content") {
            self.map(content, &at.join("content"), pass, Self::media_type);
        }
    }

    fn response(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        let Value::Mapping(m) = v else { return };
        if pass == Pass::Collect {
            if let Some(Value::Mapping(content)) = m.get_mut("content") {
                for (mime, media) in content.iter_mut() {
                    let Some(mime) = key_text(mime) else { continue };
                    self.item_schema(media, &mime, &at.join_all(&["content", &mime]));
                }
            }
        }
        if let Some(headers) = m.get_mut("headers") {
            self.map(headers, &at.join("headers"), pass, Self::header);
        }
        if let Some(content) = m.get_mut("content") {
            self.map(content, &at.join("content"), pass, Self::media_type);
        }
    }

    fn callback(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        self.map(v, at, pass, Self::path_item);
    }

    /// A response's sequential media type with an `itemSchema` the client streams: the item
    /// schema becomes the `items` of an array `schema` (replacing a `schema` written beside it,
    /// which says the same of the whole body), marked with [`ITEM_SCHEMA`].
    fn item_schema(&mut self, media: &mut Value, mime: &str, at: &Pointer) {
        let Value::Mapping(m) = media else { return };
        if crate::model::Sequence::of_content_type(mime).is_none() {
            return; // warned about by `media_type`
        }
        let Some(item) = m.remove("itemSchema") else {
            return;
        };
        let mut array = Mapping::new();
        array.insert(key("type"), key("array"));
        array.insert(key("items"), item);
        m.insert(key("schema"), Value::Mapping(array));
        m.insert(key(ITEM_SCHEMA), Value::Bool(true));
        self.origins
            .record(at.join_all(&["schema", "items"]), at.join("itemSchema"));
    }

    fn media_type(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        let Value::Mapping(m) = v else { return };
        if pass == Pass::Rewrite && m.remove("itemSchema").is_some() {
            self.warn(
"item-schema",
                &at.join("itemSchema"),
                "`itemSchema` (OpenAPI 3.2) is streamed only in responses of `text/event-stream`, JSON Lines and JSON text sequences: here the body is read whole as its `schema` says",
            );
        }
        if let Some(schema) = m.get_mut("schema") {
            self.schema_tree(schema, &at.join("schema"), pass);
        }
        if let Some(Value::Mapping(encoding)) = m.get_mut("encoding") {
            for (k, e) in encoding.iter_mut() {
                let Some(k) = key_text(k) else { continue };
                if let Some(headers) = e.get_mut("headers") {
                    self.map(
                        headers,
                        &at.join_all(&["encoding", &k, "headers"]),
                        pass,
                        Self::header,
                    );
                }
            }
        }
    }

    /// A schema and the schemas inside it, outer first.
    fn schema_tree(&mut self, v: &mut Value, at: &Pointer, pass: Pass) {
        match pass {
            Pass::Collect => self.collect(v, at),
            Pass::Rewrite => self.rewrite(v, at),
        }
        let Value::Mapping(m) = v else { return };
        for (k, child) in m.iter_mut() {
            let Some(k) = k.as_str() else { continue };
            match k {
                "properties" | "patternProperties" | "dependentSchemas" => {
                    if let Value::Mapping(props) = child {
                        for (pk, pv) in props.iter_mut() {
                            let Some(pk) = key_text(pk) else { continue };
                            self.schema_tree(pv, &at.join_all(&[k, &pk]), pass);
                        }
                    }
                }
                "additionalProperties" | "unevaluatedProperties" if child.is_mapping() => {
                    self.schema_tree(child, &at.join(k), pass);
                }
                "items" | "not" | "if" | "then" | "else" | "contains" | "propertyNames"
                | "unevaluatedItems" => self.schema_tree(child, &at.join(k), pass),
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    if let Value::Sequence(list) = child {
                        for (i, c) in list.iter_mut().enumerate() {
                            self.schema_tree(c, &at.join_all(&[k, &i.to_string()]), pass);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Collect pass on one schema: `$defs` to hoist, `$anchor`s and `$id`s.
    fn collect(&mut self, v: &mut Value, at: &Pointer) {
        let Value::Mapping(m) = v else { return };
        for anchor in ["$anchor", "$dynamicAnchor"] {
            if let Some(Value::String(a)) = m.get(anchor) {
                self.names.insert(format!("#{a}"), at.as_str().to_owned());
            }
        }
        if let Some(Value::String(id)) = m.get("$id") {
            self.names.insert(id.clone(), at.as_str().to_owned());
        }
        if let Some(Value::Mapping(defs)) = m.remove("$defs") {
            for (k, schema) in defs {
                let Some(name) = key_text(&k) else { continue };
                self.pending.push(Hoist {
                    written: at.join_all(&["$defs", &name]),
                    owner: at.component_key("schemas"),
                    name,
                    schema,
                });
            }
        }
    }

    /// Where a schema `$ref` points now: anchors and ids by name, hoisted `$defs` by prefix.
    fn resolve_ref(&self, reference: &str) -> String {
        if let Some(p) = self.names.get(reference) {
            return p.clone();
        }
        let mut r = reference.to_owned();
        for _ in 0..=self.renames.len() {
            let best = self
                .renames
                .iter()
                .filter(|(old, _)| below(&r, old))
                .max_by_key(|(old, _)| old.len());
            let Some((old, new)) = best else { break };
            r = format!("{new}{}", &r[old.len()..]);
        }
        r
    }

    /// Rewrite pass on one schema: the 3.0 shape of what it says.
    fn rewrite(&mut self, v: &mut Value, at: &Pointer) {
        if let Value::Bool(b) = v {
            if !*b {
                self.warn(
"false-schema",
                    at,
                    "the schema `false` (no value is valid) is read as any value: nothing is refused",
                );
            }
            *v = Value::Mapping(Mapping::new());
            return;
        }
        let Value::Mapping(m) = v else { return };
        if let Some(Value::String(r)) = m.get("$ref") {
            let now = self.resolve_ref(r);
            m.insert(key("$ref"), Value::String(now));
        }
        for k in IGNORED {
            m.remove(*k);
        }
        if m.contains_key("nullable") {
            self.warn(
"nullable-3.0",
                &at.join("nullable"),
                "`nullable` is OpenAPI 3.0 syntax (3.1 writes `type: [..., \"null\"]`): read as in 3.0",
            );
        }
        if let Some(c) = m.remove("const") {
            if !m.contains_key("enum") {
                m.insert(key("enum"), Value::Sequence(vec![c]));
            }
        }
        if let Some(Value::Sequence(types)) = m.get("type").cloned() {
            self.type_array(m, &types, at);
        }
        for (ex, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            match m.get(ex).cloned() {
                Some(Value::Number(n)) => {
                    let limit = n.as_f64().unwrap_or(0.0);
                    let other = m.get(bound).and_then(Value::as_f64);
                    let inclusive_is_stricter = other.is_some_and(|o| {
                        if bound == "minimum" {
                            o > limit
                        } else {
                            o < limit
                        }
                    });
                    if inclusive_is_stricter {
                        m.remove(ex);
                    } else {
                        m.insert(key(bound), Value::Number(n));
                        m.insert(key(ex), Value::Bool(true));
                    }
                }
                Some(Value::Bool(_)) => self.warn(
"boolean-exclusive-bound-3.0",
                    &at.join(ex),
                    format!("a boolean `{ex}` is OpenAPI 3.0 syntax (3.1 writes the bound itself): read as in 3.0"),
                ),
                Some(_) => {
                    m.remove(ex);
                }
                None => {}
            }
        }
        if let Some(examples) = m.remove("examples") {
            if let (Value::Sequence(list), false) = (examples, m.contains_key("example")) {
                if let Some(first) = list.into_iter().next() {
                    m.insert(key("example"), first);
                }
            }
        }
        match m.remove("contentEncoding") {
            Some(Value::String(e)) if e == "base64" || e == "base64url" => {
                m.entry(key("format")).or_insert_with(|| key("byte"));
            }
            Some(other) => self.warn(
                "content-encoding-not-decoded",
                &at.join("contentEncoding"),
                format!(
                    "`contentEncoding` {} is not decoded: the value is the encoded string",
                    serde_json::to_string(&other).unwrap_or_default()
                ),
            ),
            None => {}
        }
        if let Some(Value::String(media)) = m.remove("contentMediaType") {
            let textual = media.starts_with("text/")
                || media.contains("json")
                || media.contains("xml")
                || media.starts_with("application/x-www-form-urlencoded");
            if !textual && !m.contains_key("format") {
                m.insert(key("format"), key("binary"));
            }
        }
        match m.remove("prefixItems") {
            Some(Value::Sequence(members))
                if !members.is_empty() && m.get("items") == Some(&Value::Bool(false)) =>
            {
                self.tuple(m, members, at);
            }
            Some(_) => {
                self.warn(
                    "prefix-items",
                    &at.join("prefixItems"),
                    "`prefixItems` (a tuple) followed by more items is read as an array of any JSON values (a tuple is generated for `items: false`)",
                );
                m.insert(key("items"), Value::Mapping(Mapping::new()));
            }
            None => {}
        }
        if let Some(Value::Mapping(patterns)) = m.remove("patternProperties") {
            self.warn(
"pattern-properties",
                &at.join("patternProperties"),
                "the key patterns of `patternProperties` are not checked: the other keys are kept as additional properties",
            );
            let free = matches!(
                m.get("additionalProperties"),
                None | Some(Value::Bool(false))
            );
            if free {
                let mut schemas = patterns.iter();
                let first = schemas.next();
                let (value, from) = match first {
                    Some((k, s)) if schemas.all(|(_, o)| o == s) => (
                        s.clone(),
                        key_text(k).map(|k| at.join_all(&["patternProperties", &k])),
                    ),
                    _ => (Value::Bool(true), None),
                };
                m.insert(key("additionalProperties"), value);
                if let Some(from) = from {
                    self.origins.record(at.join("additionalProperties"), from);
                }
            }
        }
        match m.remove("unevaluatedProperties") {
            None | Some(Value::Bool(false)) => {}
            Some(_) => self.warn(
                "unevaluated-properties",
                &at.join("unevaluatedProperties"),
                "`unevaluatedProperties` is not checked: undeclared keys are ignored",
            ),
        }
        for (k, message) in UNCHECKED {
            if m.remove(*k).is_some() {
                self.warn("not-checked-keyword", &at.join(k), *message);
            }
        }
        // A `$ref` with siblings: 3.0 ignores them, 3.1 applies both. `allOf: [{$ref}]` plus the
        // siblings is how 3.0 says that, and the build applies a description, default or
        // nullability written beside it to the use.
        if m.len() > 1 {
            if let Some(reference) = m.remove("$ref") {
                let mut member = Mapping::new();
                member.insert(key("$ref"), reference);
                let mut all_of = vec![Value::Mapping(member)];
                if let Some(Value::Sequence(existing)) = m.remove("allOf") {
                    for i in 0..existing.len() {
                        self.origins.record(
                            at.join_all(&["allOf", &(i + 1).to_string()]),
                            at.join_all(&["allOf", &i.to_string()]),
                        );
                    }
                    all_of.extend(existing);
                }
                m.insert(key("allOf"), Value::Sequence(all_of));
                self.origins
                    .record(at.join_all(&["allOf", "0"]), at.clone());
            }
        }
    }

    /// `prefixItems: [A, B]` with `items: false`: a tuple. 3.0 has no tuple, so the members
    /// become the `oneOf` of `items` (each item is one of them, as far as 3.0 can say), with
    /// [`TUPLE`] marking the array for the build, which reads them by position.
    fn tuple(&mut self, m: &mut Mapping, members: Vec<Value>, at: &Pointer) {
        let n = members.len();
        let min = m.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        if min < n as u64 {
            self.warn(
                "tuple-shorter-arrays",
                &at.join("prefixItems"),
                format!("a tuple of {n} is generated: an array shorter than {n}, which the schema allows (its `minItems` is {min}), fails to decode"),
            );
        }
        for i in 0..n {
            self.origins.record(
                at.join_all(&["items", "oneOf", &i.to_string()]),
                at.join_all(&["prefixItems", &i.to_string()]),
            );
        }
        let mut items = Mapping::new();
        items.insert(key("oneOf"), Value::Sequence(members));
        m.insert(key("type"), key("array"));
        m.insert(key("items"), Value::Mapping(items));
        m.insert(key(TUPLE), Value::Bool(true));
    }

    /// `type: [T, "null"]` -> `type: T, nullable: true`; several types -> `anyOf` of each (their
    /// keywords moved into their member).
    fn type_array(&mut self, m: &mut Mapping, types: &[Value], at: &Pointer) {
        let mut non_null: Vec<&str> = Vec::new();
        let mut has_null = false;
        for t in types.iter().filter_map(Value::as_str) {
            if t == "null" {
                has_null = true;
            } else if !non_null.contains(&t) {
                non_null.push(t);
            }
        }
        match non_null[..] {
            [] => {
                if has_null {
                    m.insert(key("type"), key("null"));
                } else {
                    m.remove("type");
                }
            }
            [one] => {
                m.insert(key("type"), key(one));
                if has_null {
                    m.insert(key("nullable"), Value::Bool(true));
                }
            }
            _ => {
                m.remove("type");
                if m.contains_key("enum") {
                    // The values say which types occur.
                } else if ["allOf", "anyOf", "oneOf"]
                    .iter()
                    .any(|k| m.contains_key(*k))
                {
                    self.warn(
"type-beside-combination",
                        &at.join("type"),
                        "a type array beside `allOf`/`anyOf`/`oneOf` is dropped: the combination decides the type",
                    );
                } else {
                    let mut members = Vec::new();
                    for (i, t) in non_null.iter().enumerate() {
                        let mut member = Mapping::new();
                        member.insert(key("type"), key(t));
                        let member_at = at.join_all(&["anyOf", &i.to_string()]);
                        self.origins.record(member_at.join("type"), at.join("type"));
                        let keywords = TYPE_KEYWORDS
                            .iter()
                            .find(|(name, _)| name == t)
                            .map_or(&[][..], |(_, k)| *k);
                        for kw in keywords {
                            if let Some(v) = m.get(*kw) {
                                member.insert(key(kw), v.clone());
                                self.origins.record(member_at.join(kw), at.join(kw));
                            }
                        }
                        members.push(Value::Mapping(member));
                    }
                    for (_, keywords) in TYPE_KEYWORDS {
                        for kw in *keywords {
                            m.remove(*kw);
                        }
                    }
                    m.insert(key("anyOf"), Value::Sequence(members));
                    if has_null {
                        m.insert(key("nullable"), Value::Bool(true));
                    }
                }
            }
        }
    }
}

/// A `$defs` entry to hoist into `components.schemas`.
struct Hoist {
    /// Its key in `$defs`.
    name: String,
    /// The component it was found in, if any (to make a name free).
    owner: Option<String>,
    written: Pointer,
    schema: Value,
}

type Visit = fn(&mut Normaliser, &mut Value, &Pointer, Pass);

#[cfg(test)]
mod tests {
    use super::*;

    /// Normalises `doc` (YAML); returns the result and the warnings as `pointer: message`.
    fn norm(doc: &str) -> (Value, Vec<String>, Outcome) {
        let mut v: Value = serde_yaml::from_str(doc).expect("yaml");
        let out = normalise(&mut v);
        let warnings = out
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.pointer, w.message))
            .collect();
        (v, warnings, out)
    }

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).expect("yaml")
    }

    /// The schema `name` of a normalised document whose components hold `schemas`.
    fn schema_of(schemas: &str, name: &str) -> (Value, Vec<String>, Outcome) {
        let doc = format!("openapi: 3.1.0\ncomponents:\n  schemas:\n{schemas}");
        let (v, w, out) = norm(&doc);
        let s = v["components"]["schemas"][name].clone();
        (s, w, out)
    }

    fn indent(s: &str) -> String {
        s.lines().map(|l| format!("    {l}\n")).collect()
    }

    #[test]
    fn type_arrays_become_nullable_or_any_of() {
        let (s, w, _) = schema_of(&indent("A:\n  type: [string, 'null']\n  format: uuid"), "A");
        assert_eq!(s, yaml("type: string\nformat: uuid\nnullable: true"));
        assert_eq!(w, Vec::<String>::new());
        let (s, _, out) = schema_of(
            &indent("A:\n  description: d\n  type: [string, integer, 'null']\n  maxLength: 3\n  minimum: 1"),
            "A",
        );
        assert_eq!(
            s,
            yaml("description: d\nanyOf:\n- {type: string, maxLength: 3}\n- {type: integer, minimum: 1}\nnullable: true")
        );
        // A keyword moved into a member is located where it was written.
        assert_eq!(
            out.origins
                .original(&Pointer::parse("#/components/schemas/A/anyOf/1/minimum").unwrap())
                .as_str(),
            "#/components/schemas/A/minimum"
        );
        let (s, _, _) = schema_of(&indent("A: {type: ['null']}"), "A");
        assert_eq!(s, yaml("type: 'null'"));
    }

    #[test]
    fn const_examples_and_numeric_bounds() {
        let (s, w, _) = schema_of(
            &indent("A:\n  const: dog\n  examples: [dog, cat]\nN:\n  type: number\n  exclusiveMinimum: 0\n  exclusiveMaximum: 10\n  maximum: 5"),
            "A",
        );
        assert_eq!(s, yaml("enum: [dog]\nexample: dog"));
        assert!(w.is_empty(), "{w:?}");
        let (n, _, _) = schema_of(
            &indent(
                "N:\n  type: number\n  exclusiveMinimum: 0\n  exclusiveMaximum: 10\n  maximum: 5",
            ),
            "N",
        );
        // The inclusive maximum 5 is stricter than the exclusive 10.
        assert_eq!(
            n,
            yaml("type: number\nexclusiveMinimum: true\nmaximum: 5\nminimum: 0")
        );
    }

    #[test]
    fn three_0_syntax_is_read_with_a_warning() {
        let (s, w, _) = schema_of(
            &indent(
                "A:\n  type: integer\n  nullable: true\n  minimum: 0\n  exclusiveMinimum: true",
            ),
            "A",
        );
        assert_eq!(
            s,
            yaml("type: integer\nnullable: true\nminimum: 0\nexclusiveMinimum: true")
        );
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].starts_with("#/components/schemas/A/nullable: `nullable` is OpenAPI 3.0 syntax")
        );
        assert!(w[1].starts_with("#/components/schemas/A/exclusiveMinimum: a boolean"));
    }

    #[test]
    fn a_ref_with_siblings_is_wrapped_and_located_at_the_ref() {
        let (s, w, out) = schema_of(
            &indent("A:\n  type: object\n  properties:\n    b:\n      $ref: '#/components/schemas/B'\n      description: the b\n      default: x\n    c:\n      $ref: '#/components/schemas/B'\n      $comment: nothing\nB: {type: string}"),
            "A",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            s["properties"]["b"],
            yaml("description: the b\ndefault: x\nallOf:\n- $ref: '#/components/schemas/B'")
        );
        assert_eq!(s["properties"]["c"], yaml("$ref: '#/components/schemas/B'"));
        let moved = Pointer::parse("#/components/schemas/A/properties/b/allOf/0/$ref").unwrap();
        assert_eq!(
            out.origins.original(&moved).as_str(),
            "#/components/schemas/A/properties/b/$ref"
        );
    }

    #[test]
    fn defs_are_hoisted_and_refs_into_them_follow() {
        let (v, w, out) = norm(
            "openapi: 3.1.0\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        tag: {$ref: '#/components/schemas/Pet/$defs/Tag'}\n        deep: {$ref: '#/components/schemas/Pet/$defs/Tag/properties/name'}\n      $defs:\n        Tag:\n          type: object\n          properties:\n            name: {type: string}\n    Tag: {type: integer}\n",
        );
        assert!(w.is_empty(), "{w:?}");
        let schemas = &v["components"]["schemas"];
        assert_eq!(schemas["Pet"].get("$defs"), None);
        assert_eq!(schemas["Tag"], yaml("type: integer"));
        assert_eq!(
            schemas["Pet Tag"],
            yaml("type: object\nproperties:\n  name: {type: string}")
        );
        let props = &schemas["Pet"]["properties"];
        assert_eq!(props["tag"]["$ref"], yaml("'#/components/schemas/Pet Tag'"));
        assert_eq!(
            props["deep"]["$ref"],
            yaml("'#/components/schemas/Pet Tag/properties/name'")
        );
        assert_eq!(
            out.origins
                .original(&Pointer::component("schemas", "Pet Tag").join("type"))
                .as_str(),
            "#/components/schemas/Pet/$defs/Tag/type"
        );
    }

    #[test]
    fn anchors_and_ids_resolve_to_their_schema() {
        let (v, _, _) = norm(
            "openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      $anchor: thing\n      type: string\n    B:\n      $id: https://example.com/b\n      type: integer\n    C:\n      type: object\n      properties:\n        a: {$ref: '#thing'}\n        b: {$ref: 'https://example.com/b'}\n        c: {$ref: '#nowhere'}\n",
        );
        let props = &v["components"]["schemas"]["C"]["properties"];
        assert_eq!(props["a"]["$ref"], yaml("'#/components/schemas/A'"));
        assert_eq!(props["b"]["$ref"], yaml("'#/components/schemas/B'"));
        // Unknown: left for the build to refuse at its pointer.
        assert_eq!(props["c"]["$ref"], yaml("'#nowhere'"));
        assert_eq!(v["components"]["schemas"]["A"], yaml("type: string"));
    }

    #[test]
    fn boolean_schemas_bytes_tuples_patterns_and_unchecked_keywords() {
        let (v, w, _) = schema_of(
            &indent("A:\n  type: object\n  properties:\n    any: true\n    never: false\n    raw: {type: string, contentEncoding: base64}\n    file: {type: string, contentMediaType: image/png}\n    json: {type: string, contentMediaType: application/json}\n    pair: {type: array, prefixItems: [{type: string}, {type: integer}], items: false, minItems: 2}\n    open: {type: array, prefixItems: [{type: string}]}\n    short: {type: array, prefixItems: [{type: string}], items: false}\n    tags:\n      type: object\n      patternProperties:\n        '^x-': {type: string}\n  dependentRequired: {a: [b]}\n  if: {required: [a]}\n  then: {required: [b]}\n  unevaluatedProperties: false"),
            "A",
        );
        let p = &v["properties"];
        assert_eq!(p["any"], yaml("{}"));
        assert_eq!(p["never"], yaml("{}"));
        assert_eq!(p["raw"], yaml("{type: string, format: byte}"));
        assert_eq!(p["file"], yaml("{type: string, format: binary}"));
        assert_eq!(p["json"], yaml("{type: string}"));
        assert_eq!(
            p["pair"],
            yaml("{type: array, items: {oneOf: [{type: string}, {type: integer}]}, minItems: 2, x-openapi-gen-tuple: true}")
        );
        assert_eq!(p["open"], yaml("{type: array, items: {}}"));
        assert_eq!(
            p["tags"],
            yaml("{type: object, additionalProperties: {type: string}}")
        );
        assert_eq!(v.get("if"), None);
        let at = |s: &str| format!("#/components/schemas/A{s}");
        let located: Vec<&str> = w.iter().map(|w| w.split(": ").next().unwrap()).collect();
        assert_eq!(
            located,
            [
                at("/dependentRequired"),
                at("/if"),
                at("/then"),
                at("/properties/never"),
                at("/properties/open/prefixItems"),
                at("/properties/short/prefixItems"),
                at("/properties/tags/patternProperties"),
            ]
        );
    }

    #[test]
    fn document_level_constructs() {
        let (v, w, out) = norm(
            r##"openapi: 3.2.0
jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
$self: https://example.com/api
info: {title: T, version: "1", summary: Short, license: {name: MIT, identifier: MIT}}
webhooks:
  petAdded:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                id: {type: [string, 'null']}
  petGone:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
paths:
  /pets:
    $ref: '#/components/pathItems/Pets'
  /search:
    query:
      responses: {'200': {description: ok}}
    additionalOperations:
      COPY: {responses: {'200': {description: ok}}}
    get:
      responses:
        '200':
          description: events
          content:
            text/event-stream:
              itemSchema: {type: string}
    post:
      requestBody:
        content:
          application/jsonl:
            itemSchema: {type: string}
components:
  schemas:
    Pet: {type: object}
  pathItems:
    Pets:
      get:
        responses:
          200:
            description: ok
            content:
              application/json:
                schema: {type: [array, 'null'], items: {$ref: '#/components/schemas/Pet'}}
  securitySchemes:
    tls: {type: mutualTLS}
    key: {type: apiKey, in: header, name: X-Key}
"##,
        );
        assert_eq!(v["info"]["description"], yaml("Short"));
        assert_eq!(v.get("webhooks"), None);
        let schemas = &v["components"]["schemas"];
        assert_eq!(
            schemas["petAdded"]["properties"]["id"],
            yaml("{type: string, nullable: true}")
        );
        assert_eq!(
            schemas.get("petGone"),
            None,
            "a $ref payload is its component"
        );
        let pets = &v["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"];
        assert_eq!(pets["schema"]["nullable"], yaml("true"));
        assert_eq!(v["components"].get("pathItems"), None);
        assert_eq!(v["components"]["securitySchemes"].get("tls"), None);
        assert_eq!(
            out.origins
                .original(&Pointer::parse("#/paths/~1pets/get/responses").unwrap())
                .as_str(),
            "#/components/pathItems/Pets/get/responses"
        );
        assert_eq!(
            out.origins
                .original(&Pointer::component("schemas", "petAdded").join("properties"))
                .as_str(),
            "#/webhooks/petAdded/post/requestBody/content/application~1json/schema/properties"
        );
        // Methods without a 3.0 field: a path item of their own each, after their own.
        let keys: Vec<&str> = v["paths"]
            .as_mapping()
            .unwrap()
            .keys()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(keys, ["/pets", "/search", "/search QUERY", "/search COPY"]);
        let copy = &v["paths"]["/search COPY"];
        assert_eq!(copy[EXTRA_PATH], yaml("/search"));
        assert_eq!(copy["post"][EXTRA_METHOD], yaml("COPY"));
        assert_eq!(v["paths"]["/search"].get("query"), None);
        assert_eq!(
            out.origins
                .original(&Pointer::parse("#/paths/~1search QUERY/post/responses").unwrap())
                .as_str(),
            "#/paths/~1search/query/responses"
        );
        assert_eq!(
            out.origins
                .original(&Pointer::parse("#/paths/~1search COPY/post").unwrap())
                .as_str(),
            "#/paths/~1search/additionalOperations/COPY"
        );
        // A response's sequential `itemSchema`: the items of an array schema, marked.
        let events =
            &v["paths"]["/search"]["get"]["responses"]["200"]["content"]["text/event-stream"];
        assert_eq!(
            events["schema"],
            yaml("{type: array, items: {type: string}}")
        );
        assert_eq!(events[ITEM_SCHEMA], yaml("true"));
        assert_eq!(
            out.origins
                .original(
                    &Pointer::parse("#/paths/~1search/get/responses/200/content/text~1event-stream/schema/items")
                        .unwrap()
                )
                .as_str(),
            "#/paths/~1search/get/responses/200/content/text~1event-stream/itemSchema"
        );
        let located: Vec<&str> = w.iter().map(|w| w.split(": ").next().unwrap()).collect();
        assert_eq!(
            located,
            [
                "#/components/securitySchemes/tls",
                "#/paths/~1search/post/requestBody/content/application~1jsonl/itemSchema",
            ]
        );
    }

    #[test]
    fn additional_operations_of_fixed_fields_or_no_method_are_errors() {
        let (_, _, out) = norm(
            "openapi: 3.2.0\npaths:\n  /a:\n    additionalOperations:\n      POST: {}\n      Query: {}\n      'NO GOOD': {}\n      LINK: {}\n",
        );
        let at: Vec<&str> = out.errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(
            at,
            [
                "#/paths/~1a/additionalOperations/POST",
                "#/paths/~1a/additionalOperations/Query",
                "#/paths/~1a/additionalOperations/NO GOOD",
            ]
        );
    }

    #[test]
    fn refs_naming_the_document_by_its_self_uri_are_local() {
        let base = "https://example.com/apis/pets.yaml";
        for (reference, local) in [
            (
                "https://example.com/apis/pets.yaml#/components/schemas/Pet",
                Some("#/components/schemas/Pet"),
            ),
            (
                "pets.yaml#/components/schemas/Pet",
                Some("#/components/schemas/Pet"),
            ),
            (
                "./pets.yaml#/components/schemas/Pet",
                Some("#/components/schemas/Pet"),
            ),
            ("/apis/pets.yaml#/x", Some("#/x")),
            ("other.yaml#/components/schemas/Pet", None),
            ("https://example.com/other.yaml#/x", None),
            ("#/components/schemas/Pet", None),
        ] {
            assert_eq!(
                local_fragment(reference, base).as_deref(),
                local,
                "{reference}"
            );
        }
        let (v, _, _) = norm(
            "openapi: 3.2.0\n$self: https://example.com/apis/pets.yaml\ntags:\n  - {name: pets, summary: Pets, parent: animals, kind: nav}\ncomponents:\n  schemas:\n    A: {$ref: 'pets.yaml#/components/schemas/B'}\n    B: {type: string}\n",
        );
        assert_eq!(v.get("$self"), None);
        assert_eq!(
            v["components"]["schemas"]["A"],
            yaml("{$ref: '#/components/schemas/B'}")
        );
        assert_eq!(
            v["tags"][0],
            yaml("{name: pets, x-openapi-gen-summary: Pets, x-openapi-gen-parent: animals}")
        );
    }

    #[test]
    fn querystring_parameters_are_marked_query_parameters() {
        let (v, _, out) = norm(
            "openapi: 3.2.0\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: querystring, content: {application/json: {schema: {type: [object, 'null']}}}}\n",
        );
        assert!(out.errors.is_empty());
        let p = &v["paths"]["/a"]["get"]["parameters"][0];
        assert_eq!(p["in"], yaml("query"));
        assert_eq!(p[QUERYSTRING], yaml("true"));
        assert_eq!(
            p["content"]["application/json"]["schema"],
            yaml("{type: object, nullable: true}")
        );
    }

    #[test]
    fn requirements_no_longer_name_a_mutual_tls_scheme() {
        let (v, w, _) = norm(
            r##"
openapi: 3.1.0
security: [{tls: [], key: []}, {tls: []}]
paths:
  /a:
    get: {security: [{tls: []}], responses: {}}
  /b: {$ref: '#/components/pathItems/B'}
components:
  pathItems:
    B:
      post: {security: [{key: [], tls: []}], responses: {}}
  securitySchemes:
    tls: {type: mutualTLS}
    key: {type: apiKey, in: header, name: X-Key}
"##,
        );
        assert_eq!(v["security"], yaml("[{key: []}, {}]"));
        assert_eq!(v["paths"]["/a"]["get"]["security"], yaml("[{}]"));
        assert_eq!(v["paths"]["/b"]["post"]["security"], yaml("[{key: []}]"));
        assert_eq!(w.len(), 1, "{w:?}");
    }

    #[test]
    fn other_dialects_and_querystring_parameters_are_errors() {
        let (_, _, out) = norm(
            "openapi: 3.1.0\njsonSchemaDialect: https://json-schema.org/draft/2020-12/schema\n",
        );
        assert_eq!(out.errors[0].pointer.as_str(), "#/jsonSchemaDialect");
        let (_, _, out) = norm(
            "openapi: 3.2.0\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: querystring, schema: {type: object}}\n",
        );
        assert_eq!(
            out.errors[0].pointer.as_str(),
            "#/paths/~1a/get/parameters/0/in"
        );
    }
}
