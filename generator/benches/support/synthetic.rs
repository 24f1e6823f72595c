//! The large synthetic OpenAPI 3.0.3 spec shared by the `stages` bench and `cargo xtask
//! bench-peers` (both include this file with `#[path]`), so both measure the same text.

use std::fmt::Write as _;

/// Resources (tags); each has `PATHS_PER_RESOURCE` paths with two operations each.
const RESOURCES: usize = 50;
const PATHS_PER_RESOURCE: usize = 10;
/// Component schemas per resource (50 x 40 = 2,000).
const SCHEMAS_PER_RESOURCE: usize = 40;

/// Upper-camel word for resource `r` that no other resource's name is a prefix of.
fn res(r: usize) -> String {
    format!("Res{}x", letters(r))
}

/// `0 -> "A"`, `1 -> "B"`, ..., `26 -> "BA"`: digit-free, so names never collide after case conversion.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

fn schema_name(r: usize, j: usize) -> String {
    format!("{}Thing{}", res(r), letters(j))
}

/// A deterministic OpenAPI 3.0.3 YAML document: 1,000 operations, 2,000 component schemas with
/// inline objects (two levels), arrays of refs, inline and component enums, nullable
/// allOf-wrapped refs, maps, dates and formatted numbers, and unions: a `oneOf` with a
/// discriminator in each block of ten (an untagged `oneOf` of scalars in the last block) and an
/// inline `anyOf` property on every object.
pub(crate) fn synthetic_spec() -> String {
    let mut y = String::with_capacity(4 << 20);
    y.push_str(
        "openapi: 3.0.3\ninfo:\n  title: Synthetic API\n  version: \"1.0.0\"\n  x-env-prefix: SYNTH\n\
         servers:\n  - url: https://api.example.com/v1\n\
         security:\n  - bearerAuth: []\ntags:\n",
    );
    for r in 0..RESOURCES {
        let _ = writeln!(y, "  - name: {}\n    description: Resource {r}.", res(r));
    }
    y.push_str("paths:\n");
    for r in 0..RESOURCES {
        let tag = res(r);
        for p in 0..PATHS_PER_RESOURCE {
            let item = letters(p);
            let model = schema_name(r, (p * 3) % SCHEMAS_PER_RESOURCE);
            let input = schema_name(r, (p * 3 + 1) % SCHEMAS_PER_RESOURCE);
            let lower = tag.to_lowercase();
            let seg = item.to_lowercase();
            // Collection: list (query params) + create (body).
            let _ = write!(
                y,
                "  /{lower}/{seg}:\n    get:\n      tags: [{tag}]\n      operationId: list{tag}{item}\n\
                 \x20     summary: List {item}\n      parameters:\n\
                 \x20       - name: limit\n          in: query\n          schema:\n            type: integer\n            format: int32\n\
                 \x20       - name: cursor\n          in: query\n          schema:\n            type: string\n\
                 \x20       - name: order\n          in: query\n          schema:\n            type: string\n            enum: [asc, desc]\n\
                 \x20     responses:\n        \"200\":\n          description: A page.\n          content:\n            application/json:\n\
                 \x20             schema:\n                type: object\n                required: [data]\n                properties:\n\
                 \x20                 data:\n                    type: array\n                    items:\n                      $ref: '#/components/schemas/{model}'\n\
                 \x20                 next_cursor:\n                    type: string\n                    nullable: true\n\
                 \x20   post:\n      tags: [{tag}]\n      operationId: create{tag}{item}\n      summary: Create {item}\n\
                 \x20     requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n\
                 \x20             $ref: '#/components/schemas/{input}'\n\
                 \x20     responses:\n        \"201\":\n          description: Created.\n          content:\n            application/json:\n\
                 \x20             schema:\n                $ref: '#/components/schemas/{model}'\n"
            );
        }
    }
    y.push_str(
        "components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n  schemas:\n",
    );
    for r in 0..RESOURCES {
        for j in 0..SCHEMAS_PER_RESOURCE {
            let name = schema_name(r, j);
            if j % 10 == 8 {
                // A union, referenced like an object by the two schemas before it. Its members
                // are in the next block (refs only point forward, so there are no cycles).
                if j + 4 < SCHEMAS_PER_RESOURCE {
                    let (a, b) = (schema_name(r, j + 3), schema_name(r, j + 4));
                    let _ = write!(
                        y,
                        "    {name}:\n      description: Tagged union {r}/{j}.\n      oneOf:\n\
                         \x20       - $ref: '#/components/schemas/{a}'\n        - $ref: '#/components/schemas/{b}'\n\
                         \x20     discriminator:\n        propertyName: object_type\n        mapping:\n\
                         \x20         first: '#/components/schemas/{a}'\n          second: '#/components/schemas/{b}'\n"
                    );
                } else {
                    let _ = write!(
                        y,
                        "    {name}:\n      description: Untagged union {r}/{j}.\n      oneOf:\n\
                         \x20       - type: string\n        - type: integer\n          format: int64\n"
                    );
                }
                continue;
            }
            if j % 10 == 9 {
                // A component enum, referenced by the schema before it.
                let _ = write!(
                    y,
                    "    {name}:\n      type: string\n      description: Kind {j}.\n      enum: [alpha, beta, gamma_delta, epsilon]\n"
                );
                continue;
            }
            let _ = write!(
                y,
                "    {name}:\n      type: object\n      description: Synthetic model {r}/{j}.\n      required: [id, created_at, status]\n      properties:\n\
                 \x20       id:\n          type: string\n          example: obj_123\n\
                 \x20       title:\n          type: string\n          nullable: true\n          maxLength: 80\n\
                 \x20       count:\n          type: integer\n          format: int32\n\
                 \x20       amount:\n          type: number\n          format: double\n\
                 \x20       active:\n          type: boolean\n\
                 \x20       created_at:\n          type: string\n          format: date-time\n\
                 \x20       due_on:\n          type: string\n          format: date\n\
                 \x20       status:\n          type: string\n          enum: [draft, live, archived]\n\
                 \x20       labels:\n          type: array\n          items:\n            type: string\n\
                 \x20       attributes:\n          type: object\n          additionalProperties:\n            type: string\n\
                 \x20       settings:\n          type: object\n          properties:\n\
                 \x20           mode:\n              type: string\n              enum: [fast, safe]\n\
                 \x20           limits:\n              type: object\n              properties:\n\
                 \x20               max:\n                  type: integer\n\
                 \x20               min:\n                  type: integer\n                  nullable: true\n\
                 \x20       value:\n          anyOf:\n            - type: string\n            - type: number\n              format: double\n"
            );
            // Refs point only forward (no cycles): arrays of refs, a nullable allOf-wrapped ref,
            // and the component enum at the end of each block of ten.
            if j + 1 < SCHEMAS_PER_RESOURCE && (j + 1) % 10 != 9 {
                let _ = write!(
                    y,
                    "        children:\n          type: array\n          items:\n            $ref: '#/components/schemas/{}'\n\
                     \x20       parent:\n          nullable: true\n          allOf:\n            - $ref: '#/components/schemas/{}'\n",
                    schema_name(r, j + 1),
                    schema_name(r, j + 1)
                );
            }
            if j + 2 < SCHEMAS_PER_RESOURCE && (j + 2) % 10 != 9 {
                let _ = write!(
                    y,
                    "        related:\n          type: array\n          items:\n            $ref: '#/components/schemas/{}'\n",
                    schema_name(r, j + 2)
                );
            }
            let _ = write!(
                y,
                "        kind:\n          $ref: '#/components/schemas/{}'\n",
                schema_name(r, j / 10 * 10 + 9)
            );
        }
    }
    y
}
