//! Responses: what a success decodes into (one body, or an enum by status) and the error body.

use super::super::{Builder, SchemaRef};
use super::media::{classify, MediaClass};
use crate::error::{Located, Res};
use crate::model::{
    Doc, ItemStream, Payload, ResponseEnum, ResponseVariant, StatusMatch, Success, TypeRef,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use openapiv3::{MediaType, ReferenceOr, Response, Schema, SchemaKind, StatusCode, Type};

/// The responses of one operation, built.
pub(super) struct Responses {
    /// What a success decodes into.
    pub success: Success,
    /// The `Accept` header when a success body is not JSON.
    pub accept: Option<String>,
    /// The error body type (`Json` when the error responses differ).
    pub error_type: TypeRef,
}

/// One documented success response with its chosen content.
struct Entry<'a> {
    status: StatusMatch,
    /// The chosen content type and its media object, `None` without content.
    media: Option<(&'a str, &'a MediaType)>,
    class: MediaClass,
    /// Pointer of the chosen media object (or the response when it has none).
    ptr: Pointer,
    description: String,
}

impl Entry<'_> {
    /// Entries with the same key decode to the same Rust type: same body kind and, for JSON,
    /// the same `$ref` or an identical inline schema.
    fn key(&self) -> String {
        match (self.class, self.media) {
            (_, None) => "empty".to_owned(),
            (MediaClass::Json, Some((_, media))) => {
                let schema = serde_json::to_string(&media.schema).unwrap_or_default();
                format!("json {schema}")
            }
            (MediaClass::Stream, Some((mime, media))) => {
                let schema = serde_json::to_string(&media.schema).unwrap_or_default();
                format!("stream {} {schema}", super::media::essence(mime))
            }
            (class, _) => format!("{class:?}"),
        }
    }
}

/// Builds the success and error sides of `op`'s responses; `what` names the operation in docs.
pub(super) fn build_responses<'a>(
    b: &mut Builder<'a>,
    op: &'a openapiv3::Operation,
    ptr: &Pointer,
    op_hint: &str,
    what: &str,
) -> Res<Responses> {
    let rptr = ptr.join_all(&["responses"]);
    let has_2xx = op.responses.responses.keys().any(is_success_code);
    let all = op
        .responses
        .responses
        .iter()
        .map(|(c, r)| (Some(c), r))
        .chain(op.responses.default.iter().map(|r| (None, r)));
    let mut entries = Vec::new();
    let mut errors: Vec<TypeRef> = Vec::new();
    for (code, resp) in all {
        let (key, status) = match code {
            Some(StatusCode::Code(c)) => (c.to_string(), StatusMatch::Code(*c)),
            Some(StatusCode::Range(r)) => (format!("{r}XX"), StatusMatch::Range(*r)),
            None => ("default".to_owned(), StatusMatch::Default),
        };
        let cptr = &rptr.join_all(&[&key]);
        let resp = super::resolve_response(b, resp, cptr)?;
        check_headers(b, resp, cptr)?;
        let success = match code {
            Some(c) => is_success_code(c),
            None => !has_2xx,
        };
        if success {
            entries.push(entry(b, resp, status, cptr)?);
        } else {
            let ty = error_body(b, resp, cptr, op_hint)?;
            if let Some(ty) = ty.filter(|t| !errors.contains(t)) {
                errors.push(ty);
            }
        }
    }
    let error_type = match errors.as_slice() {
        [one] => one.clone(),
        _ => TypeRef::Json,
    };
    let mut keys: Vec<String> = entries.iter().map(Entry::key).collect();
    keys.sort();
    keys.dedup();
    let success = if keys.len() <= 1 {
        match entries.first() {
            Some(e) if e.class == MediaClass::Stream => stream(b, e, op_hint)?,
            Some(e) => Success::One(payload(b, e, &format!("{op_hint} Response"))?),
            None => Success::One(Payload::Empty),
        }
    } else {
        let type_name = naming::claim_type_name(
            &mut b.type_names,
            &format!("{op_hint} Response"),
            None,
            "Op",
        );
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for e in &entries {
            let rust_name = scope.claim(&variant_name(e.status));
            let hint = format!("{type_name} {rust_name}");
            variants.push(ResponseVariant {
                payload: payload(b, e, &hint)?,
                rust_name,
                status: e.status,
                doc: Doc {
                    summary: None,
                    description: Some(e.description.clone()).filter(|d| !d.trim().is_empty()),
                    facts: vec![status_fact(e.status)],
                },
            });
        }
        Success::Enum(ResponseEnum {
            type_name,
            doc: Doc {
                summary: Some(format!("A successful response of {what}, by status.")),
                description: None,
                facts: Vec::new(),
            },
            variants,
        })
    };
    let non_json = entries.iter().any(|e| {
        matches!(
            e.class,
            MediaClass::Text | MediaClass::Bytes | MediaClass::Base64 | MediaClass::Stream
        ) && e.media.is_some()
    });
    let accept = if non_json {
        let mut mimes: Vec<&str> = Vec::new();
        for (mime, _) in entries.iter().filter_map(|e| e.media) {
            if !mimes.contains(&mime) {
                mimes.push(mime);
            }
        }
        Some(mimes.join(", "))
    } else {
        None
    };
    Ok(Responses {
        success,
        accept,
        error_type,
    })
}

fn is_success_code(code: &StatusCode) -> bool {
    match code {
        StatusCode::Code(c) => (200..300).contains(c),
        StatusCode::Range(r) => *r == 2,
    }
}

/// The variant name of a status: its reason phrase where it has a common one.
fn variant_name(status: StatusMatch) -> String {
    let raw = match status {
        StatusMatch::Code(200) => "ok".to_owned(),
        StatusMatch::Code(201) => "created".to_owned(),
        StatusMatch::Code(202) => "accepted".to_owned(),
        StatusMatch::Code(203) => "non authoritative information".to_owned(),
        StatusMatch::Code(204) => "no content".to_owned(),
        StatusMatch::Code(205) => "reset content".to_owned(),
        StatusMatch::Code(206) => "partial content".to_owned(),
        StatusMatch::Code(207) => "multi status".to_owned(),
        StatusMatch::Code(c) => format!("status {c}"),
        StatusMatch::Range(r) => format!("other {r}xx"),
        StatusMatch::Default => "default".to_owned(),
    };
    naming::variant_name(&raw, "Status")
}

fn status_fact(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(c) => format!("Status {c}."),
        StatusMatch::Range(r) => format!("Any other {r}xx status."),
        StatusMatch::Default => "Any other success status.".to_owned(),
    }
}

/// Chooses the content of a success response: JSON, else text, else bytes, else base64
/// (a non-JSON type whose schema is `format: byte`); a body of only
/// unknown content types is kept as bytes, with a warning.
fn entry<'a>(
    b: &mut Builder<'a>,
    resp: &'a Response,
    status: StatusMatch,
    cptr: &Pointer,
) -> Res<Entry<'a>> {
    let mut found: Vec<(MediaClass, &'a str, &'a MediaType)> = Vec::new();
    for (mime, media) in &resp.content {
        let mptr = cptr.join_all(&["content", mime]);
        let class = if media.extensions.contains_key(crate::parse::ITEM_SCHEMA) {
            MediaClass::Stream
        } else {
            classify(b, mime, media.schema.as_ref().map(SchemaRef::from), &mptr)?
        };
        found.push((class, mime, media));
    }
    let description = resp.description.clone();
    if found.is_empty() {
        return Ok(Entry {
            status,
            media: None,
            class: MediaClass::Unknown,
            ptr: cptr.to_owned(),
            description,
        });
    }
    for want in [
        MediaClass::Stream,
        MediaClass::Json,
        MediaClass::Text,
        MediaClass::Bytes,
        MediaClass::Base64,
    ] {
        if let Some((class, mime, media)) = found.iter().find(|(c, _, _)| *c == want) {
            return Ok(Entry {
                status,
                media: Some((mime, media)),
                class: *class,
                ptr: cptr.join_all(&["content", mime]),
                description,
            });
        }
    }
    // Only unknown content types: the raw bytes are a faithful fallback.
    let (_, mime, media) = found[0];
    let ptr = cptr.join_all(&["content", mime]);
    b.warnings.push(Located::warning(
        "response-content-type-as-bytes",
        &ptr,
        format!(
            "response content type {mime:?} is not known; its body is kept as bytes (`Vec<u8>`)"
        ),
    ));
    Ok(Entry {
        status,
        media: Some((mime, media)),
        class: MediaClass::Bytes,
        ptr,
        description,
    })
}

/// The stream of typed items of a success entry of class `Stream`: the normaliser wrote its
/// `itemSchema` as the `items` of an array `schema`.
fn stream<'a>(b: &mut Builder<'a>, e: &Entry<'a>, op_hint: &str) -> Res<Success> {
    let Some((mime, media)) = e.media else {
        return Ok(Success::One(Payload::Empty));
    };
    let sptr = e.ptr.join_all(&["schema", "items"]);
    let items = match &media.schema {
        Some(ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::Array(array)),
            ..
        })) => array.items.as_ref(),
        _ => None,
    };
    let item = match items {
        Some(items) => b.type_of(items.into(), &format!("{op_hint} Item"), &sptr)?,
        None => TypeRef::Json,
    };
    let sequence = crate::model::Sequence::of_content_type(mime)
        .ok_or_else(|| Located::new(&e.ptr, format!("{mime:?} is not a sequential media type")))?;
    Ok(Success::Stream(ItemStream {
        item,
        sequence,
        content_type: mime.to_owned(),
    }))
}

/// The Rust payload of a success entry; inline JSON schemas are named from `hint`.
fn payload<'a>(b: &mut Builder<'a>, e: &Entry<'a>, hint: &str) -> Res<Payload> {
    Ok(match (e.class, e.media) {
        (_, None) => Payload::Empty,
        (MediaClass::Stream, Some((mime, _))) => {
            b.warnings.push(Located::warning(
                "stream-read-whole",
                e.ptr.join("itemSchema"),
                format!("the {mime:?} response is one of several success bodies: it is read whole, as bytes (`Vec<u8>`), not as a stream of items"),
            ));
            Payload::Bytes
        }
        (MediaClass::Json, Some((_, media))) => match &media.schema {
            Some(s) => Payload::Json(b.type_of(s.into(), hint, &e.ptr.join_all(&["schema"]))?),
            None => Payload::Json(TypeRef::Json),
        },
        (MediaClass::Text, _) => Payload::Text,
        (MediaClass::Base64, _) => Payload::Base64,
        _ => Payload::Bytes,
    })
}

/// The JSON body type of an error response (`Unit` when it has no content, `None` when its
/// content is not JSON: such bodies are kept as text in the error).
fn error_body<'a>(
    b: &mut Builder<'a>,
    resp: &'a Response,
    cptr: &Pointer,
    op_hint: &str,
) -> Res<Option<TypeRef>> {
    if resp.content.is_empty() {
        return Ok(Some(TypeRef::Unit));
    }
    for (mime, media) in &resp.content {
        let mptr = cptr.join_all(&["content", mime]);
        let schema = media.schema.as_ref().map(SchemaRef::from);
        if classify(b, mime, schema, &mptr)? == MediaClass::Json {
            return Ok(Some(match schema {
                Some(s) => b.type_of(
                    s,
                    &format!("{op_hint} Error Response"),
                    &mptr.join_all(&["schema"]),
                )?,
                None => TypeRef::Json,
            }));
        }
    }
    Ok(None)
}

/// Every response header must be defined inline or by a `$ref` that resolves.
fn check_headers<'a>(b: &Builder<'a>, resp: &'a Response, cptr: &Pointer) -> Res<()> {
    let headers = b.spec.components.as_ref().map(|c| &c.headers);
    for (name, header) in &resp.headers {
        let hptr = cptr.join_all(&["headers", name]);
        super::resolve(header, "headers", |k| headers.and_then(|h| h.get(k)), &hptr)?;
    }
    Ok(())
}
