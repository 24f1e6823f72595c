//! `$ref`s to schemas, resolved through [`Pointer`]: to a component (`#/components/schemas/X`),
//! or to any other place in the document that holds a schema (a property of a component, a
//! parameter's or a media type's schema, ...), found by walking the typed document.

use super::{Builder, SchemaRef};
use crate::error::{Located, Res};
use crate::pointer::Pointer;
use openapiv3::{
    AdditionalProperties, MediaType, OpenAPI, ParameterSchemaOrContent, PathItem, ReferenceOr,
    Schema, SchemaKind, Type,
};
use std::collections::BTreeSet;

/// Where a `$ref` to a schema leads.
pub(crate) enum Target<'a> {
    /// A component schema (after following component-to-component refs): its key and schema.
    Component(&'a str, &'a Schema),
    /// A schema elsewhere in the document, with its pointer.
    Place(Pointer, &'a Schema),
}

impl<'a> Target<'a> {
    /// The schema it leads to.
    pub(crate) fn schema(&self) -> &'a Schema {
        match self {
            Target::Component(_, s) | Target::Place(_, s) => s,
        }
    }
}

impl<'a> Builder<'a> {
    /// The key of the component schema `reference` names exactly (`#/components/schemas/X`), if
    /// it exists.
    pub(super) fn component_key_of(&self, reference: &str) -> Option<&'a str> {
        let key = Pointer::parse(reference).ok()?.component_name("schemas")?;
        let schemas = &self.spec.components.as_ref()?.schemas;
        schemas.get_key_value(&key).map(|(k, _)| k.as_str())
    }

    /// The component a discriminator `mapping` value names: a reference, or a bare schema name.
    pub(super) fn mapping_target(&self, target: &str) -> Option<&'a str> {
        if target.starts_with('#') {
            return self.component_key_of(target);
        }
        let schemas = &self.spec.components.as_ref()?.schemas;
        schemas.get_key_value(target).map(|(k, _)| k.as_str())
    }

    /// The schema a `$ref` (met at `ptr`) leads to, following refs from place to place.
    pub(super) fn resolve_schema(&self, reference: &str, ptr: &Pointer) -> Res<Target<'a>> {
        let mut seen = BTreeSet::new();
        let mut current: &str = reference;
        loop {
            let target = Pointer::parse(current)
                .map_err(|why| Located::new(ptr, format!("unsupported $ref {current:?}: {why}")))?;
            if !seen.insert(target.clone()) {
                return Err(Located::new(
                    ptr,
                    format!("circular $ref chain at {reference:?}"),
                ));
            }
            let Some(found) = schema_at(self.spec, &target) else {
                return Err(Located::new(
                    ptr,
                    format!("dangling $ref {current:?}: no such schema"),
                ));
            };
            match found {
                SchemaRef::Ref(next) => current = next,
                SchemaRef::Item(s) => {
                    return Ok(match self.component_key_of(target.as_str()) {
                        Some(key) => Target::Component(key, s),
                        None => Target::Place(target, s),
                    })
                }
            }
        }
    }
}

/// The schema (or `$ref` to one) at `pointer` in `spec`, if the pointer names a place that holds
/// a schema: a component, a parameter's or header's `schema`, a media type's `schema`, or a part
/// of any of these (`properties/x`, `items`, `allOf/0`, ...). A `$ref` met on the way ends the
/// walk: a pointer names a place in the document as written.
pub(crate) fn schema_at<'a>(spec: &'a OpenAPI, pointer: &Pointer) -> Option<SchemaRef<'a>> {
    let tokens: Vec<String> = pointer.tokens().collect();
    let mut rest = tokens.iter().map(String::as_str);
    let start = match rest.next()? {
        "components" => {
            let components = spec.components.as_ref()?;
            let section = rest.next()?;
            let key = rest.next()?;
            match section {
                "schemas" => SchemaRef::from(components.schemas.get(key)?),
                "parameters" => param_schema(
                    &item(components.parameters.get(key)?)?
                        .parameter_data_ref()
                        .format,
                    &mut rest,
                )?,
                "headers" => param_schema(&item(components.headers.get(key)?)?.format, &mut rest)?,
                "requestBodies" => {
                    expect(&mut rest, "content")?;
                    media_schema(
                        &item(components.request_bodies.get(key)?)?.content,
                        &mut rest,
                    )?
                }
                "responses" => {
                    expect(&mut rest, "content")?;
                    media_schema(&item(components.responses.get(key)?)?.content, &mut rest)?
                }
                _ => return None,
            }
        }
        "paths" => {
            let path_item = item(spec.paths.paths.get(rest.next()?)?)?;
            operation_schema(path_item, &mut rest)?
        }
        _ => return None,
    };
    within_schema(start, &mut rest)
}

/// The schema at the tokens left, starting from `at`.
fn within_schema<'a, 't>(
    mut at: SchemaRef<'a>,
    rest: &mut impl Iterator<Item = &'t str>,
) -> Option<SchemaRef<'a>> {
    while let Some(token) = rest.next() {
        let SchemaRef::Item(s) = at else {
            return None;
        };
        at = match (token, &s.schema_kind) {
            ("properties", SchemaKind::Type(Type::Object(o))) => {
                o.properties.get(rest.next()?)?.into()
            }
            ("properties", SchemaKind::Any(a)) => a.properties.get(rest.next()?)?.into(),
            ("items", SchemaKind::Type(Type::Array(a))) => a.items.as_ref()?.into(),
            ("items", SchemaKind::Any(a)) => a.items.as_ref()?.into(),
            ("additionalProperties", SchemaKind::Type(Type::Object(o))) => {
                extra(o.additional_properties.as_ref()?)?
            }
            ("additionalProperties", SchemaKind::Any(a)) => {
                extra(a.additional_properties.as_ref()?)?
            }
            ("allOf", SchemaKind::AllOf { all_of: list })
            | ("oneOf", SchemaKind::OneOf { one_of: list })
            | ("anyOf", SchemaKind::AnyOf { any_of: list }) => {
                list.get(index(rest.next()?)?)?.into()
            }
            ("allOf", SchemaKind::Any(a)) => a.all_of.get(index(rest.next()?)?)?.into(),
            ("oneOf", SchemaKind::Any(a)) => a.one_of.get(index(rest.next()?)?)?.into(),
            ("anyOf", SchemaKind::Any(a)) => a.any_of.get(index(rest.next()?)?)?.into(),
            ("not", SchemaKind::Not { not }) => SchemaRef::from(&**not),
            ("not", SchemaKind::Any(a)) => SchemaRef::from(&**a.not.as_ref()?),
            _ => return None,
        };
    }
    Some(at)
}

/// The schema of an operation's parameter, request body or response below a path item.
fn operation_schema<'a, 't>(
    path_item: &'a PathItem,
    rest: &mut impl Iterator<Item = &'t str>,
) -> Option<SchemaRef<'a>> {
    let token = rest.next()?;
    if token == "parameters" {
        let p = item(path_item.parameters.get(index(rest.next()?)?)?)?;
        return param_schema(&p.parameter_data_ref().format, rest);
    }
    let (_, op) = path_item.iter().find(|(method, _)| *method == token)?;
    match rest.next()? {
        "parameters" => {
            let p = item(op.parameters.get(index(rest.next()?)?)?)?;
            param_schema(&p.parameter_data_ref().format, rest)
        }
        "requestBody" => {
            expect(rest, "content")?;
            media_schema(&item(op.request_body.as_ref()?)?.content, rest)
        }
        "responses" => {
            let code = rest.next()?;
            let response = match code {
                "default" => op.responses.default.as_ref()?,
                _ => op
                    .responses
                    .responses
                    .iter()
                    .find(|(status, _)| status.to_string() == code)
                    .map(|(_, r)| r)?,
            };
            expect(rest, "content")?;
            media_schema(&item(response)?.content, rest)
        }
        _ => None,
    }
}

/// `<media type>/schema` below a `content` map.
fn media_schema<'a, 't>(
    content: &'a indexmap::IndexMap<String, MediaType>,
    rest: &mut impl Iterator<Item = &'t str>,
) -> Option<SchemaRef<'a>> {
    let media = content.get(rest.next()?)?;
    expect(rest, "schema")?;
    media.schema.as_ref().map(SchemaRef::from)
}

/// `schema` (or `content/<media type>/schema`) below a parameter or header.
fn param_schema<'a, 't>(
    format: &'a ParameterSchemaOrContent,
    rest: &mut impl Iterator<Item = &'t str>,
) -> Option<SchemaRef<'a>> {
    match (rest.next()?, format) {
        ("schema", ParameterSchemaOrContent::Schema(s)) => Some(s.into()),
        ("content", ParameterSchemaOrContent::Content(c)) => media_schema(c, rest),
        _ => None,
    }
}

/// The inline item of a `ReferenceOr` (a `$ref` ends the walk).
fn item<T>(r: &ReferenceOr<T>) -> Option<&T> {
    match r {
        ReferenceOr::Item(t) => Some(t),
        ReferenceOr::Reference { .. } => None,
    }
}

/// The schema of `additionalProperties`, when it is one.
fn extra(a: &AdditionalProperties) -> Option<SchemaRef<'_>> {
    match a {
        AdditionalProperties::Schema(s) => Some(SchemaRef::from(&**s)),
        AdditionalProperties::Any(_) => None,
    }
}

/// An array index token.
fn index(token: &str) -> Option<usize> {
    token.parse().ok()
}

/// Consumes `token`, or fails.
fn expect<'t>(rest: &mut impl Iterator<Item = &'t str>, token: &str) -> Option<()> {
    (rest.next()? == token).then_some(())
}
