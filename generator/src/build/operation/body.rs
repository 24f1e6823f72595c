//! Request bodies: which content type is sent and how (JSON, form, multipart, bytes, text).

use super::super::{schema, Builder, SchemaRef};
use super::media::{classify, MediaClass};
use super::samples::{self, Fill};
use crate::error::{Located, Res};
use crate::model::{
    Body, BodyKind, BodySamples, Doc, FormEncoding, Limits, MultipartForm, ParamStyle, PartField,
    PartKind, TypeRef,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use openapiv3::{MediaType, QueryStyle, RequestBody, SchemaKind, StringFormat, Type};

/// Order of preference when a body offers several content types: JSON first.
const PREFERENCE: [MediaClass; 6] = [
    MediaClass::Json,
    MediaClass::Form,
    MediaClass::Multipart,
    MediaClass::Bytes,
    MediaClass::Base64,
    MediaClass::Text,
];

/// Builds the body of an operation from its (resolved) request body at `ptr`.
pub(super) fn build_body<'a>(
    b: &mut Builder<'a>,
    rb: &'a RequestBody,
    ptr: &Pointer,
    op_hint: &str,
) -> Res<Body> {
    let (mime, media, class) = choose(b, rb, ptr)?;
    let mptr = ptr.join_all(&["content", mime]);
    if !media.encoding.is_empty() && class != MediaClass::Form {
        b.warnings.push(Located::warning(
            "encoding-not-applied",
            mptr.join_all(&["encoding"]),
            "`encoding` is not applied: each part or field is written the default way for its \
             schema (files as their `FilePart` content type or application/octet-stream, \
             scalars as text, other values as JSON)",
        ));
    }
    let sptr = &mptr.join_all(&["schema"]);
    let schema = media.schema.as_ref().map(SchemaRef::from);
    let hint = format!("{op_hint} Request");
    let (ty, kind) = match class {
        MediaClass::Json => (
            type_or_json(b, schema, &hint, sptr)?,
            BodyKind::Json(mime.to_owned()),
        ),
        MediaClass::Form => {
            let object = match schema {
                Some(s) => is_object(b, s, sptr)?,
                None => false,
            };
            let (Some(schema), true) = (schema, object) else {
                return Err(Located::new(
                    mptr,
                    "a form-urlencoded body needs an object schema",
                ));
            };
            (
                b.type_of(schema, &hint, sptr)?,
                BodyKind::Form(form_encodings(b, media, &mptr)),
            )
        }
        MediaClass::Multipart => {
            let form = multipart_form(b, schema, &hint, sptr, &mptr)?;
            (TypeRef::Unit, BodyKind::Multipart(form))
        }
        MediaClass::Bytes => (TypeRef::Unit, BodyKind::Bytes(mime.to_owned())),
        MediaClass::Base64 => (TypeRef::Unit, BodyKind::Base64(mime.to_owned())),
        MediaClass::Text => (TypeRef::String, BodyKind::Text(mime.to_owned())),
        // (`Stream` is only ever a response's class.)
        MediaClass::Unknown | MediaClass::Stream => {
            // `*/*` and other ranges are not a content type to send: octet-stream stands in.
            let sent = if mime.contains('*') {
                "application/octet-stream"
            } else {
                mime
            };
            b.warnings.push(Located::warning(
                "request-content-type-as-bytes",
                &mptr,
                format!(
                    "request content type {mime:?} has no encoder in the client; the body is \
                     the caller's bytes, sent as {sent:?}"
                ),
            ));
            (TypeRef::Unit, BodyKind::Bytes(sent.to_owned()))
        }
    };
    let built = |fill| match schema {
        Some(s) => samples::of_schema(b, s, sptr, fill),
        None if matches!(kind, BodyKind::Json(_) | BodyKind::Form(_)) => Ok(serde_json::json!({})),
        None => Ok(serde_json::Value::String("sample".to_owned())),
    };
    let samples = if class == MediaClass::Unknown && !mime.contains('*') {
        let why =
            format!("the body is the caller's bytes of {mime:?}, which the tests cannot write");
        BodySamples {
            required: Err(why.clone()),
            all: Err(why),
        }
    } else {
        BodySamples {
            required: built(Fill::Required),
            all: match samples::example(b, media.example.as_ref(), &media.examples) {
                Some(example) => Ok(example),
                None => built(Fill::All),
            },
        }
    };
    Ok(Body {
        samples,
        ty,
        kind,
        required: rb.required,
        validate: false,
        doc: Doc {
            summary: None,
            description: rb.description.clone(),
            facts: Vec::new(),
        },
    })
}

/// How the properties of a form body that have an `encoding` entry are written. An entry with a
/// `style`, `explode` or `allowReserved` is written in that style (`form` when only `explode` or
/// `allowReserved` is given; `explode` defaults to `true` for `form`, else `false`); one with
/// only `contentType: application/json` (or `*+json`) as JSON text; any other entry changes
/// nothing (the runtime's default for a property: scalars and lists of scalars as `form` writes
/// them, objects and lists of objects in brackets, which OpenAPI's default leaves undefined).
fn form_encodings(b: &mut Builder<'_>, media: &MediaType, mptr: &Pointer) -> Vec<FormEncoding> {
    let mut out = Vec::new();
    for (name, e) in &media.encoding {
        let written_explode = e
            .extensions
            .get(crate::parse::EXPLODE)
            .and_then(serde_json::Value::as_bool)
            // Read as `true`, it was written (absent reads as `false`).
            .or(e.explode.then_some(true));
        let style = match e.style {
            Some(QueryStyle::Form) => ParamStyle::Form,
            Some(QueryStyle::SpaceDelimited) => ParamStyle::SpaceDelimited,
            Some(QueryStyle::PipeDelimited) => ParamStyle::PipeDelimited,
            Some(QueryStyle::DeepObject) => ParamStyle::DeepObject,
            None if written_explode.is_some() || e.allow_reserved => ParamStyle::Form,
            None => {
                let json = e
                    .content_type
                    .as_deref()
                    .is_some_and(|ct| super::media::is_json(&super::media::essence(ct)));
                if json {
                    out.push(FormEncoding {
                        name: name.clone(),
                        style: ParamStyle::Json,
                        explode: false,
                        allow_reserved: false,
                    });
                }
                continue;
            }
        };
        let explode = written_explode.unwrap_or(style == ParamStyle::Form);
        if style == ParamStyle::DeepObject && !explode {
            let at = mptr.join_all(&["encoding", name]);
            b.warnings
                .push(super::params::deep_object_not_exploded(&at));
        }
        out.push(FormEncoding {
            name: name.clone(),
            style,
            explode,
            allow_reserved: e.allow_reserved,
        });
    }
    out
}

/// The content type to send and its class: the first of [`PREFERENCE`] the body offers (spec
/// order within a kind), else its first content type (`Unknown`: sent as bytes).
fn choose<'a>(
    b: &Builder<'a>,
    rb: &'a RequestBody,
    ptr: &Pointer,
) -> Res<(&'a str, &'a MediaType, MediaClass)> {
    let mut classes = Vec::new();
    for (mime, media) in &rb.content {
        let mptr = ptr.join_all(&["content", mime]);
        let class = classify(b, mime, media.schema.as_ref().map(SchemaRef::from), &mptr)?;
        classes.push((class, mime.as_str(), media));
    }
    for want in PREFERENCE {
        if let Some((_, mime, media)) = classes.iter().find(|(c, _, _)| *c == want) {
            return Ok((mime, media, want));
        }
    }
    match classes.first() {
        // Only types the client has no encoder for: the caller's bytes are sent as they are.
        Some(&(_, mime, media)) => Ok((mime, media, MediaClass::Unknown)),
        None => Err(Located::new(
            ptr.join_all(&["content"]),
            "a request body without any content type cannot be sent",
        )),
    }
}

/// The type of a schema, or any JSON when there is none.
fn type_or_json<'a>(
    b: &mut Builder<'a>,
    schema: Option<SchemaRef<'a>>,
    hint: &str,
    ptr: &Pointer,
) -> Res<TypeRef> {
    match schema {
        Some(s) => b.type_of(s, hint, ptr),
        None => Ok(TypeRef::Json),
    }
}

fn is_object<'a>(b: &Builder<'a>, schema: SchemaRef<'a>, ptr: &Pointer) -> Res<bool> {
    super::params::is_object(b, schema, ptr)
}

/// Whether `schema` is `type: string, format: binary`.
pub(super) fn is_binary<'a>(b: &Builder<'a>, schema: SchemaRef<'a>, ptr: &Pointer) -> Res<bool> {
    Ok(string_format(b, schema, ptr)? == Some(StringFormat::Binary))
}

/// The known `format` of a `type: string` schema.
pub(super) fn string_format<'a>(
    b: &Builder<'a>,
    schema: SchemaRef<'a>,
    ptr: &Pointer,
) -> Res<Option<StringFormat>> {
    Ok(match &b.target(schema, ptr)?.schema_kind {
        SchemaKind::Type(Type::String(st)) => match &st.format {
            openapiv3::VariantOrUnknownOrEmpty::Item(f) => Some(*f),
            _ => None,
        },
        _ => None,
    })
}

/// Whether `schema` is a scalar (string, number, integer, boolean), written as text.
fn is_scalar<'a>(b: &Builder<'a>, schema: SchemaRef<'a>, ptr: &Pointer) -> Res<bool> {
    Ok(matches!(
        &b.target(schema, ptr)?.schema_kind,
        SchemaKind::Type(Type::String(_) | Type::Number(_) | Type::Integer(_) | Type::Boolean(_))
    ))
}

/// The form type of a multipart body: one field per property of its object schema.
fn multipart_form<'a>(
    b: &mut Builder<'a>,
    schema: Option<SchemaRef<'a>>,
    hint: &str,
    sptr: &Pointer,
    mptr: &Pointer,
) -> Res<MultipartForm> {
    let not_object = || {
        Located::new(
            mptr,
            "a multipart/form-data body needs an object schema with properties",
        )
    };
    let schema = schema.ok_or_else(not_object)?;
    let s = b.target(schema, sptr)?;
    let (properties, required) = match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
        SchemaKind::Any(a) if !a.properties.is_empty() => (&a.properties, &a.required),
        _ => return Err(not_object()),
    };
    if properties.is_empty() {
        return Err(not_object());
    }
    let title = s.schema_data.title.as_deref();
    let type_name = naming::claim_type_name(&mut b.type_names, hint, title, "Form");
    let mut scope = Scope::default();
    let mut fields = Vec::new();
    for (name, prop) in properties {
        let pptr = sptr.join_all(&["properties", name]);
        let prop = SchemaRef::from(prop);
        let items = match &b.target(prop, &pptr)?.schema_kind {
            SchemaKind::Type(Type::Array(a)) => a.items.as_ref().map(SchemaRef::from),
            _ => None,
        };
        let iptr = &pptr.join_all(&["items"]);
        let mut limits = Limits::default();
        let kind = if is_binary(b, prop, &pptr)? {
            PartKind::File
        } else if items.is_some_and(|i| is_binary(b, i, iptr).unwrap_or(false)) {
            PartKind::Files
        } else {
            let field_hint = format!("{type_name} {name}");
            let ty = b.type_of(prop, &field_hint, &pptr)?;
            let scalar_items = match items {
                Some(i) => is_scalar(b, i, iptr)?,
                None => false,
            };
            if let SchemaRef::Item(inline) = prop {
                limits = schema::limits(inline, &ty, &pptr, &mut b.warnings);
            }
            if is_scalar(b, prop, &pptr)? || scalar_items {
                PartKind::Text(ty)
            } else {
                PartKind::Json(ty)
            }
        };
        let data = &b.target(prop, &pptr)?.schema_data;
        let doc = Doc {
            summary: data.title.clone(),
            description: data.description.clone(),
            facts: Vec::new(),
        };
        fields.push(PartField {
            wire_name: name.clone(),
            rust_name: scope.claim(&naming::field_name(name, "part")),
            doc,
            required: required.contains(name),
            kind,
            limits,
            validated: false,
        });
    }
    Ok(MultipartForm {
        type_name,
        doc: Doc {
            summary: s.schema_data.title.clone(),
            description: s.schema_data.description.clone(),
            facts: vec!["Sent as `multipart/form-data`, one part per field.".to_owned()],
        },
        fields,
    })
}
