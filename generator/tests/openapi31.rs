//! OpenAPI 3.1 and 3.2 documents through the whole pipeline: what they generate, and that every
//! warning and error names the file, line and pointer of what the user wrote (also where the
//! normaliser moved the node).

use openapi_gen::{generate, stages, Error, Generated, Settings};

const FILE: &str = "api.yaml";

fn ok(text: &str) -> Generated {
    generate(text, &Settings::new("api", FILE)).unwrap_or_else(|e| panic!("{e}"))
}

fn fail(text: &str) -> Error {
    generate(text, &Settings::new("api", FILE)).expect_err("must fail")
}

/// `line: pointer: message` of each warning.
fn warnings(g: &Generated) -> Vec<String> {
    g.warnings
        .iter()
        .map(|w| {
            assert_eq!(w.file, FILE);
            format!("{}: {}: {}", w.line.unwrap_or(0), w.pointer, w.message)
        })
        .collect()
}

const PETS: &str = r##"openapi: 3.1.0
info:
  title: Pets
  version: "1"
  summary: A pet shop.
  license: {name: MIT, identifier: MIT}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      required: [id, kind, name]
      properties:
        id: {type: integer, exclusiveMinimum: 0}
        kind: {const: dog}
        name: {type: [string, 'null'], examples: [Rex]}
        tag:
          $ref: '#/components/schemas/Pet/$defs/Tag'
          description: The pet's tag.
        size: {type: [integer, string]}
        extra:
          type: object
          patternProperties:
            '^x-': {type: string}
      $defs:
        Tag:
          type: string
          enum: [small, big]
"##;

#[test]
fn a_3_1_document_generates_with_its_constructs_mapped() {
    let g = ok(PETS);
    let models = &g.files["src/models.rs"];
    for expected in [
        "pub name: Option<String>",
        "pub kind: PetKind",
        "pub tag: Option<Tag>",
        "/// The pet's tag.",
        "pub enum PetSize",
        "pub extra: Option<std::collections::BTreeMap<String, String>>",
    ] {
        assert!(
            models.contains(expected),
            "{expected:?} not in models.rs:\n{models}"
        );
    }
    assert_eq!(
        warnings(&g),
        ["34: #/components/schemas/Pet/properties/extra/patternProperties: the key patterns of `patternProperties` are not checked: the other keys are kept as additional properties"]
    );
}

#[test]
fn errors_inside_moved_nodes_name_what_the_user_wrote() {
    // A dangling `$ref` with a sibling (wrapped as `allOf`) inside a `$defs` entry (hoisted).
    let text = PETS.replace(
        "          type: string\n          enum: [small, big]\n",
        "          type: object\n          properties:\n            owner:\n              $ref: '#/components/schemas/Missing'\n              description: gone\n",
    );
    let e = fail(&text);
    let first = e.first();
    assert_eq!(
        first.pointer.as_str(),
        "#/components/schemas/Pet/$defs/Tag/properties/owner",
        "{e}"
    );
    assert_eq!(first.line, Some(40), "{e}");
    assert!(
        first.message.contains("#/components/schemas/Missing"),
        "{e}"
    );
}

#[test]
fn parse_warnings_reach_generated_and_name_lines() {
    let text = r#"openapi: 3.1.0
info: {title: W, version: "1"}
paths: {}
components:
  schemas:
    Old:
      type: object
      properties:
        a:
          type: integer
          nullable: true
        b:
          type: array
          prefixItems: [{type: string}]
"#;
    let parsed = stages::parse(text, &Settings::new("w", FILE)).unwrap();
    assert_eq!(parsed.warnings().len(), 2);
    let g = ok(text);
    let shown = warnings(&g);
    assert!(
        shown[0].starts_with(
            "11: #/components/schemas/Old/properties/a/nullable: `nullable` is OpenAPI 3.0 syntax"
        ),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("14: #/components/schemas/Old/properties/b/prefixItems:"),
        "{shown:?}"
    );
}

#[test]
fn webhooks_without_paths_generate_their_payload_types() {
    let g = ok(r#"openapi: 3.1.0
info: {title: Hooks, version: "1"}
webhooks:
  orderPaid:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [id]
              properties:
                id: {type: string}
                amount: {type: [number, 'null']}
"#);
    let models = &g.files["src/models.rs"];
    assert!(models.contains("pub struct OrderPaid"), "{models}");
    assert!(
        models.contains("Payload of the `orderPaid` webhook"),
        "{models}"
    );
    // A payload is only received (by the user's webhook handler): absent and null are `None`.
    assert!(models.contains("pub amount: Option<f64>"), "{models}");
}

#[test]
fn a_3_2_document_in_json_is_read_with_its_query_operation() {
    let g = ok(r#"{
  "openapi": "3.2.0",
  "$self": "https://example.com/openapi.json",
  "info": {"title": "Q", "version": "1"},
  "tags": [{"name": "a", "summary": "A", "kind": "nav", "parent": "b"}, {"name": "b"}],
  "paths": {
    "/things": {
      "query": {"responses": {"200": {"description": "ok"}}},
      "get": {
        "operationId": "listThings",
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"type": ["string", "null"]}}}}}}
      }
    }
  }
}"#);
    let client = &g.files["src/client.rs"];
    // `type: [string, "null"]` items are `Option<String>`.
    assert!(
        client.contains("pub fn list(&self) -> ApiCall<'a, Vec<Option<String>>>"),
        "{client}"
    );
    assert!(
        client.contains("pub fn query_things(&self) -> ApiCall<'a, ()>")
            && client.contains("RequestParts::with_method(\"QUERY\")"),
        "{client}"
    );
    assert_eq!(warnings(&g), Vec::<String>::new());
}

#[test]
fn errors_inside_query_and_additional_operations_name_what_the_user_wrote() {
    let e = fail(
        r#"openapi: 3.2.0
info: {title: Q, version: "1"}
paths:
  /things:
    query:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
    additionalOperations:
      LINK:
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Gone', description: d}
"#,
    );
    let found: Vec<String> = e
        .errors()
        .iter()
        .map(|d| format!("{}: {}", d.line.unwrap_or(0), d.pointer))
        .collect();
    assert_eq!(
        found,
        [
            "11: #/paths/~1things/query/responses/200/content/application~1json/schema",
            "19: #/paths/~1things/additionalOperations/LINK/responses/200/content/application~1json/schema",
        ],
        "{e}"
    );
}

#[test]
fn components_path_items_are_inlined() {
    let g = ok(r#"openapi: 3.1.0
info: {title: P, version: "1"}
paths:
  /a:
    $ref: '#/components/pathItems/A'
components:
  pathItems:
    A:
      get:
        operationId: getA
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {type: boolean}
"#);
    let client = &g.files["src/client.rs"];
    assert!(client.contains("req.path_literal(\"/a\")"), "{client}");
}

#[test]
fn querystring_parameters_and_other_dialects_are_located_errors() {
    // A querystring parameter without `content` says nothing of how to write it.
    let e = fail("openapi: 3.2.0\ninfo: {title: Q, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: querystring\n          schema: {type: object}\n      responses: {'204': {description: ok}}\n");
    assert_eq!(
        e.first().pointer.as_str(),
        "#/paths/~1a/get/parameters/0/in"
    );
    assert_eq!(e.first().line, Some(8));
    // Two of them: the second is refused where it is written.
    let e = fail("openapi: 3.2.0\ninfo: {title: Q, version: '1'}\npaths:\n  /a:\n    parameters:\n      - {name: q, in: querystring, content: {application/json: {schema: {type: object}}}}\n    get:\n      parameters:\n        - {name: r, in: querystring, content: {application/json: {schema: {type: object}}}}\n      responses: {'204': {description: ok}}\n");
    assert_eq!(
        e.first().pointer.as_str(),
        "#/paths/~1a/get/parameters/0",
        "{e}"
    );
    assert_eq!(e.first().line, Some(9), "{e}");
    let e = fail("openapi: 3.1.0\njsonSchemaDialect: https://json-schema.org/draft/2020-12/schema\ninfo: {title: Q, version: '1'}\n");
    assert_eq!(e.first().line, Some(2));
    assert!(
        e.to_string()
            .starts_with("api.yaml:2: #/jsonSchemaDialect: JSON Schema dialect"),
        "{e}"
    );
}

#[test]
fn a_shape_error_in_a_3_1_document_names_the_pointer_serde_gives() {
    let e = fail("openapi: 3.1.0\ninfo: {title: Q, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: 5\n          content: 7\n");
    // As for 3.0 documents, serde's path stops at `paths` (a flattened map).
    assert_eq!(e.first().pointer.as_str(), "#/paths", "{e}");
    assert_eq!(e.first().line, Some(3), "{e}");
    assert!(
        e.first().message.contains("invalid type: integer `7`"),
        "{e}"
    );
}

#[test]
fn members_with_a_const_tag_make_a_tagged_union() {
    // 3.1's `const` is a one-value enum after normalising, so members pinning `kind` with it
    // are told apart by it (no discriminator needed).
    let g = ok(r##"openapi: 3.1.0
info: {title: Shapes, version: "1"}
paths: {}
components:
  schemas:
    Shape:
      oneOf:
        - type: object
          required: [kind, r]
          properties:
            kind: {const: circle}
            r: {type: number}
        - type: object
          required: [kind, side]
          properties:
            kind: {const: square}
            side: {type: number}
"##);
    let models = &g.files["src/models.rs"];
    assert!(
        models.contains("Tagged by the `kind` property."),
        "{models}"
    );
    assert!(models.contains(r#"Some("circle") =>"#), "{models}");
    assert!(models.contains(r#"Some("square") =>"#), "{models}");
}

#[test]
fn item_schemas_stream_only_sequential_responses_and_say_so_elsewhere() {
    let g = ok(r#"openapi: 3.2.0
info: {title: S, version: "1"}
paths:
  /a:
    get:
      operationId: ndjson
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: array, items: {type: string}}}
            application/x-ndjson; charset=utf-8: {itemSchema: {type: string}}
  /b:
    get:
      operationId: geo
      responses:
        '200':
          description: ok
          content:
            application/geo+json-seq: {itemSchema: {type: object}}
  /c:
    get:
      operationId: mixed
      responses:
        '200':
          description: ok
          content:
            multipart/mixed:
              itemSchema: {type: string}
  /d:
    post:
      operationId: upload
      requestBody:
        content:
          application/jsonl:
            itemSchema: {type: string}
      responses:
        '200':
          description: ok
          content:
            text/event-stream:
              itemSchema: {type: object}
        '201':
          description: created
          content:
            application/json: {schema: {type: integer}}
"#);
    let client = &g.files["src/client.rs"];
    for wanted in [
        "pub fn ndjson(&self) -> ApiStream<String>",
        "crate::runtime::Sequence::JsonLines",
        "pub fn geo(&self) -> ApiStream<serde_json::Map<String, serde_json::Value>>",
        "crate::runtime::Sequence::JsonSeq",
        "pub fn mixed(&self) -> ApiCall<'a, Vec<u8>>",
    ] {
        assert!(client.contains(wanted), "{wanted}\n{client}");
    }
    assert_eq!(
        warnings(&g),
        [
            "29: #/paths/~1c/get/responses/200/content/multipart~1mixed/itemSchema: `itemSchema` (OpenAPI 3.2) is streamed only in responses of `text/event-stream`, JSON Lines and JSON text sequences: here the body is read whole as its `schema` says",
            "36: #/paths/~1d/post/requestBody/content/application~1jsonl/itemSchema: `itemSchema` (OpenAPI 3.2) is streamed only in responses of `text/event-stream`, JSON Lines and JSON text sequences: here the body is read whole as its `schema` says",
            "28: #/paths/~1c/get/responses/200/content/multipart~1mixed: response content type \"multipart/mixed\" is not known; its body is kept as bytes (`Vec<u8>`)",
            "35: #/paths/~1d/post/requestBody/content/application~1jsonl: request content type \"application/jsonl\" has no encoder in the client; the body is the caller's bytes, sent as \"application/jsonl\"",
            "42: #/paths/~1d/post/responses/200/content/text~1event-stream/itemSchema: the \"text/event-stream\" response is one of several success bodies: it is read whole, as bytes (`Vec<u8>`), not as a stream of items",
        ]
    );
}
