//! Parameters: path, query and header, with their `style` and `explode`.

use super::super::{docs, Builder, SchemaRef};
use super::samples::{self, Fill};
use crate::error::{Located, Res};
use crate::model::{Doc, Param, ParamLocation, ParamStyle, TypeRef};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use openapiv3::{
    HeaderStyle, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr,
    SchemaKind, Type,
};

/// Header parameters the spec says to ignore (the client sets them itself).
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// The parameters of one operation, sorted by where they go.
#[derive(Default)]
pub(super) struct Params {
    /// Path parameters, in declaration order.
    pub path: Vec<Param>,
    /// Query and header parameters the caller sets.
    pub fields: Vec<Param>,
    /// Header parameters sent with their spec default.
    pub default_headers: Vec<(String, String)>,
}

/// Builds the parameters `params` (resolved, each with its pointer).
pub(super) fn build_params<'a>(
    b: &mut Builder<'a>,
    params: &[(&'a Parameter, Pointer)],
    op_hint: &str,
) -> Res<Params> {
    let mut arg_scope =
        Scope::with_reserved(&["self", "body", "params", "req", "this", "cursor", "page"]);
    let mut field_scope = Scope::default();
    let mut out = Params::default();
    let mut query_string: Option<&Pointer> = None;
    for (p, pptr) in params {
        let data = p.parameter_data_ref();
        if data.extensions.contains_key(crate::parse::QUERYSTRING) {
            if let Some(first) = query_string {
                return Err(Located::new(
                    pptr,
                    format!("an operation has at most one `in: querystring` parameter; another is declared at {first}"),
                ));
            }
            query_string = Some(pptr);
            let param = query_string_param(b, data, pptr, op_hint, &mut field_scope)?;
            out.fields.push(param);
            continue;
        }
        let (schema, sptr, json) = match &data.format {
            ParameterSchemaOrContent::Schema(s) => {
                (SchemaRef::from(s), pptr.join_all(&["schema"]), false)
            }
            ParameterSchemaOrContent::Content(content) => {
                let (schema, sptr) = json_content(content, pptr)?;
                (schema, sptr, true)
            }
        };
        if matches!(p, Parameter::Header { .. })
            && IGNORED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str())
        {
            continue;
        }
        let hint = format!("{op_hint} {}", data.name);
        let ty = b.type_of(schema, &hint, &sptr)?;
        let is_object = is_object(b, schema, &sptr)?;
        let (location, style, explode_default) = match p {
            Parameter::Path { style, .. } => {
                let style = match style {
                    PathStyle::Simple => ParamStyle::Simple,
                    PathStyle::Label => ParamStyle::Label,
                    PathStyle::Matrix => ParamStyle::Matrix,
                };
                (ParamLocation::Path, style, false)
            }
            Parameter::Query { style, .. } => {
                let style = match style {
                    QueryStyle::Form => ParamStyle::Form,
                    QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParamStyle::DeepObject,
                };
                (ParamLocation::Query, style, style == ParamStyle::Form)
            }
            Parameter::Header { style, .. } => {
                let HeaderStyle::Simple = style;
                if let (SchemaRef::Item(s), false) = (schema, json) {
                    if let Some(default) = &s.schema_data.default {
                        let value = match default {
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        out.default_headers.push((data.name.clone(), value));
                        continue;
                    }
                }
                (ParamLocation::Header, ParamStyle::Simple, false)
            }
            Parameter::Cookie { .. } => {
                return Err(Located::new(pptr, "cookie parameters are not supported"))
            }
        };
        let style = if json { ParamStyle::Json } else { style };
        check_shape(&ty, style, pptr)?;
        // `deepObject` on a value that is not an object (Stripe's `expand` lists, `created`
        // integer-or-range unions) is written by the value's shape, as the runtime's
        // `Style::DeepObject` does for objects: list items indexed (`name[0]=a`), a single
        // value as `name=value` (OpenAPI defines the style for objects only; servers that use
        // it so read exactly that). Only `explode: false` (written, or by default), which
        // OpenAPI leaves undefined for the style, is warned about.
        if style == ParamStyle::DeepObject && !data.explode.unwrap_or(false) {
            b.warnings.push(deep_object_not_exploded(pptr));
        }
        let base = naming::field_name(&data.name, "param");
        // A styled list writes nothing when empty, so an optional one needs no `Option`; a
        // JSON-encoded one would send `[]`.
        let empty_is_absent = !(data.required || location == ParamLocation::Path)
            && style != ParamStyle::Json
            && matches!(ty, TypeRef::List(_));
        let sample = match samples::example(b, data.example.as_ref(), &data.examples) {
            Some(example) => Ok(example),
            None => samples::of_schema(b, schema, &sptr, Fill::All),
        };
        let param = Param {
            sample,
            wire_name: data.name.clone(),
            rust_name: if location == ParamLocation::Path {
                arg_scope.claim(&base)
            } else {
                field_scope.claim(&base)
            },
            location,
            ty,
            required: data.required || location == ParamLocation::Path,
            doc: Doc {
                summary: None,
                description: data.description.clone(),
                facts: data
                    .example
                    .iter()
                    .map(|e| format!("Example: `{}`", docs::compact(e)))
                    .collect(),
            },
            explode: !json && data.explode.unwrap_or(explode_default),
            is_object,
            empty_is_absent,
            style,
        };
        if location == ParamLocation::Path {
            out.path.push(param);
        } else {
            out.fields.push(param);
        }
    }
    if let Some(at) = query_string {
        if let Some(q) = out
            .fields
            .iter()
            .find(|p| p.location == ParamLocation::Query)
        {
            return Err(Located::new(
                at,
                format!(
                    "an `in: querystring` parameter is the whole query string: the query parameter `{}` of the same operation has no place beside it",
                    q.wire_name
                ),
            ));
        }
    }
    Ok(out)
}

/// An `in: querystring` parameter (OpenAPI 3.2): the whole query string as one typed value,
/// written as a form (`application/x-www-form-urlencoded` with an object schema) or as JSON
/// text; other media types have no writer.
fn query_string_param<'a>(
    b: &mut Builder<'a>,
    data: &'a openapiv3::ParameterData,
    pptr: &Pointer,
    op_hint: &str,
    field_scope: &mut Scope,
) -> Res<Param> {
    let cptr = pptr.join_all(&["content"]);
    let ParameterSchemaOrContent::Content(content) = &data.format else {
        return Err(Located::new(
            pptr,
            "an `in: querystring` parameter must describe the query string with `content`",
        ));
    };
    let mut entries = content.iter();
    let (Some((mime, media)), None) = (entries.next(), entries.next()) else {
        return Err(Located::new(
            cptr,
            "an `in: querystring` parameter's `content` must hold exactly one media type",
        ));
    };
    let mptr = cptr.join_all(&[mime]);
    let Some(schema) = &media.schema else {
        return Err(Located::new(
            mptr,
            "an `in: querystring` parameter's media type needs a schema",
        ));
    };
    let sptr = mptr.join_all(&["schema"]);
    let schema = SchemaRef::from(schema);
    let essence = super::media::essence(mime);
    let is_object = is_object(b, schema, &sptr)?;
    let style = if super::media::is_json(&essence) {
        ParamStyle::Json
    } else if essence == "application/x-www-form-urlencoded" && is_object {
        ParamStyle::Form
    } else {
        return Err(Located::new(
            mptr,
            format!("an `in: querystring` parameter of {mime:?} cannot be written: the client writes the query string from an object as `application/x-www-form-urlencoded`, or from any value as JSON"),
        ));
    };
    let ty = b.type_of(schema, &format!("{op_hint} {}", data.name), &sptr)?;
    let sample = match samples::example(b, media.example.as_ref(), &media.examples) {
        Some(example) => Ok(example),
        None => samples::of_schema(b, schema, &sptr, Fill::All),
    };
    Ok(Param {
        sample,
        wire_name: data.name.clone(),
        rust_name: field_scope.claim(&naming::field_name(&data.name, "param")),
        location: ParamLocation::QueryString,
        ty,
        required: data.required,
        doc: Doc {
            summary: None,
            description: data.description.clone(),
            facts: vec![format!("The whole query string, written as `{mime}`.")],
        },
        style,
        explode: false,
        is_object,
        empty_is_absent: false,
    })
}

/// The schema of a parameter's `content`, which must be a single JSON media type with a schema.
fn json_content<'a>(
    content: &'a indexmap::IndexMap<String, openapiv3::MediaType>,
    pptr: &Pointer,
) -> Res<(SchemaRef<'a>, Pointer)> {
    let cptr = pptr.join_all(&["content"]);
    let mut entries = content.iter();
    let (Some((mime, media)), None) = (entries.next(), entries.next()) else {
        return Err(Located::new(
            cptr,
            "a parameter's `content` must hold exactly one media type",
        ));
    };
    let json = super::media::is_json(&super::media::essence(mime));
    match (&media.schema, json) {
        (Some(schema), true) => Ok((schema.into(), cptr.join_all(&[mime, "schema"]))),
        _ => Err(Located::new(
            cptr.join_all(&[mime]),
            "only a JSON `content` with a schema is supported for a parameter",
        )),
    }
}

/// The warning for `style: deepObject` with `explode: false` (written, or by default) at `ptr`.
pub(super) fn deep_object_not_exploded(ptr: &Pointer) -> Located {
    Located::warning(
        "deep-object-not-exploded",
        ptr.clone(),
        "`style: deepObject` is defined with `explode: true` only; the value is written \
         exploded (`name[key]=value`)",
    )
}

/// Refuses values a style cannot write: lists must hold scalars (deepObject writes any value,
/// its nested keys and list indexes bracketed).
fn check_shape(ty: &TypeRef, style: ParamStyle, ptr: &Pointer) -> Res<()> {
    if let (TypeRef::List(item), false) = (
        ty,
        matches!(style, ParamStyle::Json | ParamStyle::DeepObject),
    ) {
        if matches!(
            **item,
            TypeRef::List(_) | TypeRef::Map(_) | TypeRef::JsonObject
        ) {
            return Err(Located::new(
                ptr,
                "a parameter holding a list of lists or objects cannot be serialized",
            ));
        }
    }
    Ok(())
}

/// Whether `schema` (after `$ref`s and single-member `allOf`s) describes an object. Wrappers
/// that wrap each other in a cycle (`A: {allOf: [$ref B]}`, `B: {allOf: [$ref A]}`) describe
/// no object (the model maps them to `serde_json::Value`).
pub(super) fn is_object<'a>(b: &Builder<'a>, schema: SchemaRef<'a>, ptr: &Pointer) -> Res<bool> {
    let mut schema = schema;
    let mut seen: Vec<&'a str> = Vec::new();
    loop {
        let s = match schema {
            SchemaRef::Ref(r) if seen.contains(&r) => return Ok(false),
            SchemaRef::Ref(r) => {
                seen.push(r);
                b.resolve_schema(r, ptr)?.schema()
            }
            SchemaRef::Item(s) => s,
        };
        return Ok(match &s.schema_kind {
            SchemaKind::Type(Type::Object(_)) => true,
            SchemaKind::Any(a) => a.typ.as_deref() == Some("object") || !a.properties.is_empty(),
            SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                [one] => {
                    schema = one.into();
                    continue;
                }
                _ => true,
            },
            _ => false,
        });
    }
}

/// Whether two parameters are the same one: same place and name (header names compare
/// ignoring ASCII case, as HTTP does).
fn same_param(a: &Parameter, b: &Parameter) -> bool {
    let (an, bn) = (&a.parameter_data_ref().name, &b.parameter_data_ref().name);
    std::mem::discriminant(a) == std::mem::discriminant(b)
        && match a {
            Parameter::Header { .. } => an.eq_ignore_ascii_case(bn),
            _ => an == bn,
        }
}

/// The place of a parameter, as `in:` spells it.
fn place(p: &Parameter) -> &'static str {
    match p {
        Parameter::Path { .. } => "path",
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// The parameters listed at `ptr` (`<ptr>/parameters`), resolved and paired with their
/// pointers; a parameter listed twice (same name and place) is an error at the second one.
fn listed<'a>(
    b: &Builder<'a>,
    list: &'a [ReferenceOr<Parameter>],
    ptr: &Pointer,
) -> Res<Vec<(&'a Parameter, Pointer)>> {
    let mut out: Vec<(&'a Parameter, Pointer)> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let pptr = ptr.join_all(&["parameters", &i.to_string()]);
        let p = super::resolve_parameter(b, p, &pptr)?;
        if let Some((_, first)) = out.iter().find(|(q, _)| same_param(q, p)) {
            return Err(Located::new(
                pptr,
                format!(
                    "duplicate parameter: {} parameter `{}` is already declared at {first}",
                    place(p),
                    p.parameter_data_ref().name
                ),
            ));
        }
        out.push((p, pptr));
    }
    Ok(out)
}

/// Path-level parameters, overridden by operation-level ones with the same name and place, each
/// resolved and paired with its pointer.
pub(super) fn gather<'a>(
    b: &Builder<'a>,
    path_params: &'a [ReferenceOr<Parameter>],
    op_params: &'a [ReferenceOr<Parameter>],
    item_ptr: &Pointer,
    op_ptr: &Pointer,
) -> Res<Vec<(&'a Parameter, Pointer)>> {
    let mut params = listed(b, path_params, item_ptr)?;
    for (p, pptr) in listed(b, op_params, op_ptr)? {
        params.retain(|(q, _)| !same_param(q, p));
        params.push((p, pptr));
    }
    Ok(params)
}
