//! `$ref`s resolve to any place in the document that holds a schema, not only to components:
//! into a component's parts, to a parameter's or a response's schema, into `#/paths/`, with
//! escaped tokens; each place gets one type, named after it.

use openapi_gen::model::{Api, Payload, Success, TypeDef, TypeKind, TypeRef};
use openapi_gen::{stages, Settings};

const SPEC: &str = r##"openapi: 3.0.3
info: {title: Refs, version: "1"}
paths:
  /a/{id}:
    get:
      operationId: getA
      parameters:
        - {$ref: "#/components/parameters/Id"}
        - name: mode
          in: query
          schema: {$ref: "#/components/parameters/Mode/schema"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  tag: {$ref: "#/components/schemas/Pet/properties/tag"}
                  owner: {$ref: "#/components/schemas/a~1b"}
                  status: {$ref: "#/components/responses/Status/content/application~1json/schema"}
  /b:
    get:
      operationId: getB
      responses:
        "200":
          description: the same body as getA, by a pointer into #/paths
          content:
            application/json:
              schema: {$ref: "#/paths/~1a~1{id}/get/responses/200/content/application~1json/schema"}
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: string}}
    Mode:
      name: mode
      in: query
      schema: {type: string, enum: [fast, slow]}
  responses:
    Status:
      description: status
      content:
        application/json:
          schema:
            type: object
            required: [state]
            properties:
              state: {type: string}
  schemas:
    a/b:
      type: object
      properties:
        name: {type: string}
    Pet:
      type: object
      properties:
        tag:
          type: object
          properties:
            label: {type: string}
"##;

fn build(spec: &str) -> Result<Api, openapi_gen::Error> {
    let settings = Settings::new("refs", "refs.yaml");
    stages::build(&stages::parse(spec, &settings)?, spec, &settings)
}

fn named<'a>(api: &'a Api, ty: &TypeRef) -> &'a TypeDef {
    match ty {
        TypeRef::Named(id) => api.ty(*id),
        other => panic!("expected a named type, got {other:?}"),
    }
}

fn field<'a>(def: &'a TypeDef, json: &str) -> &'a TypeRef {
    let TypeKind::Struct(fields) = &def.kind else {
        panic!("{} is not a struct", def.name)
    };
    &fields.iter().find(|f| f.json_name == json).expect(json).ty
}

#[test]
fn refs_into_components_parameters_responses_and_paths_resolve() {
    let api = build(SPEC).unwrap_or_else(|e| panic!("{e}"));
    let ops: Vec<_> = api.resources.iter().flat_map(|r| &r.operations).collect();
    let Success::One(Payload::Json(body)) = &ops[0].response else {
        panic!("getA returns one JSON type")
    };
    let body = named(&api, body);
    // Into a component's property: the type of that place, named after it.
    let tag = named(&api, field(body, "tag"));
    assert_eq!(tag.name, "PetTag");
    assert!(matches!(field(tag, "label"), TypeRef::String));
    // An escaped component key.
    assert_eq!(named(&api, field(body, "owner")).name, "AB");
    // A response's media type schema.
    let status = named(&api, field(body, "status"));
    assert_eq!(status.name, "Status");
    assert!(matches!(field(status, "state"), TypeRef::String));
    // A parameter's schema: the enum of `Mode`.
    let mode = &ops[0].params.as_ref().expect("query params").params[0];
    let TypeKind::Enum(values) = &named(&api, &mode.ty).kind else {
        panic!("mode is an enum")
    };
    assert_eq!(values.len(), 2);
    // Into #/paths: the very type getA returns (one type per place).
    let Success::One(Payload::Json(same)) = &ops[1].response else {
        panic!("getB returns one JSON type")
    };
    assert_eq!(named(&api, same).name, body.name);
}

#[test]
fn a_pointer_to_no_schema_is_a_located_dangling_ref() {
    let spec = SPEC.replace(
        "#/components/schemas/Pet/properties/tag",
        "#/components/schemas/Pet/properties/nothing",
    );
    let e = build(&spec).expect_err("dangling");
    assert_eq!(e.errors().len(), 1, "{e}");
    assert!(
        e.first().message.starts_with(
            "dangling $ref \"#/components/schemas/Pet/properties/nothing\": no such schema"
        ),
        "{e}"
    );
    assert_eq!(e.first().line, Some(20), "{e}");
}
