//! The generator never panics: random text, random OpenAPI-shaped documents and mutations of
//! real specs all give `Ok` or an `Err` whose `Display` is one line naming the spec file.
//!
//! A failing case is shrunk and its seed saved by proptest (a `.proptest-regressions` file beside
//! this one: commit it, so the case is replayed first on every run).

use openapi_gen::{generate, Settings};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Map, Value};
use std::path::Path;

/// The spec path every error must name.
const SPEC_PATH: &str = "fuzz/spec.yaml";

/// Names for schemas, properties, parameters, operations and tags: Rust keywords, names that
/// collide after case conversion, names that are not identifiers, and names the generator
/// reserves.
const NAMES: &[&str] = &[
    "A", "B", "a", "b", "Item", "item", "ITEM", "item_", "type", "self", "Self", "super", "crate",
    "fn", "r#type", "2fa", "x-y", "x_y", "a.b", "", "_", "Unknown", "Client", "String", "Error",
    "Result", "Option", "Box", "é", "日本", "params", "body", "new", "core", "builder",
];

/// Media types, supported and not.
const MIMES: &[&str] = &[
    "application/json",
    "application/problem+json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/octet-stream",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "application/xml",
    "*/*",
    "text/event-stream",
    "application/jsonl",
    "application/json-seq",
];

/// `(type, format)` pairs, including unknown and mismatched formats.
const TYPED_FORMATS: &[(&str, &str)] = &[
    ("string", "date"),
    ("string", "date-time"),
    ("string", "uuid"),
    ("string", "byte"),
    ("string", "binary"),
    ("string", "email"),
    ("string", "uri"),
    ("string", "int32"),
    ("string", "mystery"),
    ("integer", "int32"),
    ("integer", "int64"),
    ("integer", "uint8"),
    ("integer", "date"),
    ("number", "float"),
    ("number", "double"),
    ("number", "decimal"),
    ("boolean", "int32"),
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 200,
        max_shrink_iters: 512,
        ..ProptestConfig::default()
    }
}

/// Runs the generator on `text`; fails the case on a multi-line or unlabelled error or warning,
/// or on output without the crate's root files (a panic fails it through proptest).
fn check(text: &str) -> Result<(), TestCaseError> {
    match generate(text, &Settings::new("fuzz-client", SPEC_PATH)) {
        Ok(generated) => {
            for file in ["Cargo.toml", "src/lib.rs", "src/client.rs", "src/models.rs"] {
                prop_assert!(generated.files.contains_key(file), "no {} generated", file);
            }
            for w in &generated.warnings {
                let shown = w.to_string();
                prop_assert!(
                    !shown.contains(['\n', '\r']),
                    "a warning is not one line: {:?}",
                    shown
                );
                prop_assert!(
                    shown.starts_with(SPEC_PATH) && !w.pointer.is_root(),
                    "a warning does not name the file and pointer: {:?}",
                    shown
                );
            }
        }
        Err(e) => {
            // Every error found, each on one line naming the file.
            for error in e.errors() {
                let shown = error.to_string();
                prop_assert!(
                    !shown.contains(['\n', '\r']),
                    "an error is not one line: {:?}",
                    shown
                );
                prop_assert!(
                    shown.starts_with(SPEC_PATH),
                    "an error does not name the file: {:?}",
                    shown
                );
                prop_assert!(!error.message.is_empty(), "empty error message");
            }
        }
    }
    Ok(())
}

fn name() -> impl Strategy<Value = String> {
    select(NAMES).prop_map(str::to_owned)
}

// ---------------------------------------------------------------------------------------------
// (a) random text

/// Lines and fragments that look like OpenAPI YAML, so random text gets past the parser often.
const YAML_BITS: &[&str] = &[
    "openapi: 3.0.3\n",
    "openapi: 3.1.0\n",
    "openapi: 3.2.0\n",
    "webhooks:\n  h:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n",
    "        type: [string, \"null\"]\n",
    "      $defs:\n        D: {const: 1}\n",
    "swagger: \"2.0\"\n",
    "info:\n  title: T\n  version: \"1\"\n",
    "paths:\n",
    "  /a/{id}:\n",
    "    get:\n",
    "      responses:\n",
    "        \"200\":\n",
    "          description: ok\n",
    "          content:\n            application/json:\n              schema:\n",
    "                $ref: \"#/components/schemas/A\"\n",
    "components:\n  schemas:\n",
    "    A:\n      type: object\n      properties:\n",
    "        x: {type: string}\n",
    "        y: {$ref: '#/components/schemas/A'}\n",
    "      allOf: [{$ref: '#/components/schemas/A'}]\n",
    "{",
    "}",
    "[",
    "]",
    ":",
    "- ",
    "  ",
    "\t",
    "\n",
    "\"",
    "'",
    "&anchor ",
    "*anchor",
    "!!binary ",
    "~",
    "null",
    "1e999",
    "-",
    "#",
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn random_unicode_text(text in "\\PC{0,256}") {
        check(&text)?;
    }

    #[test]
    fn random_yaml_fragments(bits in prop::collection::vec(select(YAML_BITS), 0..40)) {
        check(&bits.concat())?;
    }
}

// ---------------------------------------------------------------------------------------------
// (b) random OpenAPI-shaped documents

/// A schema: random kinds, refs (some dangling, some external), formats, enums, nullability,
/// compositions and objects, up to a few levels deep.
/// Schemas in OpenAPI 3.1 syntax: type arrays, `const`, boolean schemas, numeric bounds, tuples,
/// patterns, `$defs`, anchors, `$ref` with siblings, conditionals, 3.0 syntax mixed in.
const THREE_ONE_SCHEMAS: &[&str] = &[
    r##"{"type": ["string", "null"]}"##,
    r##"{"type": ["integer", "string", "null"], "minimum": 1, "maxLength": 2, "format": "int32"}"##,
    r##"{"type": [], "enum": [1, "a"]}"##,
    r##"{"type": ["object", "array"], "items": true, "properties": {"a": false}, "required": ["a"]}"##,
    r##"{"const": "x"}"##,
    r##"{"const": null, "enum": [1]}"##,
    "true",
    "false",
    r##"{"type": "number", "exclusiveMinimum": 1, "exclusiveMaximum": "x", "minimum": 3}"##,
    r##"{"type": "integer", "exclusiveMinimum": true, "nullable": true}"##,
    r##"{"type": "array", "prefixItems": [{"type": "string"}], "items": false}"##,
    r##"{"prefixItems": [{"$ref": "#/components/schemas/A"}, {"type": ["integer", "null"]}, true], "items": false, "minItems": 3}"##,
    r##"{"type": "array", "prefixItems": [], "items": false}"##,
    r##"{"$ref": "openapi.yaml#/components/schemas/A"}"##,
    r##"{"type": "array", "prefixItems": [{"prefixItems": [false], "items": false}], "items": false}"##,
    r##"{"patternProperties": {"^a": {"type": "string"}, "^b": true}, "additionalProperties": false}"##,
    r##"{"$ref": "#/components/schemas/A/$defs/B"}"##,
    r##"{"$ref": "#/components/schemas/A/$defs/B/$defs/C/properties/x"}"##,
    r##"{"type": "object", "$defs": {"B": {"type": "string", "$defs": {"C": {"$ref": "#/components/schemas/A/$defs/B"}}}}}"##,
    r##"{"$ref": "#anchor"}"##,
    r##"{"$anchor": "anchor", "$id": "https://x/y", "type": "string"}"##,
    r##"{"$ref": "https://x/y", "description": "d"}"##,
    r##"{"$ref": "#/components/schemas/A", "description": "d", "default": 1, "allOf": [{"type": "object"}]}"##,
    r##"{"if": {}, "then": {}, "else": false, "dependentRequired": {"a": ["b"]}, "examples": [1, 2]}"##,
    r##"{"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"}"##,
    r##"{"unevaluatedProperties": {"type": "string"}, "propertyNames": {"pattern": "a"}}"##,
];

fn schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(json!({})),
        select(&["string", "integer", "number", "boolean", "object", "array", "null", "bogus"][..])
            .prop_map(|t| json!({ "type": t })),
        select(TYPED_FORMATS).prop_map(|(t, f)| json!({ "type": t, "format": f })),
        name().prop_map(|n| json!({ "$ref": format!("#/components/schemas/{n}") })),
        select(
            &[
                "other.yaml#/A",
                "#/components/parameters/A",
                "#/paths/~1a",
                "#",
                ""
            ][..]
        )
        .prop_map(|r| json!({ "$ref": r })),
        prop::collection::vec(name(), 0..4).prop_map(|v| json!({ "type": "string", "enum": v })),
        prop::collection::vec(any::<i32>(), 0..3)
            .prop_map(|v| json!({ "type": "integer", "enum": v })),
        Just(json!({ "type": "string", "enum": ["a", null], "nullable": true })),
        ("[a-z(?=)\\[\\]^$.*+]{0,12}", 0u64..4, 0u64..4).prop_map(|(p, min, max)| {
            json!({ "type": "string", "pattern": p, "minLength": min, "maxLength": max })
        }),
        // OpenAPI 3.1 / JSON Schema 2020-12 forms (read as 3.1 in 3.1 documents).
        select(THREE_ONE_SCHEMAS).prop_map(|s| serde_json::from_str(s).expect("json")),
    ];
    let tree = leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            4 => (
                prop::collection::vec((name(), inner.clone()), 0..4),
                prop::collection::vec(name(), 0..3),
                prop::option::of(prop_oneof![
                    any::<bool>().prop_map(Value::Bool),
                    inner.clone()
                ]),
                any::<bool>(),
            )
                .prop_map(|(props, required, extra, typed)| {
                    let mut o = Map::new();
                    if typed {
                        o.insert("type".into(), json!("object"));
                    }
                    o.insert("properties".into(), Value::Object(props.into_iter().collect()));
                    if !required.is_empty() {
                        o.insert("required".into(), json!(required));
                    }
                    if let Some(extra) = extra {
                        o.insert("additionalProperties".into(), extra);
                    }
                    Value::Object(o)
                }),
            2 => inner.clone().prop_map(|i| json!({ "type": "array", "items": i })),
            2 => prop::collection::vec(inner.clone(), 0..3).prop_map(|v| json!({ "allOf": v })),
            1 => prop::collection::vec(inner.clone(), 0..3).prop_map(|v| json!({ "oneOf": v })),
            1 => prop::collection::vec(inner.clone(), 0..3).prop_map(|v| json!({ "anyOf": v })),
            1 => inner.clone().prop_map(|i| json!({ "not": i })),
            1 => (prop::collection::vec(name(), 1..3), name()).prop_map(|(names, prop)| {
                let refs: Vec<Value> = names
                    .iter()
                    .map(|n| json!({ "$ref": format!("#/components/schemas/{n}") }))
                    .collect();
                let mapping: Map<String, Value> = names
                    .iter()
                    .map(|n| (n.to_lowercase(), json!(format!("#/components/schemas/{n}"))))
                    .collect();
                json!({
                    "oneOf": refs,
                    "discriminator": { "propertyName": prop, "mapping": mapping }
                })
            }),
        ]
    });
    (tree, any::<u8>(), prop::option::of(any::<i64>())).prop_map(|(mut s, flags, default)| {
        if let Value::Object(o) = &mut s {
            let mut set = |bit: u8, key: &str, v: Value| {
                if flags & bit != 0 {
                    o.insert(key.into(), v);
                }
            };
            set(1, "nullable", json!(true));
            set(2, "readOnly", json!(true));
            set(4, "writeOnly", json!(true));
            set(8, "deprecated", json!(true));
            set(
                16,
                "description",
                json!("Text with `code`,\n```\nfenced\n```\n*/ and ///."),
            );
            set(32, "default", default.map_or(json!("d"), |d| json!(d)));
            set(64, "example", json!({ "k": [1, "two"] }));
        }
        s
    })
}

fn path_template() -> impl Strategy<Value = String> {
    let segment = select(
        &[
            "things",
            "v1",
            "{id}",
            "{thing-id}",
            "{self}",
            "{}",
            "{a}{b}",
            "{",
            "}",
            "a.b",
            "{id}.json",
            "日本",
        ][..],
    );
    prop::collection::vec(segment, 0..4).prop_map(|s| format!("/{}", s.join("/")))
}

/// `(in, style)` pairs: every valid combination, and a few the spec does not allow.
const PLACES: &[(&str, Option<&str>)] = &[
    ("path", None),
    ("path", Some("simple")),
    ("path", Some("label")),
    ("path", Some("matrix")),
    ("query", None),
    ("query", Some("form")),
    ("query", Some("spaceDelimited")),
    ("query", Some("pipeDelimited")),
    ("query", Some("deepObject")),
    ("header", None),
    ("header", Some("simple")),
    ("cookie", None),
];

/// `(in, style)` pairs the spec does not allow.
const BAD_PLACES: &[(&str, Option<&str>)] = &[("query", Some("matrix")), ("body", None)];

fn parameter() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (
            name(),
            prop_oneof![20 => select(PLACES), 1 => select(BAD_PLACES)],
            any::<bool>(),
            schema(),
            prop::option::of(any::<bool>()),
        )
            .prop_map(|(name, (at, style), required, schema, explode)| {
                let mut o = json!({ "name": name, "in": at, "required": required, "schema": schema });
                if let Some(style) = style {
                    o["style"] = json!(style);
                }
                if let Some(explode) = explode {
                    o["explode"] = json!(explode);
                }
                o
            }),
        1 => name().prop_map(|n| json!({ "$ref": format!("#/components/parameters/{n}") })),
        1 => (name(), select(&["query", "querystring"][..]), select(MIMES), schema()).prop_map(
            |(n, at, m, s)| json!({ "name": n, "in": at, "content": { m: { "schema": s } } })
        ),
    ]
}

fn content() -> impl Strategy<Value = Value> {
    // `itemSchema` (3.2) in place of `schema`, now and then.
    let media = (prop::option::of(schema()), any::<u8>());
    prop::collection::vec((select(MIMES), media), 0..3).prop_map(|v| {
        let mut o = Map::new();
        for (mime, (schema, roll)) in v {
            let field = if roll % 4 == 0 {
                "itemSchema"
            } else {
                "schema"
            };
            o.insert(
                mime.to_owned(),
                schema.map_or(json!({}), |s| json!({ field: s })),
            );
        }
        Value::Object(o)
    })
}

fn request_body() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => (content(), any::<bool>())
            .prop_map(|(c, required)| json!({ "content": c, "required": required })),
        1 => name().prop_map(|n| json!({ "$ref": format!("#/components/requestBodies/{n}") })),
    ]
}

fn response() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => prop::option::of(content()).prop_map(|c| match c {
            Some(c) => json!({ "description": "r", "content": c }),
            None => json!({ "description": "r" }),
        }),
        1 => name().prop_map(|n| json!({ "$ref": format!("#/components/responses/{n}") })),
    ]
}

fn operation() -> impl Strategy<Value = Value> {
    (
        prop::option::of(name()),
        prop::collection::vec(name(), 0..3),
        prop::collection::vec(parameter(), 0..4),
        prop::option::of(request_body()),
        prop::collection::vec(
            (
                select(
                    &[
                        "200", "201", "204", "2XX", "302", "404", "4XX", "500", "default",
                    ][..],
                ),
                response(),
            ),
            0..4,
        ),
        any::<bool>(),
    )
        .prop_map(|(id, tags, params, body, responses, deprecated)| {
            let mut o = json!({
                "tags": tags,
                "parameters": params,
                "responses": Value::Object(
                    responses.into_iter().map(|(c, r)| (c.to_owned(), r)).collect()
                ),
                "deprecated": deprecated,
            });
            if let Some(id) = id {
                o["operationId"] = json!(id);
            }
            if let Some(body) = body {
                o["requestBody"] = body;
            }
            o
        })
}

fn path_item() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(
            (
                select(
                    &[
                        "get", "put", "post", "delete", "options", "head", "patch", "trace",
                        "query",
                    ][..],
                ),
                operation(),
            ),
            0..3,
        ),
        prop::collection::vec(parameter(), 0..2),
        // 3.2 `additionalOperations`, with keys that are fixed methods or no method at all.
        prop::collection::vec(
            (
                select(&["LINK", "PURGE", "POST", "query", "NO GOOD", ""][..]),
                operation(),
            ),
            0..2,
        ),
    )
        .prop_map(|(ops, params, more)| {
            let mut o: Map<String, Value> =
                ops.into_iter().map(|(m, op)| (m.to_owned(), op)).collect();
            if !params.is_empty() {
                o.insert("parameters".into(), json!(params));
            }
            if !more.is_empty() {
                let more: Map<String, Value> =
                    more.into_iter().map(|(m, op)| (m.to_owned(), op)).collect();
                o.insert("additionalOperations".into(), Value::Object(more));
            }
            Value::Object(o)
        })
}

fn document() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            12 => Just(json!("3.0.3")),
            5 => Just(json!("3.1.0")),
            2 => Just(json!("3.2.0")),
            1 => Just(json!(3.0))
        ],
        prop::option::of(prop_oneof![9 => name().prop_map(Value::String), 1 => Just(json!(7))]),
        prop::collection::vec((path_template(), path_item(), any::<bool>()), 0..4),
        prop::collection::vec((name(), schema()), 0..5),
        prop::collection::vec((name(), parameter()), 0..2),
        prop::collection::vec((name(), request_body()), 0..2),
        prop::collection::vec((name(), response()), 0..2),
        server(),
    )
        .prop_map(
            |(version, prefix, paths, schemas, params, bodies, responses, server)| {
                let mut info = json!({ "title": "Fuzz API", "version": "1" });
                if let Some(prefix) = prefix {
                    info["x-env-prefix"] = prefix;
                }
                let map = |v: Vec<(String, Value)>| Value::Object(v.into_iter().collect());
                let paths: Vec<(String, Value)> = paths
                    .into_iter()
                    .map(|(template, mut item, declare)| {
                        if declare {
                            declare_template_params(&template, &mut item);
                        }
                        (template, item)
                    })
                    .collect();
                let three_two = version == json!("3.2.0");
                let mut doc = json!({
                    "openapi": version,
                    "info": info,
                    "servers": [server],
                    "paths": map(paths),
                    "components": {
                        "schemas": map(schemas),
                        "parameters": map(params),
                        "requestBodies": map(bodies),
                        "responses": map(responses),
                    },
                });
                if three_two {
                    // 3.2 document fields: `$self` (refs through it are local) and tag fields.
                    doc["$self"] = json!("https://example.com/api/openapi.yaml");
                    doc["tags"] = json!([
                        {"name": "a", "summary": "A", "parent": "b", "kind": "nav"},
                        {"name": "b", "summary": 3, "parent": ["x"]},
                    ]);
                }
                doc
            },
        )
}

/// A server: URLs with and without `{variables}` (declared or not, with or without a
/// `default`), and a malformed template.
fn server() -> impl Strategy<Value = Value> {
    let urls = &[
        "https://fuzz.example.test",
        "https://{region}.fuzz.example.test/{v}",
        "https://{region.fuzz.example.test",
        "/{v}/{v}",
        "{}",
    ][..];
    let variable = (
        select(&["region", "v", ""][..]),
        prop::option::weighted(0.95, name()),
    );
    (select(urls), prop::collection::vec(variable, 0..3)).prop_map(|(url, variables)| {
        let mut server = json!({ "url": url, "description": "main" });
        if !variables.is_empty() {
            let declared: Map<String, Value> = variables
                .into_iter()
                .map(|(n, default)| {
                    let v = match default {
                        Some(d) => json!({ "default": d }),
                        None => json!({ "enum": ["x"] }),
                    };
                    (n.to_owned(), v)
                })
                .collect();
            server["variables"] = Value::Object(declared);
        }
        server
    })
}

/// Declares, at path level, a string path parameter for every `{name}` of `template`, so that
/// more documents get past the template check to the rest of the generator.
fn declare_template_params(template: &str, item: &mut Value) {
    let names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    let Value::Object(item) = item else {
        return;
    };
    let params = item.entry("parameters").or_insert_with(|| json!([]));
    if let Value::Array(params) = params {
        for name in names {
            params.push(json!({
                "name": name, "in": "path", "required": true, "schema": { "type": "string" }
            }));
        }
    }
}

/// The document as JSON or YAML text.
fn render(doc: &Value, as_json: bool) -> String {
    if as_json {
        serde_json::to_string_pretty(doc).expect("a JSON value serialises")
    } else {
        serde_yaml::to_string(doc).expect("a JSON value serialises as YAML")
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_openapi_documents(doc in document(), as_json in any::<bool>()) {
        check(&render(&doc, as_json))?;
    }
}

// ---------------------------------------------------------------------------------------------
// (c) mutations of real specs

/// The specs to mutate: the products spec, the generator's fixtures and the ok corpus.
fn base_specs() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![
        root.join("spec/products.yaml"),
        root.join("generator/tests/fixtures/names_and_shapes.yaml"),
        root.join("tests/specs/products-3.1.yaml"),
    ];
    let mut corpus: Vec<_> = std::fs::read_dir(root.join("tests/specs/ok"))
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    corpus.retain(|p: &std::path::PathBuf| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("yaml" | "json")
        )
    });
    corpus.sort();
    files.extend(corpus);
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // A document holding integers beyond 64 bits (schemas_sloppy_defaults) has no
            // `serde_json::Value` to mutate; it is generated by the corpus tests instead.
            let value: Value = serde_yaml::from_str(&text).ok()?;
            Some((path.display().to_string(), value))
        })
        .collect()
}

/// One change to a document.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove the node.
    Delete,
    /// Replace the node by a value of another kind.
    Replace(Value),
    /// Point a `$ref` at something missing or elsewhere.
    Retarget(String),
    /// Point a `$ref` inside a component schema at that same schema (a cycle).
    SelfRef,
    /// Copy an object member under a name that collides after case conversion.
    Duplicate(String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Delete),
        select(vec![
            json!(null),
            json!(true),
            json!(42),
            json!(-1),
            json!(1.5),
            json!("text"),
            json!([]),
            json!({}),
            json!([1, "a"]),
            json!({ "$ref": "#/components/schemas/Nope" }),
            json!(["string", "null"]),
            json!({ "$ref": "#/components/schemas/Nope", "description": "d" }),
        ])
        .prop_map(Mutation::Replace),
        prop_oneof![
            name().prop_map(|n| format!("#/components/schemas/{n}")),
            name().prop_map(|n| format!("#/components/parameters/{n}")),
            name().prop_map(|n| format!("#/components/responses/{n}")),
            Just("other.yaml#/components/schemas/A".to_owned()),
            Just("#/components/schemas".to_owned()),
            Just("#".to_owned()),
            Just(String::new()),
        ]
        .prop_map(Mutation::Retarget),
        Just(Mutation::SelfRef),
        prop_oneof![
            Just("upper".to_owned()),
            Just("lower".to_owned()),
            Just("suffix".to_owned()),
            name()
        ]
        .prop_map(Mutation::Duplicate),
    ]
}

/// Escapes one JSON pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Every node's JSON pointer, in document order ("" is the root).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                pointers(child, format!("{at}/{}", escape(k)), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Splits a non-root pointer into its parent pointer and last (unescaped) token.
fn split(pointer: &str) -> (&str, String) {
    let cut = pointer.rfind('/').expect("a non-root pointer");
    let token = pointer[cut + 1..].replace("~1", "/").replace("~0", "~");
    (&pointer[..cut], token)
}

/// Applies `m` to the node picked by `at` among the suitable ones; no suitable node: no change.
fn apply(doc: &mut Value, m: &Mutation, at: &Index) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let refs: Vec<&String> = all.iter().filter(|p| p.ends_with("/$ref")).collect();
    match m {
        Mutation::Delete | Mutation::Duplicate(_) => {
            let nodes: Vec<&String> = all.iter().filter(|p| !p.is_empty()).collect();
            if nodes.is_empty() {
                return;
            }
            let picked: &&String = at.get(&nodes);
            let (parent, token) = split(picked);
            let Some(parent) = doc.pointer_mut(parent) else {
                return;
            };
            match (parent, m) {
                (Value::Object(o), Mutation::Delete) => {
                    o.remove(&token);
                }
                (Value::Array(a), Mutation::Delete) => {
                    a.remove(token.parse::<usize>().expect("an array index"));
                }
                (Value::Object(o), Mutation::Duplicate(how)) => {
                    let Some(copy) = o.get(&token).cloned() else {
                        return;
                    };
                    let key = match how.as_str() {
                        "upper" => token.to_uppercase(),
                        "lower" => token.to_lowercase(),
                        "suffix" => format!("{token}_"),
                        other => other.to_owned(),
                    };
                    o.insert(key, copy);
                }
                (Value::Array(a), Mutation::Duplicate(_)) => {
                    let i: usize = token.parse().expect("an array index");
                    let copy = a[i].clone();
                    a.push(copy);
                }
                _ => {}
            }
        }
        Mutation::Replace(v) => {
            let target = at.get(&all).clone();
            if target.is_empty() {
                *doc = v.clone();
            } else if let Some(node) = doc.pointer_mut(&target) {
                *node = v.clone();
            }
        }
        Mutation::Retarget(to) => {
            if !refs.is_empty() {
                let target = at.get(&refs).to_string();
                if let Some(node) = doc.pointer_mut(&target) {
                    *node = json!(to);
                }
            }
        }
        Mutation::SelfRef => {
            let inside: Vec<&String> = refs
                .iter()
                .copied()
                .filter(|p| p.starts_with("/components/schemas/"))
                .collect();
            if inside.is_empty() {
                return;
            }
            let target = at.get(&inside).to_string();
            let schema = target.split('/').nth(3).expect("a schema key").to_owned();
            if let Some(node) = doc.pointer_mut(&target) {
                *node = json!(format!("#/components/schemas/{schema}"));
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_real_specs(
        base in any::<Index>(),
        mutations in prop::collection::vec((mutation(), any::<Index>()), 1..4),
        as_json in any::<bool>(),
    ) {
        let specs = base_specs();
        let (_, original) = base.get(&specs);
        let mut doc = original.clone();
        for (m, at) in &mutations {
            apply(&mut doc, m, at);
        }
        check(&render(&doc, as_json))?;
    }
}

// ---------------------------------------------------------------------------------------------
// Cases the strategies above found, kept as plain tests.

/// An `allOf` that includes its own schema (directly, or through another component) must be a
/// located error; `mutated_real_specs` found that it overflowed the stack.
#[test]
fn a_self_including_all_of_is_an_error() {
    let spec = r##"openapi: 3.0.3
info:
  title: Cycle
  version: "1.0"
paths: {}
components:
  schemas:
    A:
      allOf:
        - $ref: "#/components/schemas/B"
        - type: object
          properties:
            a: {type: string}
    B:
      allOf:
        - $ref: "#/components/schemas/A"
        - type: object
          properties:
            b: {type: string}
"##;
    let e = generate(spec, &Settings::new("cycle", SPEC_PATH)).expect_err("a cycle is refused");
    assert!(
        e.first()
            .pointer
            .as_str()
            .starts_with("#/components/schemas/"),
        "{e}"
    );
    assert!(e.first().line.is_some(), "{e}");
    // Both members of the cycle are reported, each once.
    assert_eq!(e.errors().len(), 2, "{e}");
}

/// Schemas nested as deeply as the parsers allow (and deeper) generate or fail cleanly without
/// exhausting the stack of an ordinary test thread.
#[test]
fn deeply_nested_schemas_do_not_exhaust_the_stack() {
    let head =
        "openapi: 3.0.3\ninfo: {title: Deep, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n";
    let mut texts = Vec::new();
    for depth in [60, 63, 64, 100] {
        let mut text = format!("{head}    Deep:\n");
        let mut indent = "      ".to_owned();
        for i in 0..depth {
            text.push_str(&format!(
                "{indent}type: object\n{indent}properties:\n{indent}  p{i}:\n"
            ));
            indent.push_str("    ");
        }
        text.push_str(&format!("{indent}type: string\n"));
        texts.push(text);
    }
    for depth in [120, 126, 127, 128, 200] {
        let open = "{type: array, items: ".repeat(depth);
        let close = "}".repeat(depth);
        texts.push(format!("{head}    Arr: {open}{{type: string}}{close}\n"));
        let json_open = "{\"type\": \"array\", \"items\": ".repeat(depth);
        texts.push(format!(
            "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"Deep\", \"version\": \"1\"}}, \"paths\": {{}}, \"components\": {{\"schemas\": {{\"Arr\": {json_open}{{\"type\": \"string\"}}{close}}}}}}}"
        ));
    }
    for text in texts {
        if let Err(e) = check(&text) {
            panic!("{e}");
        }
    }
}

/// Generates `components` (YAML lines indented for `components: schemas:`) with `paths`.
fn generate_schemas(paths: &str, schemas: &str) -> openapi_gen::Generated {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: Rec, version: '1'}}\npaths: {paths}\ncomponents:\n  schemas:\n{schemas}"
    );
    generate(&spec, &Settings::new("rec", SPEC_PATH)).unwrap_or_else(|e| panic!("{e}"))
}

/// The `pub struct` declarations of generated `models.rs`, by name.
fn struct_names(generated: &openapi_gen::Generated) -> Vec<String> {
    generated.files["src/models.rs"]
        .lines()
        .filter_map(|l| l.strip_prefix("pub struct "))
        .map(|l| l.trim_end_matches(" {").to_owned())
        .collect()
}

/// A property whose `allOf` includes its parent component made the build re-merge the parent
/// without end (a stack overflow). It is one type holding itself, boxed.
#[test]
fn a_property_including_its_parent_is_one_boxed_type() {
    let generated = generate_schemas(
        "{}",
        r##"    Pet:
      type: object
      properties:
        name: {type: string}
        both:
          allOf:
            - $ref: '#/components/schemas/Pet'
            - {type: object, properties: {extra: {type: string}}}
"##,
    );
    assert_eq!(struct_names(&generated), ["Pet", "PetBoth"]);
    let models = &generated.files["src/models.rs"];
    let pet_both = &models[models.find("pub struct PetBoth").expect("PetBoth")..];
    for field in [
        "pub name: Option<String>",
        "pub both: Option<Box<PetBoth>>",
        "pub extra: Option<String>",
    ] {
        assert!(pet_both.contains(field), "{field} missing:\n{pet_both}");
    }
    assert!(models.contains("pub both: Option<PetBoth>"), "{models}");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

/// Several properties that each include the parent: every one of them is built once (named
/// after its place in the parent), not once per order in which the cycles can be walked.
#[test]
fn self_including_properties_are_each_built_once() {
    let mut schemas = "    Pet:\n      type: object\n      properties:\n".to_owned();
    for i in 0..8 {
        schemas.push_str(&format!(
            "        p{i}:\n          allOf:\n            - $ref: '#/components/schemas/Pet'\n            - {{type: object, properties: {{x{i}: {{type: integer}}}}}}\n"
        ));
    }
    let names = struct_names(&generate_schemas("{}", &schemas));
    let expected: Vec<String> = std::iter::once("Pet".to_owned())
        .chain((0..8).map(|i| format!("PetP{i}")))
        .collect();
    assert_eq!(names, expected);
}

/// Lists, maps and `oneOf` members that include the parent reuse the types of the parent's
/// properties; a map that holds itself only through maps falls back to `serde_json::Value`
/// with a warning at the map's schema; single-member wrappers that wrap each other used as a
/// parameter no longer recurse without end.
#[test]
fn cycles_through_lists_maps_unions_and_wrappers_end() {
    let generated = generate_schemas(
        r##"
  /x:
    get:
      parameters:
        - {name: q, in: query, schema: {$ref: '#/components/schemas/LoopA'}}
      responses:
        "204": {description: none}"##,
        r##"    Node:
      type: object
      properties:
        kids:
          type: object
          additionalProperties:
            allOf:
              - $ref: '#/components/schemas/Node'
              - {type: object, properties: {weight: {type: integer}}}
        list:
          type: array
          items:
            allOf:
              - $ref: '#/components/schemas/Node'
              - {type: object, properties: {rank: {type: integer}}}
        pick:
          oneOf:
            - allOf:
                - $ref: '#/components/schemas/Node'
                - {type: object, properties: {tag: {type: string}}}
            - {type: string}
    MapLoop:
      type: object
      additionalProperties:
        allOf:
          - {type: object, additionalProperties: true}
          - $ref: '#/components/schemas/MapLoop'
    LoopA:
      allOf: [{$ref: '#/components/schemas/LoopB'}]
    LoopB:
      allOf: [{$ref: '#/components/schemas/LoopA'}]
"##,
    );
    assert_eq!(
        struct_names(&generated),
        [
            "Node",
            "NodeKidsValue",
            "NodeListItem",
            "NodePickVariant1",
            "GetXParams"
        ]
    );
    let models = &generated.files["src/models.rs"];
    assert!(
        models.contains("NodePickVariant1(Box<NodePickVariant1>)"),
        "{models}"
    );
    let pointers: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert!(
        pointers.contains(&"#/components/schemas/MapLoop/additionalProperties"),
        "{pointers:?}"
    );
}

/// `allOf` members shared along a chain (`L0: allOf [L1, M1]`, `M0: allOf [L1, {...}]`, ...)
/// were classified once per path to them, 2^depth times; each is classified once now, so a
/// chain 40 deep generates (it used to take hours) with every field merged into `L0`.
#[test]
fn shared_all_of_members_are_merged_once_each() {
    let depth = 40;
    let mut schemas = String::new();
    for i in 0..depth {
        let next = i + 1;
        schemas.push_str(&format!(
            "    L{i}:\n      allOf: [{{$ref: '#/components/schemas/L{next}'}}, {{$ref: '#/components/schemas/M{next}'}}]\n    M{i}:\n      allOf: [{{$ref: '#/components/schemas/L{next}'}}, {{type: object, properties: {{m{i}: {{type: string}}}}}}]\n"
        ));
    }
    schemas.push_str(&format!(
        "    L{depth}: {{type: object, properties: {{x: {{type: string}}}}}}\n    M{depth}: {{type: object, properties: {{y: {{type: string}}}}}}\n"
    ));
    let generated = generate_schemas("{}", &schemas);
    let models = &generated.files["src/models.rs"];
    let l0 = &models[models.find("pub struct L0 {").expect("L0")..];
    let l0 = &l0[..l0.find("\n}").expect("end of L0")];
    for field in ["pub x:", "pub y:", "pub m1:", "pub m39:"] {
        assert!(l0.contains(field), "{field} missing from L0:\n{l0}");
    }
    assert!(!l0.contains("pub m0:"), "{l0}");
}
