//! Build decisions, read off the model apart from emission: types found by shape, boxes that
//! break cycles, `From` impls of unions, merged `allOf` members; and a debug snapshot of the
//! whole model of a corpus spec, so a change of decision shows as a model diff.

use openapi_gen::model::{Api, Presence, TypeKind, TypeRef};
use openapi_gen::{stages, Settings};

fn build(spec: &str) -> Api {
    let settings = Settings::new("model", "model.yaml");
    let parsed = stages::parse(spec, &settings).unwrap_or_else(|e| panic!("{e}"));
    stages::build(&parsed, spec, &settings).unwrap_or_else(|e| panic!("{e}"))
}

fn id_of(api: &Api, name: &str) -> usize {
    api.types
        .iter()
        .position(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

fn fields<'a>(api: &'a Api, name: &str) -> &'a [openapi_gen::model::Field] {
    match &api.types[id_of(api, name)].kind {
        TypeKind::Struct(f) => f,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

#[test]
fn look_alike_inline_types_are_merged_into_the_first_and_components_kept() {
    let api = build(
        r##"openapi: 3.0.3
info: {title: Shapes, version: "1"}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        status: {type: string, enum: [active, gone], description: A pet's}
        size: {type: string, enum: [s, m]}
    Order:
      type: object
      properties:
        status: {type: string, enum: [active, gone], description: An order's}
        owner:
          type: object
          properties:
            status: {type: string, enum: [active, gone]}
    Other:
      type: object
      properties:
        status: {type: string, enum: [active, gone, lost]}
    Label: {type: object, properties: {text: {type: string}}}
    Tag: {type: object, properties: {text: {type: string}}}
"##,
    );
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    // Same values, other docs: one type, named by its first place. Another value: its own.
    assert!(!names.contains(&"OrderStatus"), "{names:?}");
    let status_of = |owner: &str| match &fields(&api, owner)[0].ty {
        TypeRef::Named(id) => api.ty(*id).name.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(status_of("Order"), "PetStatus");
    assert_eq!(status_of("OrderOwner"), "PetStatus");
    assert_eq!(status_of("Other"), "OtherStatus");
    // Look-alike components keep their names: the only shapes left twice are theirs.
    let groups: Vec<Vec<&str>> = api
        .same_shapes()
        .iter()
        .map(|g| g.iter().map(|id| api.ty(*id).name.as_str()).collect())
        .collect();
    assert_eq!(groups, [["Label", "Tag"]]);
}

/// The specs of the corpus (`tests/specs/ok`), sorted.
fn corpus_specs() -> Vec<std::path::PathBuf> {
    let ok = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/specs/ok");
    let mut specs: Vec<_> = std::fs::read_dir(ok)
        .expect("the corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs
}

#[test]
fn no_corpus_spec_keeps_two_look_alike_types_unless_both_are_components() {
    let specs = corpus_specs();
    assert!(specs.len() > 20);
    for spec in specs {
        let api = build(&std::fs::read_to_string(&spec).expect("readable"));
        for id in api.same_shapes().into_iter().flatten() {
            let source = &api.ty(id).source;
            assert!(
                source.component_name("schemas").is_some(),
                "{}: {} ({source}) looks like another type",
                spec.display(),
                api.ty(id).name
            );
        }
    }
}

/// Every corpus spec split by resource (forced on): each type, operation and the error body name
/// only types compiled whenever they are, so any feature combination builds.
#[test]
fn every_corpus_spec_splits_into_features_that_build_alone() {
    let mut split = 0;
    for spec in corpus_specs() {
        let text = std::fs::read_to_string(&spec).expect("readable");
        let mut settings = Settings::new("model", "model.yaml");
        settings.tag_features = Some(true);
        let parsed = stages::parse(&text, &settings).unwrap_or_else(|e| panic!("{e}"));
        let api = stages::build(&parsed, &text, &settings).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            api.gate_violations(),
            Vec::<String>::new(),
            "{}",
            spec.display()
        );
        split += usize::from(api.features.is_some());
    }
    assert!(split >= 8, "only {split} corpus specs have two resources");
}

/// The gates of a small split crate: a type of one resource under its feature, a type two
/// resources share under either, the error body and what it names always, a type no operation
/// uses under its own feature.
#[test]
fn types_are_gated_by_the_resources_that_reach_them() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/specs/ok/core_tag_features.yaml"
    ))
    .expect("readable");
    let api = build(&text);
    let split = api
        .features
        .as_ref()
        .expect("x-tag-features: true splits it");
    assert_eq!(split.resources, ["boards", "pins", "users"]);
    let gate = |name: &str| split.types[id_of(&api, name)].join(" ");
    assert_eq!(gate("Board"), "boards");
    assert_eq!(gate("BoardLayout"), "boards");
    assert_eq!(gate("Color"), "pins");
    assert_eq!(gate("Owner"), "boards pins");
    assert_eq!(gate("User"), "users");
    assert_eq!(gate("Problem"), "");
    assert_eq!(gate("Detail"), "");
    assert_eq!(gate("PinCreated"), "unreached-types");
    // Not split: below 100 operations unless the spec or the caller asks.
    let mut settings = Settings::new("model", "model.yaml");
    settings.tag_features = Some(false);
    let parsed = stages::parse(&text, &settings).expect("parses");
    let api = stages::build(&parsed, &text, &settings).expect("builds");
    assert!(api.features.is_none());
    let unsplit = text.replace("  x-tag-features: true\n", "");
    assert!(build(&unsplit).features.is_none());
}

#[test]
fn optional_nullable_fields_keep_three_states_only_in_types_that_are_sent() {
    let api = build(
        r##"openapi: 3.0.3
info: {title: Presence, version: "1"}
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: filter, in: query, style: deepObject, schema: {$ref: "#/components/schemas/Filter"}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
    patch:
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/Change"}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
components:
  schemas:
    Thing:
      type: object
      required: [kept]
      properties:
        note: {type: string, nullable: true}
        kept: {type: string, nullable: true}
        inner: {$ref: "#/components/schemas/Inner"}
        shared: {$ref: "#/components/schemas/Shared"}
    Inner:
      type: object
      properties:
        x: {type: integer, nullable: true}
    Change:
      type: object
      properties:
        note: {type: string, nullable: true}
        stamp: {type: string, nullable: true, readOnly: true}
        shared: {$ref: "#/components/schemas/Shared"}
    Shared:
      type: object
      properties:
        y: {type: boolean, nullable: true}
    Filter:
      type: object
      properties:
        z: {type: string, nullable: true}
"##,
    );
    let presence = |ty: &str, field: &str| {
        fields(&api, ty)
            .iter()
            .find(|f| f.json_name == field)
            .unwrap_or_else(|| panic!("no field {ty}.{field}"))
            .presence
    };
    // Only received (directly or through a received type): absent and null are both `None`.
    assert_eq!(presence("Thing", "note"), Presence::Optional);
    assert_eq!(presence("Inner", "x"), Presence::Optional);
    // Required nullable fields are untouched: `Option<T>` either way.
    assert_eq!(presence("Thing", "kept"), Presence::RequiredNullable);
    // Sent in a body (also when received too) or a parameter: omitted, null and a value differ.
    assert_eq!(presence("Change", "note"), Presence::OptionalNullable);
    assert_eq!(presence("Change", "stamp"), Presence::OptionalNullable);
    assert_eq!(presence("Shared", "y"), Presence::OptionalNullable);
    assert_eq!(presence("Filter", "z"), Presence::OptionalNullable);
}

#[test]
fn a_cycle_is_boxed_once_where_it_closes() {
    let api = build(
        r##"openapi: 3.0.3
info: {title: Cycles, version: "1"}
paths: {}
components:
  schemas:
    A:
      type: object
      required: [b]
      properties:
        b: {$ref: "#/components/schemas/B"}
    B:
      type: object
      properties:
        a: {$ref: "#/components/schemas/A"}
        many: {type: array, items: {$ref: "#/components/schemas/B"}}
"##,
    );
    // A holds B holds A: the first field met on the cycle is boxed, the other stays inline.
    assert!(matches!(&fields(&api, "A")[0].ty, TypeRef::Boxed(_)));
    assert!(matches!(&fields(&api, "B")[0].ty, TypeRef::Named(_)));
    // Behind a Vec a type may hold itself: no box.
    assert!(matches!(&fields(&api, "B")[1].ty, TypeRef::List(_)));
}

#[test]
fn union_from_impls_only_for_distinct_payloads() {
    let api = build(
        r##"openapi: 3.0.3
info: {title: Froms, version: "1"}
paths: {}
components:
  schemas:
    Name: {type: string}
    Value:
      oneOf:
        - {$ref: "#/components/schemas/Name"}
        - {type: string, format: uuid}
        - {type: string}
        - {type: integer}
        - {type: boolean, nullable: true}
"##,
    );
    let TypeKind::Union(u) = &api.types[id_of(&api, "Value")].kind else {
        panic!("Value is a union")
    };
    let froms: Vec<(&str, bool)> = u
        .variants()
        .iter()
        .map(|v| (v.rust_name.as_str(), v.from_impl))
        .collect();
    // `Name` is an alias of String: it and the plain string share a payload, so neither gets
    // `From`; a nullable member never does.
    assert_eq!(
        froms,
        [
            ("Name", false),
            ("Uuid", true),
            ("String", false),
            ("I64", true),
            ("Bool", false)
        ]
    );
}

#[test]
fn all_of_merges_members_and_later_properties_win() {
    let api = build(
        r##"openapi: 3.0.3
info: {title: Merge, version: "1"}
paths: {}
components:
  schemas:
    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
        note: {type: string}
    Dog:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          required: [bark]
          properties:
            bark: {type: boolean}
            note: {type: integer}
"##,
    );
    let dog: Vec<(&str, &TypeRef)> = fields(&api, "Dog")
        .iter()
        .map(|f| (f.json_name.as_str(), &f.ty))
        .collect();
    assert_eq!(
        dog,
        [
            ("id", &TypeRef::String),
            ("note", &TypeRef::I64),
            ("bark", &TypeRef::Bool)
        ]
    );
}

/// A type as Rust would name it, through the model's names.
fn show(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.ty(*id).name.clone(),
        TypeRef::List(t) => format!("Vec<{}>", show(api, t)),
        TypeRef::Map(t) => format!("Map<{}>", show(api, t)),
        TypeRef::OrNull(t) => format!("Option<{}>", show(api, t)),
        TypeRef::Boxed(t) => format!("Box<{}>", show(api, t)),
        other => format!("{other:?}"),
    }
}

/// The model's decisions, one line each: every type with its kind, fields, variants and flags,
/// then every operation with its method, parameters, body and response. Docs are left out
/// (the generated code's snapshots show them).
fn decisions(api: &Api) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (i, def) in api.types.iter().enumerate() {
        let flags = [
            (def.in_request, "request"),
            (def.validated, "validated"),
            (def.deprecated, "deprecated"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, f)| *f)
        .collect::<Vec<_>>()
        .join(",");
        let _ = writeln!(out, "#{i} {} <- {} [{flags}]", def.name, def.source);
        match &def.kind {
            TypeKind::Struct(fields) => {
                for f in fields {
                    let _ = writeln!(
                        out,
                        "    {} -> {}: {} {:?} {:?}{}{}{}",
                        f.json_name,
                        f.rust_name,
                        show(api, &f.ty),
                        f.presence,
                        f.access,
                        if f.ctor_arg { " ctor" } else { "" },
                        f.default
                            .as_ref()
                            .map_or(String::new(), |d| format!(" default={:?}", d.value)),
                        if f.limits.is_empty() { "" } else { " limited" },
                    );
                }
            }
            TypeKind::Enum(vs) => {
                let vs: Vec<String> = vs
                    .iter()
                    .map(|v| format!("{}={}", v.rust_name, v.wire))
                    .collect();
                let _ = writeln!(out, "    enum {}", vs.join(" "));
            }
            TypeKind::IntEnum(vs) => {
                let vs: Vec<String> = vs
                    .iter()
                    .map(|v| format!("{}={}", v.rust_name, v.value))
                    .collect();
                let _ = writeln!(out, "    int enum {}", vs.join(" "));
            }
            TypeKind::Alias(t) => {
                let _ = writeln!(out, "    = {}", show(api, t));
            }
            TypeKind::Union(u) => {
                match u {
                    openapi_gen::model::Union::Untagged(_) => {
                        let _ = writeln!(out, "    untagged union");
                    }
                    openapi_gen::model::Union::Tagged(t) => {
                        let _ = writeln!(
                            out,
                            "    tagged by {}, unknown as {}",
                            t.property, t.unknown
                        );
                        for m in &t.members {
                            let _ = writeln!(
                                out,
                                "    {} selected by {:?}",
                                m.variant.rust_name, m.selector
                            );
                        }
                    }
                }
                for v in u.variants() {
                    let _ = writeln!(
                        out,
                        "    {}({}){}",
                        v.rust_name,
                        show(api, &v.ty),
                        if v.from_impl { " from" } else { "" }
                    );
                }
            }
        }
    }
    for r in &api.resources {
        let _ = writeln!(out, "{}() -> {}", r.accessor, r.type_name);
        for op in &r.operations {
            let path: Vec<String> = op
                .path_params
                .iter()
                .map(|p| format!("{}: {}", p.rust_name, show(api, &p.ty)))
                .collect();
            let _ = writeln!(
                out,
                "    {} {} ({})",
                op.http_method,
                op.method_name,
                path.join(", ")
            );
            if let Some(p) = &op.params {
                for q in &p.params {
                    let _ = writeln!(
                        out,
                        "        {}.{} = {:?} {} {:?} explode={} required={}",
                        p.type_name,
                        q.rust_name,
                        q.location,
                        show(api, &q.ty),
                        q.style,
                        q.explode,
                        q.required
                    );
                }
            }
            if let Some(b) = &op.body {
                let _ = writeln!(
                    out,
                    "        body {} {:?} required={}",
                    show(api, &b.ty),
                    b.kind,
                    b.required
                );
            }
            let _ = writeln!(out, "        -> {:?}", op.response);
            if let Some(p) = &op.pagination {
                let _ = writeln!(
                    out,
                    "        pages as {} over {}",
                    p.stream_method,
                    show(api, &p.item_type)
                );
            }
        }
    }
    let _ = writeln!(out, "errors: {}", show(api, &api.error_type));
    out
}

#[test]
fn model_decisions_of_the_products_spec_and_corpus_specs() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for file in [
        "spec/products.yaml",
        "tests/specs/ok/schemas_recursion.yaml",
        "tests/specs/ok/schemas_unions.yaml",
        "tests/specs/ok/schemas_inheritance.yaml",
        "tests/specs/ok/schemas_pinned_unions.yaml",
    ] {
        let spec = std::fs::read_to_string(format!("{root}/{file}")).expect("spec");
        let name = std::path::Path::new(file)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("decisions_{name}"), decisions(&build(&spec)));
    }
}

#[test]
fn an_untagged_member_that_an_earlier_one_shadows_is_warned_about() {
    let spec = |members: &str| {
        format!(
            r##"openapi: 3.0.3
info: {{title: Shadows, version: "1"}}
paths: {{}}
components:
  schemas:
    Either:
      oneOf:
{members}
"##
        )
    };
    let loose = "        - {type: object, properties: {a: {type: string}}}\n";
    let strict = "        - {type: object, required: [b], properties: {b: {type: string}}}\n";
    // The object without required properties first takes every object: the later one is warned.
    let api = build(&spec(&format!("{loose}{strict}")));
    assert_eq!(api.warnings.len(), 1, "{:?}", api.warnings);
    assert_eq!(
        api.warnings[0].pointer,
        "#/components/schemas/Either/oneOf/1"
    );
    assert!(api.warnings[0]
        .message
        .starts_with("member 1 is an object without required properties"));
    // The other way round, the strict member is tried first: nothing to warn about.
    assert!(build(&spec(&format!("{strict}{loose}")))
        .warnings
        .is_empty());
}

#[test]
fn a_discriminator_over_inline_parts_is_theirs_even_when_components_extend_the_object() {
    let api = build(
        r##"openapi: 3.0.3
info: {title: Parts, version: "1"}
paths: {}
components:
  schemas:
    Animal:
      type: object
      required: [name]
      properties:
        name: {type: string}
      discriminator: {propertyName: kind}
      oneOf:
        - properties: {kind: {type: string, enum: [cat]}, lives: {type: integer}}
          required: [kind]
        - properties: {kind: {type: string, enum: [dog]}, good: {type: boolean}}
          required: [kind]
    Puppy:
      allOf:
        - $ref: '#/components/schemas/Animal'
        - {type: object, properties: {age: {type: integer}}}
    Loose:
      type: object
      properties: {name: {type: string}}
      additionalProperties: true
      oneOf:
        - {properties: {a: {type: string}}, required: [a]}
        - {properties: {b: {type: string}}, required: [b]}
"##,
    );
    // Not the polymorphic union of its extensions: a struct with its parts flattened.
    let animal = fields(&api, "Animal");
    let names: Vec<(&str, bool)> = animal
        .iter()
        .map(|f| (f.rust_name.as_str(), f.flatten))
        .collect();
    assert_eq!(names, [("name", false), ("variant", true)]);
    let TypeKind::Union(openapi_gen::model::Union::Tagged(t)) =
        &api.types[id_of(&api, "AnimalVariant")].kind
    else {
        panic!("the parts are a tagged union");
    };
    assert_eq!(t.property, "kind");
    let variants: Vec<&str> = t
        .members
        .iter()
        .map(|m| m.variant.rust_name.as_str())
        .collect();
    assert_eq!(variants, ["Cat", "Dog"]);
    // With kept additional properties, a flattened map would take the parts' keys too and
    // write them twice: no parts, the warned fallback.
    assert!(
        matches!(
            &api.types[id_of(&api, "Loose")].kind,
            TypeKind::Alias(TypeRef::Json)
        ),
        "{:?}",
        api.types[id_of(&api, "Loose")].kind
    );
    // Such an object cannot be merged into another by `allOf`: said, not guessed.
    assert!(
        api.warnings.iter().any(|w| w
            .message
            .contains("has `oneOf`/`anyOf` parts beside its properties")),
        "{:?}",
        api.warnings
    );
}

#[test]
fn security_requirements_keep_used_schemes_and_only_differing_overrides() {
    use openapi_gen::model::{KeyLocation, SchemeKind};
    let api = build(
        r##"openapi: 3.0.3
info: {title: Keys, version: "1"}
security: [{bearer: []}]
paths:
  /a:
    get: {operationId: a, responses: {"204": {description: ok}}}
  /b:
    get:
      operationId: b
      security: [{bearer: []}]
      responses: {"204": {description: ok}}
  /c:
    get:
      operationId: c
      security: [{key: [], basic: []}, {}]
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    unused: {type: http, scheme: bearer}
    key: {type: apiKey, in: query, name: k}
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: bearer}
"##,
    );
    let schemes: Vec<(&str, &SchemeKind, &str)> = api
        .schemes
        .iter()
        .map(|s| (s.key.as_str(), &s.kind, s.setter.as_str()))
        .collect();
    assert_eq!(
        schemes,
        [
            (
                "key",
                &SchemeKind::ApiKey(KeyLocation::Query, "k".into()),
                "api_key"
            ),
            ("basic", &SchemeKind::Basic, "basic_auth"),
            ("bearer", &SchemeKind::Bearer, "bearer_token"),
        ]
    );
    assert_eq!(api.security, [vec![2]]);
    let ops: Vec<_> = api.resources.iter().flat_map(|r| &r.operations).collect();
    // `b` says what the document says: no override of its own.
    assert_eq!(ops[0].security, None);
    assert_eq!(ops[1].security, None);
    assert_eq!(ops[2].security, Some(vec![vec![0, 1], vec![]]));
    // `c` can be called without credentials.
    assert!(!api.credentials_required);
}
