//! Parameters named more than once: a path template repeating `{id}`, and operation-level
//! parameters overriding path-level ones (duplicates within one list are refused: see
//! `tests/specs/bad/op_param_duplicate*.yaml`).

use openapi_gen::{generate, Settings};

fn client_of(spec: &str) -> String {
    let generated = generate(spec, &Settings::new("params", "params.yaml")).expect("generates");
    generated.files["src/client.rs"].clone()
}

#[test]
fn a_path_template_repeating_a_parameter_writes_it_at_each_place() {
    let client = client_of(
        r#"openapi: 3.0.3
info: {title: Twice, version: "1"}
paths:
  /a/{id}/b/{id}:
    get:
      operationId: getTwice
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "204": {description: none}
"#,
    );
    let body = &client[client
        .find("pub fn get_twice(&self, id: i64)")
        .expect("one `id` argument")..];
    let body = &body[..body.find("Call::new").expect("the call")];
    assert_eq!(
        body.matches("req.path_styled(\"id\", &id,").count(),
        2,
        "{body}"
    );
    assert!(!body.contains("id2"), "{body}");
}

#[test]
fn operation_parameters_override_path_parameters_of_the_same_name_and_place() {
    let client = client_of(
        r#"openapi: 3.0.3
info: {title: Override, version: "1"}
paths:
  /things:
    parameters:
      - {name: X-Mode, in: header, schema: {type: string, default: path}}
      - {name: mode, in: query, schema: {type: string}}
    get:
      operationId: listThings
      parameters:
        - {name: x-mode, in: header, schema: {type: string, default: operation}}
        - {name: mode, in: header, schema: {type: string, default: header}}
      responses:
        "204": {description: none}
"#,
    );
    assert!(
        client.contains(r#"req.header("x-mode", "operation");"#),
        "{client}"
    );
    assert!(
        !client.contains(r#""path""#),
        "the path-level header is overridden: {client}"
    );
    assert!(
        client.contains(r#"req.header("mode", "header");"#),
        "{client}"
    );
    assert!(
        client.contains(r#"req.query("mode""#),
        "a query `mode` is another parameter: {client}"
    );
}
