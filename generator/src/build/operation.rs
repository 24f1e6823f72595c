//! Paths and operations -> resources with methods, parameters, bodies and response types.

mod body;
mod media;
mod params;
mod responses;
mod samples;

use super::Builder;
use crate::error::{Located, Res};
use crate::model::{
    BodyKind, Doc, Field, ItemStream, Operation, Pagination, Param, ParamLocation, ParamsStruct,
    PathPart, Payload, Presence, Resource, Sequence, Success, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use indexmap::IndexMap;
use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response};
use std::collections::BTreeMap;

/// A resource being gathered: its operations and the method names taken on it.
struct Gathered {
    resource: Resource,
    methods: Scope,
}

/// Builds every operation, grouped by resource, and the error body type of each.
/// An operation that fails is recorded in the builder's errors and left out.
pub(super) fn build_resources(b: &mut Builder<'_>) -> (Vec<Resource>, Vec<TypeRef>) {
    let spec = b.spec;
    let mut resources: IndexMap<String, Gathered> = IndexMap::new();
    let mut accessor_scope = Scope::with_reserved(&["core", "builder", "new", "from_env"]);
    let mut error_types: Vec<TypeRef> = Vec::new();
    let method_names = method_names(spec);
    for (key, item) in spec.paths.iter() {
        let item_ptr = Pointer::root().join_all(&["paths", key]);
        let item = match item {
            ReferenceOr::Item(i) => i,
            ReferenceOr::Reference { .. } => {
                b.errors
                    .push(Located::new(item_ptr, "a $ref path item is not supported"));
                continue;
            }
        };
        for found in operations(key, item) {
            let OpAt {
                path,
                field,
                method,
                http_method,
                op,
            } = found;
            let ptr = &item_ptr.join_all(&[field]);
            let tag = tag_of(op, path);
            if !resources.contains_key(&tag) {
                let accessor = accessor_scope.claim(&naming::field_name(&tag, "api"));
                let tag_doc = spec.tags.iter().find(|t| t.name == tag);
                resources.insert(
                    tag.clone(),
                    Gathered {
                        resource: Resource {
                            type_name: b
                                .type_names
                                .claim_first_free(&naming::resource_type_names(&tag)),
                            accessor,
                            doc: tag_doc.map(tag_docs).unwrap_or_default(),
                            operations: Vec::new(),
                        },
                        methods: Scope::default(),
                    },
                );
            }
            let gathered = resources.get_mut(&tag).expect("inserted above");
            let method_name = gathered
                .methods
                .claim(&method_names[&(key.as_str(), field)]);
            let op_hint = naming::operation_hint(op.operation_id.as_deref(), &method, path);
            let input = OpInput {
                path,
                http_method,
                op,
                item,
                item_ptr: &item_ptr,
                ptr,
                op_hint: &op_hint,
                method_name,
            };
            let Some(built) = b.attempt(|b| build_operation(b, input)) else {
                continue;
            };
            error_types.push(built.1);
            resources
                .get_mut(&tag)
                .expect("inserted above")
                .resource
                .operations
                .push(built.0);
        }
    }
    (
        resources.into_values().map(|g| g.resource).collect(),
        error_types,
    )
}

/// One operation of a path item, as the build reads it.
struct OpAt<'a> {
    /// The path template it was written under.
    path: &'a str,
    /// The path item field holding it (`get`; `post` for one the normaliser placed).
    field: &'a str,
    /// Its HTTP method in lower case, for names (`get`, `query`, `link`).
    method: String,
    /// Its HTTP method as sent (`GET`, `QUERY`, `LINK`).
    http_method: String,
    op: &'a openapiv3::Operation,
}

/// The operations of the path item at `key` in `paths`. An item the 3.1/3.2 normaliser made for
/// a method 3.0 has no field for (`query`, `additionalOperations`) names the path it was written
/// under and its operation names the method (`parse::EXTRA_PATH`, `parse::EXTRA_METHOD`).
fn operations<'a>(key: &'a str, item: &'a openapiv3::PathItem) -> Vec<OpAt<'a>> {
    let path = item
        .extensions
        .get(crate::parse::EXTRA_PATH)
        .and_then(|p| p.as_str())
        .unwrap_or(key);
    item.iter()
        .map(|(field, op)| {
            let sent = op
                .extensions
                .get(crate::parse::EXTRA_METHOD)
                .and_then(|m| m.as_str())
                .map_or_else(|| field.to_uppercase(), str::to_owned);
            OpAt {
                path,
                field,
                method: sent.to_lowercase(),
                http_method: sent,
                op,
            }
        })
        .collect()
}

/// The docs of a tag's resource: its summary (OpenAPI 3.2), description, and parent tag.
fn tag_docs(tag: &openapiv3::Tag) -> Doc {
    let text = |key: &str| tag.extensions.get(key).and_then(|v| v.as_str());
    Doc {
        summary: text(crate::parse::TAG_SUMMARY).map(str::to_owned),
        description: tag.description.clone(),
        facts: text(crate::parse::TAG_PARENT)
            .map(|parent| format!("Part of the `{parent}` group."))
            .into_iter()
            .collect(),
    }
}

/// What one operation is built from.
struct OpInput<'a, 's> {
    path: &'s str,
    http_method: String,
    op: &'a openapiv3::Operation,
    item: &'a openapiv3::PathItem,
    item_ptr: &'s Pointer,
    ptr: &'s Pointer,
    op_hint: &'s str,
    method_name: String,
}

/// The resource an operation belongs to: its first tag, else its path's first literal segment.
fn tag_of(op: &openapiv3::Operation, path: &str) -> String {
    op.tags
        .first()
        .cloned()
        .or_else(|| first_literal(path))
        .unwrap_or_else(|| "default".to_owned())
}

/// The method name of every operation, by path and HTTP method: its short name
/// ([`naming::method_names`]) unless another method of its resource would read the same (by its
/// short or its full name), in which case its full name.
fn method_names(spec: &OpenAPI) -> BTreeMap<(&str, &str), String> {
    // Tag -> (path, method), full name, short name of each of its operations.
    type Named<'s> = Vec<((&'s str, &'s str), String, String)>;
    let mut by_tag: IndexMap<String, Named<'_>> = IndexMap::new();
    for (key, item) in spec.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for found in operations(key, item) {
            let op = found.op;
            let tag = tag_of(op, found.path);
            let (full, short) =
                naming::method_names(op.operation_id.as_deref(), &found.method, found.path, &tag);
            by_tag
                .entry(tag)
                .or_default()
                .push(((key.as_str(), found.field), full, short));
        }
    }
    let mut out = BTreeMap::new();
    for ops in by_tag.values() {
        for (i, (key, full, short)) in ops.iter().enumerate() {
            let alike = ops
                .iter()
                .enumerate()
                .any(|(j, (_, f, s))| j != i && (s == short || f == short));
            out.insert(*key, if alike { full.clone() } else { short.clone() });
        }
    }
    out
}

/// The first literal segment of a path: the resource of an untagged operation.
fn first_literal(path: &str) -> Option<String> {
    path.split('/')
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .map(str::to_owned)
}

/// Builds one operation and returns it with the body type of its error responses.
fn build_operation<'a>(b: &mut Builder<'a>, input: OpInput<'a, '_>) -> Res<(Operation, TypeRef)> {
    let OpInput {
        path,
        http_method,
        op,
        item,
        item_ptr,
        ptr,
        op_hint,
        method_name,
    } = input;
    let security = match &op.security {
        Some(security) => Some(b.security.requirement(security, &ptr.join("security"))?),
        None => None,
    };
    let gathered = params::gather(b, &item.parameters, &op.parameters, item_ptr, ptr)?;
    let params = params::build_params(b, &gathered, op_hint)?;
    let parts = parse_template(path, &params.path, ptr)?;
    let params_struct = if params.fields.is_empty() {
        None
    } else {
        Some(ParamsStruct {
            type_name: naming::claim_type_name(
                &mut b.type_names,
                &format!("{op_hint} Params"),
                None,
                "Op",
            ),
            params: params.fields,
        })
    };
    let body = match &op.request_body {
        None => None,
        Some(rb) => {
            let bptr = ptr.join_all(&["requestBody"]);
            let rb = resolve_request_body(b, rb, &bptr)?;
            Some(body::build_body(b, rb, &bptr, op_hint)?)
        }
    };
    let what = format!("`{http_method} {path}`");
    let responses = responses::build_responses(b, op, ptr, op_hint, &what)?;
    let mut facts = vec![what];
    if let Some(sent) = body.as_ref().and_then(|b| body_fact(&b.kind)) {
        facts.push(sent);
    }
    if let Success::Stream(stream) = &responses.success {
        facts.push(stream_fact(stream));
    }
    let doc = Doc {
        summary: op.summary.clone(),
        description: op.description.clone(),
        facts,
    };
    Ok((
        Operation {
            method_name,
            http_method,
            path: parts,
            doc,
            path_params: params.path,
            params: params_struct,
            default_headers: params.default_headers,
            body,
            response: responses.success,
            accept: responses.accept,
            pagination: None,
            deprecated: op.deprecated,
            security,
        },
        responses.error_type,
    ))
}

/// A doc line naming the content type of a body that is not plain JSON.
fn body_fact(kind: &BodyKind) -> Option<String> {
    let content_type = match kind {
        BodyKind::Json(ct) if ct == "application/json" => return None,
        BodyKind::Base64(ct) => {
            return Some(format!(
                "The body is sent as `{ct}`, base64-encoded: pass the raw bytes."
            ))
        }
        BodyKind::Json(ct) | BodyKind::Bytes(ct) | BodyKind::Text(ct) => ct.as_str(),
        BodyKind::Form(_) => "application/x-www-form-urlencoded",
        BodyKind::Multipart(_) => "multipart/form-data",
    };
    Some(format!("The body is sent as `{content_type}`."))
}

/// A doc line saying how a streamed response is read.
fn stream_fact(stream: &ItemStream) -> String {
    let each = match stream.sequence {
        Sequence::ServerSentEvents => {
            "each item is one event (its `data`, and its `event`, `id` and `retry` when set), decoded as the item type"
        }
        Sequence::JsonLines => "each item is one line's JSON value",
        Sequence::JsonSeq => "each item is one JSON text of the sequence",
    };
    format!(
        "The `{}` response is read as a stream, item by item as it arrives: {each}. A failure to send, an error status, an item that does not decode or is longer than the client's `max_response_bytes` ends the stream with an error.",
        stream.content_type
    )
}

/// Splits `/products/{id}` into literals and parameters; every `{name}` must be a path parameter.
fn parse_template(path: &str, params: &[Param], ptr: &Pointer) -> Res<Vec<PathPart>> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Located::new(ptr, format!("unclosed `{{` in path template {path:?}")))?;
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        let index = params.iter().position(|p| p.wire_name == name).ok_or_else(|| {
            Located::new(ptr, format!("path template {path:?} names `{name}`, which is not a declared path parameter"))
        })?;
        parts.push(PathPart::Param(index));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    for p in params {
        if !parts
            .iter()
            .any(|part| matches!(part, PathPart::Param(i) if params[*i].wire_name == p.wire_name))
        {
            return Err(Located::new(
                ptr,
                format!(
                    "path parameter `{}` does not appear in the path template {path:?}",
                    p.wire_name
                ),
            ));
        }
    }
    Ok(parts)
}

/// Follows a `$ref` to a component of kind `kind` (e.g. `parameters`).
fn resolve<'a, T>(
    r: &'a ReferenceOr<T>,
    kind: &str,
    lookup: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
    ptr: &Pointer,
) -> Res<&'a T> {
    let mut cur = r;
    for _ in 0..32 {
        match cur {
            ReferenceOr::Item(t) => return Ok(t),
            ReferenceOr::Reference { reference } => {
                let key = Pointer::parse(reference)
                    .ok()
                    .and_then(|p| {
                        let key = p.component_key(kind)?;
                        (p == Pointer::component(kind, &key)).then_some(key)
                    })
                    .ok_or_else(|| {
                        Located::new(
                            ptr,
                            format!(
                                "unsupported $ref {reference:?}: expected {}/...",
                                Pointer::root().join_all(&["components", kind])
                            ),
                        )
                    })?;
                cur = lookup(&key).ok_or_else(|| {
                    Located::new(
                        ptr,
                        format!("dangling $ref {reference:?}: no such component"),
                    )
                })?;
            }
        }
    }
    Err(Located::new(ptr, "$ref chain too long or circular"))
}

fn resolve_parameter<'a>(
    b: &Builder<'a>,
    p: &'a ReferenceOr<Parameter>,
    ptr: &Pointer,
) -> Res<&'a Parameter> {
    let c = b.spec.components.as_ref();
    resolve(
        p,
        "parameters",
        |k| c.and_then(|c| c.parameters.get(k)),
        ptr,
    )
}

fn resolve_request_body<'a>(
    b: &Builder<'a>,
    r: &'a ReferenceOr<RequestBody>,
    ptr: &Pointer,
) -> Res<&'a RequestBody> {
    let c = b.spec.components.as_ref();
    resolve(
        r,
        "requestBodies",
        |k| c.and_then(|c| c.request_bodies.get(k)),
        ptr,
    )
}

fn resolve_response<'a>(
    b: &Builder<'a>,
    r: &'a ReferenceOr<Response>,
    ptr: &Pointer,
) -> Res<&'a Response> {
    let c = b.spec.components.as_ref();
    resolve(r, "responses", |k| c.and_then(|c| c.responses.get(k)), ptr)
}

/// Finds the cursor-paged operations of every resource once `types` are complete. Each gets a
/// `<method>_all` stream named after every operation's own name, so an operation really called
/// `list_all` keeps that name.
pub(super) fn paginate(resources: &mut [Resource], types: &[TypeDef]) {
    for r in resources {
        let taken: Vec<String> = r.operations.iter().map(|o| o.method_name.clone()).collect();
        let mut methods =
            Scope::with_reserved(&taken.iter().map(String::as_str).collect::<Vec<_>>());
        for op in &mut r.operations {
            op.pagination = pagination(op, types, &mut methods);
        }
    }
}

/// Detects Relay-style cursor pagination: an optional string query parameter `after`, no
/// request body, and a response object with a required list and a required page info holding
/// `end_cursor` (and optionally `has_next_page`). Path parameters are passed through.
fn pagination(op: &Operation, types: &[TypeDef], methods: &mut Scope) -> Option<Pagination> {
    let cursor = cursor_param(op)?;
    let params_type = op.params.as_ref()?.type_name.clone();
    if op.body.is_some() {
        return None;
    }
    let Success::One(Payload::Json(TypeRef::Named(response))) = &op.response else {
        return None;
    };
    let fields = struct_fields(types, *response)?;
    let required = |f: &&Field| f.presence == Presence::Required;
    let items = fields
        .iter()
        .filter(required)
        .find(|f| matches!(f.ty, TypeRef::List(_)))?;
    let TypeRef::List(item_type) = &items.ty else {
        return None;
    };
    let (info, info_fields) = fields.iter().filter(required).find_map(|f| match &f.ty {
        TypeRef::Named(n) => struct_fields(types, *n)
            .filter(|ff| {
                ff.iter()
                    .any(|x| x.json_name == "end_cursor" && x.ty == TypeRef::String)
            })
            .map(|ff| (f, ff)),
        _ => None,
    })?;
    let next = info_fields.iter().find(|x| x.json_name == "end_cursor")?;
    let has_more = info_fields
        .iter()
        .find(|x| x.json_name == "has_next_page" && x.ty == TypeRef::Bool)
        .map(|x| (x.rust_name.clone(), x.presence));
    Some(Pagination {
        stream_method: methods.claim(&format!("{}_all", op.method_name)),
        params_type,
        cursor_param: cursor.rust_name.clone(),
        items_field: items.rust_name.clone(),
        item_type: (**item_type).clone(),
        page_info_field: info.rust_name.clone(),
        next_cursor: (next.rust_name.clone(), next.presence),
        has_more,
    })
}

/// The optional string query parameter `after` that a cursor-paged operation takes.
fn cursor_param(op: &Operation) -> Option<&Param> {
    op.params.as_ref()?.params.iter().find(|p| {
        p.wire_name == "after"
            && p.location == ParamLocation::Query
            && p.ty == TypeRef::String
            && !p.required
    })
}

/// The fields of type `id`, when it is a struct.
fn struct_fields(types: &[TypeDef], id: TypeId) -> Option<&[Field]> {
    match &types[id.index()].kind {
        TypeKind::Struct(f) => Some(f.as_slice()),
        _ => None,
    }
}
