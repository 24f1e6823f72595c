//! Whether a form body's `encoding` entries say `explode`: the 3.0 model reads an absent
//! `explode` as `false`, while OpenAPI's default is `true` for `style: form` (also when no style
//! is given) and `deepObject` is defined only with `explode: true`. Where that matters, the
//! written value is recorded on the entry as the extension [`EXPLODE`], read again from the
//! document (only the request bodies' encodings).

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, RequestBody};
use serde::Deserialize;

/// The extension key of an `encoding` entry that says `explode` (its value, a boolean). An entry
/// read as `explode: true` wrote it; one read as `false` without this key has no `explode`.
pub(crate) const EXPLODE: &str = "x-openapi-gen-explode";

#[derive(Deserialize)]
struct Doc {
    #[serde(default)]
    paths: IndexMap<String, Item>,
    #[serde(default)]
    components: Components,
}

#[derive(Deserialize, Default)]
struct Components {
    #[serde(default, rename = "requestBodies")]
    request_bodies: IndexMap<String, Body>,
}

#[derive(Deserialize)]
struct Item {
    get: Option<Op>,
    put: Option<Op>,
    post: Option<Op>,
    delete: Option<Op>,
    options: Option<Op>,
    head: Option<Op>,
    patch: Option<Op>,
    trace: Option<Op>,
}

#[derive(Deserialize)]
struct Op {
    #[serde(rename = "requestBody")]
    request_body: Option<Body>,
}

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    content: IndexMap<String, Media>,
}

#[derive(Deserialize)]
struct Media {
    #[serde(default)]
    encoding: IndexMap<String, Entry>,
}

#[derive(Deserialize)]
struct Entry {
    explode: Option<bool>,
}

/// Whether some request body's encoding entry reads `explode: false`, which may be written or
/// absent (the default is `true` for `style: form`; `deepObject` is defined only exploded).
pub(crate) fn needed(spec: &OpenAPI) -> bool {
    let body_needs = |rb: &RequestBody| {
        rb.content
            .values()
            .any(|m| m.encoding.values().any(|e| !e.explode))
    };
    let ops = spec.paths.paths.values().filter_map(ReferenceOr::as_item);
    ops.flat_map(|item| item.iter().map(|(_, op)| op))
        .filter_map(|op| op.request_body.as_ref()?.as_item())
        .chain(
            spec.components
                .iter()
                .flat_map(|c| c.request_bodies.values().filter_map(ReferenceOr::as_item)),
        )
        .any(body_needs)
}

/// Records on `spec`'s encoding entries the `explode` that `doc` (the document, read again)
/// writes. A document that does not read (it did as a whole) leaves `spec` as it is.
pub(crate) fn record<'de, D: serde::Deserializer<'de>>(spec: &mut OpenAPI, doc: D) {
    let Ok(doc) = Doc::deserialize(doc) else {
        return;
    };
    let mark = |rb: &mut RequestBody, body: &Body| {
        for (mime, media) in &body.content {
            let Some(target) = rb.content.get_mut(mime) else {
                continue;
            };
            for (name, entry) in &media.encoding {
                if let (Some(explode), Some(e)) = (entry.explode, target.encoding.get_mut(name)) {
                    e.extensions
                        .insert(EXPLODE.to_owned(), serde_json::Value::Bool(explode));
                }
            }
        }
    };
    for (path, written) in &doc.paths {
        let Some(ReferenceOr::Item(item)) = spec.paths.paths.get_mut(path) else {
            continue;
        };
        let pairs = [
            (&mut item.get, &written.get),
            (&mut item.put, &written.put),
            (&mut item.post, &written.post),
            (&mut item.delete, &written.delete),
            (&mut item.options, &written.options),
            (&mut item.head, &written.head),
            (&mut item.patch, &written.patch),
            (&mut item.trace, &written.trace),
        ];
        for (op, written) in pairs {
            let (
                Some(op),
                Some(Op {
                    request_body: Some(body),
                }),
            ) = (op, written)
            else {
                continue;
            };
            if let Some(ReferenceOr::Item(rb)) = &mut op.request_body {
                mark(rb, body);
            }
        }
    }
    if let Some(components) = &mut spec.components {
        for (name, body) in &doc.components.request_bodies {
            if let Some(ReferenceOr::Item(rb)) = components.request_bodies.get_mut(name) {
                mark(rb, body);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explodes(text: &str) -> Vec<(String, Option<bool>)> {
        let mut spec: OpenAPI = serde_yaml::from_str(text).unwrap();
        assert!(needed(&spec));
        record(&mut spec, serde_yaml::Deserializer::from_str(text));
        let body = spec.paths.paths["/a"]
            .as_item()
            .unwrap()
            .post
            .as_ref()
            .unwrap();
        let rb = body.request_body.as_ref().unwrap().as_item().unwrap();
        rb.content["application/x-www-form-urlencoded"]
            .encoding
            .iter()
            .map(|(k, e)| {
                (
                    k.clone(),
                    e.extensions.get(EXPLODE).and_then(|v| v.as_bool()),
                )
            })
            .collect()
    }

    #[test]
    fn written_explode_is_recorded_and_absent_stays_absent() {
        let text = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object}
            encoding:
              ids: {style: form, explode: false}
              tags: {style: form}
              more: {explode: true}
      responses: {"204": {description: ok}}
"#;
        assert_eq!(
            explodes(text),
            [
                ("ids".to_owned(), Some(false)),
                ("tags".to_owned(), None),
                ("more".to_owned(), Some(true)),
            ]
        );
    }
}
