//! Classifying a schema: what Rust shape it takes (struct, enum, union, alias of another type,
//! primitive, fallback), with `allOf` members merged. `schema.rs` turns shapes into types.

use super::resolve::Target;
use super::{Builder, SchemaRef};
use crate::error::{Located, Res};
use crate::model::TypeRef;
use crate::pointer::Pointer;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Discriminator, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

/// How many single-member wrappers (`allOf: [$ref]`) are followed before giving up.
const MAX_HOPS: usize = 64;

/// A property: JSON name, schema, pointer.
pub(crate) type Prop<'a> = (&'a str, SchemaRef<'a>, Pointer);

/// An object's `additionalProperties` that are kept (`true` or a schema).
#[derive(Clone, Copy)]
pub(crate) enum Extra<'a> {
    /// `additionalProperties: true` (or `{}`): any values.
    Any,
    /// `additionalProperties: {schema}` (found at the object's pointer + `/additionalProperties`).
    Schema(&'a ReferenceOr<Schema>),
}

/// What a schema becomes.
#[derive(Clone)]
pub(crate) enum Shape<'a> {
    /// An object with properties (allOf members merged): a struct.
    Struct {
        props: Vec<Prop<'a>>,
        required: Vec<&'a str>,
        /// Kept additional properties, with the pointer of the object declaring them.
        extra: Option<(Extra<'a>, Pointer)>,
        /// `oneOf`/`anyOf` members adding properties of their own: a flattened union field.
        parts: Option<Parts<'a>>,
    },
    /// A string enum (without `null`).
    Enum(Vec<String>),
    /// An integer enum (without `null`).
    IntEnum(Vec<i64>),
    /// `oneOf` / `anyOf` with two or more members.
    Union {
        members: Vec<(SchemaRef<'a>, Pointer)>,
        discriminator: Option<&'a Discriminator>,
    },
    /// Exactly one member carries the type (`allOf: [$ref]` plus annotations): that member.
    Same(SchemaRef<'a>, Pointer),
    /// Mapped to `serde_json::Value`, with a warning saying why.
    Fallback(String),
    /// A primitive (`bool`, numbers, strings and formats, any JSON value).
    Prim(TypeRef),
    /// An array of `items` (none: any values).
    Array(Option<&'a ReferenceOr<Box<Schema>>>),
    /// A tuple: an array of exactly these items, by position (the normaliser's `prefixItems`).
    Tuple(Vec<(SchemaRef<'a>, Pointer)>),
    /// An object without properties: a map of its kept additional properties, else a JSON object.
    /// Kept additional properties come with the pointer of the object declaring them.
    Map(Option<(Extra<'a>, Pointer)>),
}

/// The members of a `oneOf`/`anyOf` beside `properties` that add properties of their own (each
/// an inline object): the struct gets a `#[serde(flatten)]` field of their union (`parts.rs`).
#[derive(Clone)]
pub(crate) struct Parts<'a> {
    /// `oneOf` or `anyOf`.
    pub key: &'static str,
    /// The members and their pointers, in spec order.
    pub members: Vec<(&'a Schema, Pointer)>,
    /// The object's discriminator, if any.
    pub discriminator: Option<&'a Discriminator>,
    /// The object's pointer.
    pub at: Pointer,
}

/// The keywords of a schema that decide its shape, whichever `SchemaKind` openapiv3 chose.
#[derive(Default)]
struct View<'a> {
    typ: Option<&'a str>,
    format: Option<&'a str>,
    properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: &'a [String],
    additional: Option<&'a AdditionalProperties>,
    items: Option<&'a ReferenceOr<Box<Schema>>>,
    /// `enum` values, `null` included.
    values: Vec<serde_json::Value>,
    all_of: &'a [ReferenceOr<Schema>],
    one_of: &'a [ReferenceOr<Schema>],
    any_of: &'a [ReferenceOr<Schema>],
    not: bool,
}

impl<'a> View<'a> {
    fn of(s: &'a Schema) -> Self {
        match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) => View {
                typ: Some("string"),
                format: match &st.format {
                    VariantOrUnknownOrEmpty::Item(f) => Some(match f {
                        StringFormat::Date => "date",
                        StringFormat::DateTime => "date-time",
                        StringFormat::Password => "password",
                        StringFormat::Byte => "byte",
                        StringFormat::Binary => "binary",
                    }),
                    VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                    VariantOrUnknownOrEmpty::Empty => None,
                },
                values: st
                    .enumeration
                    .iter()
                    .map(|v| v.clone().map_or(serde_json::Value::Null, Into::into))
                    .collect(),
                ..View::default()
            },
            SchemaKind::Type(Type::Integer(it)) => View {
                typ: Some("integer"),
                format: match &it.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => Some("int32"),
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => Some("int64"),
                    VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                    VariantOrUnknownOrEmpty::Empty => None,
                },
                values: it
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(serde_json::Value::Null, Into::into))
                    .collect(),
                ..View::default()
            },
            SchemaKind::Type(Type::Number(nt)) => View {
                typ: Some("number"),
                format: match &nt.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => Some("float"),
                    VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Double) => {
                        Some("double")
                    }
                    VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                    VariantOrUnknownOrEmpty::Empty => None,
                },
                ..View::default()
            },
            SchemaKind::Type(Type::Boolean(_)) => View {
                typ: Some("boolean"),
                ..View::default()
            },
            SchemaKind::Type(Type::Object(o)) => View {
                typ: Some("object"),
                properties: Some(&o.properties),
                required: &o.required,
                additional: o.additional_properties.as_ref(),
                ..View::default()
            },
            SchemaKind::Type(Type::Array(a)) => View {
                typ: Some("array"),
                items: a.items.as_ref(),
                ..View::default()
            },
            SchemaKind::OneOf { one_of } => View {
                one_of,
                ..View::default()
            },
            SchemaKind::AnyOf { any_of } => View {
                any_of,
                ..View::default()
            },
            SchemaKind::AllOf { all_of } => View {
                all_of,
                ..View::default()
            },
            SchemaKind::Not { .. } => View {
                not: true,
                ..View::default()
            },
            SchemaKind::Any(a) => View {
                typ: a.typ.as_deref(),
                format: a.format.as_deref(),
                properties: Some(&a.properties),
                required: &a.required,
                additional: a.additional_properties.as_ref(),
                items: a.items.as_ref(),
                values: a.enumeration.clone(),
                all_of: &a.all_of,
                one_of: &a.one_of,
                any_of: &a.any_of,
                not: a.not.is_some(),
            },
        }
    }

    fn has_props(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
    }

    /// Only annotations (description, nullable, ...): adds no type information.
    fn is_annotation_only(&self) -> bool {
        self.typ.is_none()
            && !self.has_props()
            && self.additional.is_none()
            && self.items.is_none()
            && self.values.is_empty()
            && self.all_of.is_empty()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && !self.not
    }
}

/// The kept additional properties of an object, if any.
fn extra_of(a: Option<&AdditionalProperties>) -> Option<Extra<'_>> {
    match a {
        Some(AdditionalProperties::Any(true)) => Some(Extra::Any),
        Some(AdditionalProperties::Schema(s)) => match &**s {
            ReferenceOr::Item(inner) if View::of(inner).is_annotation_only() => Some(Extra::Any),
            other => Some(Extra::Schema(other)),
        },
        _ => None,
    }
}

/// The primitive a typed schema without structure maps to.
fn primitive(typ: Option<&str>, format: Option<&str>) -> Option<TypeRef> {
    Some(match (typ?, format) {
        ("string", Some("date-time")) => TypeRef::Timestamp,
        ("string", Some("date")) => TypeRef::Date,
        ("string", Some("uuid")) => TypeRef::Uuid,
        ("string", Some("byte")) => TypeRef::Bytes,
        ("string", Some("binary")) => TypeRef::Binary,
        ("string", _) => TypeRef::String,
        ("integer", Some("int32")) => TypeRef::I32,
        ("integer", _) => TypeRef::I64,
        ("number", Some("float")) => TypeRef::F32,
        ("number", _) => TypeRef::F64,
        ("boolean", _) => TypeRef::Bool,
        _ => return None,
    })
}

/// Whether a union member is `{type: "null"}` (not OpenAPI 3.0, but common): it makes the union
/// nullable instead of adding a variant.
fn is_null_member(s: &Schema) -> bool {
    matches!(&s.schema_kind, SchemaKind::Any(a) if a.typ.as_deref() == Some("null"))
}

impl<'a> Builder<'a> {
    /// The schema a member refers to.
    pub(super) fn target(&self, r: SchemaRef<'a>, ptr: &Pointer) -> Res<&'a Schema> {
        Ok(match r {
            SchemaRef::Ref(reference) => self.resolve_schema(reference, ptr)?.schema(),
            SchemaRef::Item(s) => s,
        })
    }

    /// Whether a value of this schema may be `null`: `nullable`, `null` in `enum`, a nullable
    /// annotation-only `allOf` member, or a `{type: "null"}` union member.
    pub(super) fn is_nullable(&self, s: &'a Schema, ptr: &Pointer) -> Res<bool> {
        if s.schema_data.nullable {
            return Ok(true);
        }
        let view = View::of(s);
        if view.values.iter().any(serde_json::Value::is_null) {
            return Ok(true);
        }
        for m in view.all_of {
            if let ReferenceOr::Item(inner) = m {
                if View::of(inner).is_annotation_only() && inner.schema_data.nullable {
                    return Ok(true);
                }
            }
        }
        for (key, members) in [("oneOf", view.one_of), ("anyOf", view.any_of)] {
            for (i, m) in members.iter().enumerate() {
                let target = self.target(m.into(), &ptr.join_all(&[key, &i.to_string()]))?;
                if is_null_member(target) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Classifies a schema.
    pub(super) fn shape(&self, s: &'a Schema, ptr: &Pointer) -> Res<Shape<'a>> {
        self.shape_at(s, ptr, &[])
    }

    /// A member's schema and the pointer it is found at: a `$ref` leads to its target (a
    /// component's key is returned too, to detect cycles), an inline schema stays where it is.
    fn member(
        &self,
        r: SchemaRef<'a>,
        ptr: &Pointer,
    ) -> Res<(&'a Schema, Pointer, Option<&'a str>)> {
        Ok(match r {
            SchemaRef::Ref(reference) => match self.resolve_schema(reference, ptr)? {
                Target::Component(key, s) => (s, Pointer::component("schemas", key), Some(key)),
                Target::Place(place, s) => (s, place, None),
            },
            SchemaRef::Item(s) => (s, ptr.to_owned(), None),
        })
    }

    /// `chain`: the components whose `allOf` is being merged, outermost first.
    fn shape_at(&self, s: &'a Schema, ptr: &Pointer, chain: &[&'a str]) -> Res<Shape<'a>> {
        let view = View::of(s);
        if !view.all_of.is_empty() {
            return self.merge_all_of(&view, ptr, chain);
        }
        let parent_props = view.properties;
        let narrows = |m: &ReferenceOr<Schema>| match m {
            ReferenceOr::Item(i) => {
                let v = View::of(i);
                v.is_annotation_only()
                    || (matches!(v.typ, None | Some("object"))
                        && v.items.is_none()
                        && v.values.is_empty()
                        && v.all_of.is_empty()
                        && v.one_of.is_empty()
                        && v.any_of.is_empty()
                        && !v.not
                        && v.properties
                            .into_iter()
                            .flatten()
                            .all(|(k, _)| parent_props.is_some_and(|p| p.contains_key(k))))
            }
            ReferenceOr::Reference { .. } => false,
        };
        let constraint_only = |list: &[ReferenceOr<Schema>]| list.iter().all(narrows);
        // `anyOf: [{required: [a]}, {properties: {status: {enum: [done]}}}]` beside properties
        // only narrows which of them are present or which values they take: the object itself
        // is the type.
        let unions_constrain_only =
            view.has_props() && constraint_only(view.one_of) && constraint_only(view.any_of);
        if (!view.one_of.is_empty() || !view.any_of.is_empty()) && !unions_constrain_only {
            if let Some(parts) = parts_of(s, &view, ptr) {
                return Ok(Shape::Struct {
                    props: props_of(view.properties, ptr),
                    required: view.required.iter().map(String::as_str).collect(),
                    extra: extra_of(view.additional).map(|e| (e, ptr.to_owned())),
                    parts: Some(parts),
                });
            }
            return self.union_shape(s, &view, ptr);
        }
        if view.not {
            return Ok(Shape::Fallback(
                "`not` cannot be expressed as a Rust type".into(),
            ));
        }
        let object_like = matches!(view.typ, None | Some("object"));
        if object_like && view.has_props() {
            return Ok(Shape::Struct {
                props: props_of(view.properties, ptr),
                required: view.required.iter().map(String::as_str).collect(),
                extra: extra_of(view.additional).map(|e| (e, ptr.to_owned())),
                parts: None,
            });
        }
        let non_null: Vec<&serde_json::Value> =
            view.values.iter().filter(|v| !v.is_null()).collect();
        if !non_null.is_empty() {
            if matches!(view.typ, None | Some("string")) && non_null.iter().all(|v| v.is_string()) {
                return Ok(Shape::Enum(first_of_each(
                    non_null
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned)),
                )));
            }
            if matches!(view.typ, None | Some("integer")) && non_null.iter().all(|v| v.is_i64()) {
                return Ok(Shape::IntEnum(first_of_each(
                    non_null.iter().filter_map(|v| v.as_i64()),
                )));
            }
            if view.typ.is_none() {
                return Ok(Shape::Fallback(
                    "an `enum` mixing values of different types has no Rust enum".into(),
                ));
            }
            // Numbers or booleans: the base type carries every listed value.
        }
        if let Some(members) = tuple_members(s, ptr) {
            return Ok(Shape::Tuple(members));
        }
        match view.typ {
            Some("array") => Ok(Shape::Array(view.items)),
            Some("object") | None if view.additional.is_some() => Ok(Shape::Map(
                extra_of(view.additional).map(|e| (e, ptr.to_owned())),
            )),
            Some("object") => Ok(Shape::Map(None)),
            None if view.items.is_some() => Ok(Shape::Array(view.items)),
            None => Ok(Shape::Prim(TypeRef::Json)),
            Some(t) => match primitive(Some(t), view.format) {
                Some(p) => Ok(Shape::Prim(p)),
                None => Ok(Shape::Fallback(format!("unknown type {t:?}"))),
            },
        }
    }

    /// `oneOf` / `anyOf`.
    fn union_shape(&self, s: &'a Schema, view: &View<'a>, ptr: &Pointer) -> Res<Shape<'a>> {
        if view.has_props() || (!view.one_of.is_empty() && !view.any_of.is_empty()) {
            return Ok(Shape::Fallback(
                "`oneOf`/`anyOf` combined with properties or with each other has no Rust type"
                    .into(),
            ));
        }
        let (key, list) = if view.one_of.is_empty() {
            ("anyOf", view.any_of)
        } else {
            ("oneOf", view.one_of)
        };
        let mut members = Vec::new();
        for (i, m) in list.iter().enumerate() {
            let mptr = ptr.join_all(&[key, &i.to_string()]);
            let r = SchemaRef::from(m);
            let target = self.target(r, &mptr)?;
            if is_null_member(target) {
                continue;
            }
            if let SchemaRef::Item(inner) = r {
                if View::of(inner).is_annotation_only() {
                    return Ok(Shape::Fallback(format!(
                        "{key} member {mptr} has no type, so it accepts any value"
                    )));
                }
            }
            members.push((r, mptr));
        }
        Ok(match members.len() {
            0 => Shape::Prim(TypeRef::Json),
            1 if s.schema_data.discriminator.is_none() => {
                let (r, p) = members.remove(0);
                Shape::Same(r, p)
            }
            _ => Shape::Union {
                members,
                discriminator: s.schema_data.discriminator.as_ref(),
            },
        })
    }

    /// The shape of component `key` (schema `s` at `ptr`) as an `allOf` member, computed once:
    /// members shared by many `allOf`s (`A: allOf [B, C]`, `B: allOf [D]`, `C: allOf [D]`, ...)
    /// would otherwise be classified once per path to them, exponentially often. A shape found
    /// does not depend on `chain` (a chain that mattered would be a cycle, found when the
    /// component's shape was first computed).
    fn component_shape(
        &self,
        key: &'a str,
        s: &'a Schema,
        ptr: &Pointer,
        chain: &[&'a str],
    ) -> Res<Shape<'a>> {
        if let Some(shape) = self.member_shapes.borrow().get(key) {
            return Ok(shape.clone());
        }
        let shape = self.shape_at(s, ptr, chain)?;
        self.member_shapes.borrow_mut().insert(key, shape.clone());
        Ok(shape)
    }

    /// `allOf`: members that only annotate are skipped; one remaining member is the type; objects
    /// merge into one struct (later members override earlier properties of the same name).
    fn merge_all_of(&self, view: &View<'a>, ptr: &Pointer, chain: &[&'a str]) -> Res<Shape<'a>> {
        let mut typed: Vec<(SchemaRef<'a>, &'a Schema, Pointer)> = Vec::new();
        for (i, m) in view.all_of.iter().enumerate() {
            let mptr = ptr.join_all(&["allOf", &i.to_string()]);
            let r = SchemaRef::from(m);
            let target = self.target(r, &mptr)?;
            if matches!(r, SchemaRef::Item(_)) && View::of(target).is_annotation_only() {
                continue;
            }
            typed.push((r, target, mptr));
        }
        let own_props = view.has_props();
        if typed.len() == 1 && !own_props && view.additional.is_none() {
            let (r, _, p) = typed.remove(0);
            return Ok(Shape::Same(r, p));
        }
        if typed.is_empty() && !own_props {
            return Ok(Shape::Prim(TypeRef::Json));
        }
        let mut props: Vec<Prop<'a>> = Vec::new();
        let mut required: Vec<&'a str> = Vec::new();
        let mut extra = None;
        let mut kinds = Vec::new();
        for (r, _, mptr) in &typed {
            let mut chain = chain.to_vec();
            let (mut target, mut tptr, mut key) = self.member(*r, mptr)?;
            let mut hops = 0;
            let shape = loop {
                if let Some(k) = key {
                    if chain.contains(&k) {
                        return Err(Located::new(
                            mptr,
                            format!("allOf includes {}, which includes this schema again: a type cannot contain itself", Pointer::component("schemas", k)),
                        ));
                    }
                    chain.push(k);
                }
                // Follow single-member wrappers down to what they wrap.
                let found = match key {
                    Some(k) => self.component_shape(k, target, &tptr, &chain)?,
                    None => self.shape_at(target, &tptr, &chain)?,
                };
                match found {
                    Shape::Same(inner, p) if hops < MAX_HOPS => {
                        hops += 1;
                        (target, tptr, key) = self.member(inner, &p)?;
                    }
                    Shape::Same(_, p) => {
                        return Err(Located::new(p, "allOf members nest too deeply"));
                    }
                    other => break other,
                }
            };
            match shape {
                Shape::Struct {
                    props: p,
                    required: r,
                    extra: e,
                    parts: None,
                } => {
                    for prop in p {
                        match props.iter_mut().find(|(n, _, _)| *n == prop.0) {
                            Some(slot) => *slot = prop,
                            None => props.push(prop),
                        }
                    }
                    required.extend(r);
                    extra = e.or(extra);
                }
                Shape::Map(e) => extra = e.or(extra),
                other => kinds.push((mptr.clone(), other)),
            }
        }
        if own_props {
            for prop in props_of(view.properties, ptr) {
                match props.iter_mut().find(|(n, _, _)| *n == prop.0) {
                    Some(slot) => *slot = prop,
                    None => props.push(prop),
                }
            }
            required.extend(view.required.iter().map(String::as_str));
        }
        if let Some(e) = extra_of(view.additional) {
            extra = Some((e, ptr.to_owned()));
        } else if matches!(view.additional, Some(AdditionalProperties::Any(false))) {
            // The object's own `additionalProperties: false` wins over its members'.
            extra = None;
        }
        if let Some((mptr, kind)) = kinds.first() {
            let what = match kind {
                Shape::Struct { .. } => "has `oneOf`/`anyOf` parts beside its properties",
                _ => "is not an object",
            };
            return Ok(Shape::Fallback(format!(
                "allOf member {mptr} {what}, so the members cannot be merged into one type"
            )));
        }
        if props.is_empty() {
            return Ok(Shape::Map(extra));
        }
        required.dedup();
        Ok(Shape::Struct {
            props,
            required,
            extra,
            parts: None,
        })
    }
}

/// The parts of an object whose `oneOf` or `anyOf` (not both) members are all inline objects
/// with properties, none nullable, at least one adding a property the object does not declare.
/// Not with kept `additionalProperties`: a flattened map would take the parts' keys too and write
/// them twice.
fn parts_of<'a>(s: &'a Schema, view: &View<'a>, ptr: &Pointer) -> Option<Parts<'a>> {
    let keeps_extra = extra_of(view.additional).is_some();
    if !matches!(view.typ, None | Some("object")) || !view.has_props() || view.not || keeps_extra {
        return None;
    }
    let (key, list) = match (view.one_of.is_empty(), view.any_of.is_empty()) {
        (false, true) => ("oneOf", view.one_of),
        (true, false) => ("anyOf", view.any_of),
        _ => return None,
    };
    let declared = view.properties?;
    let mut members = Vec::with_capacity(list.len());
    let mut adds = false;
    for (i, m) in list.iter().enumerate() {
        let ReferenceOr::Item(inner) = m else {
            return None;
        };
        let v = View::of(inner);
        let plain_object = matches!(v.typ, None | Some("object"))
            && v.has_props()
            && v.items.is_none()
            && v.values.is_empty()
            && v.all_of.is_empty()
            && v.one_of.is_empty()
            && v.any_of.is_empty()
            && !v.not
            && !inner.schema_data.nullable;
        if !plain_object {
            return None;
        }
        adds |= v
            .properties
            .into_iter()
            .flatten()
            .any(|(k, _)| !declared.contains_key(k));
        members.push((inner, ptr.join_all(&[key, &i.to_string()])));
    }
    adds.then(|| Parts {
        key,
        members,
        discriminator: s.schema_data.discriminator.as_ref(),
        at: ptr.to_owned(),
    })
}

/// The values in order, each once (`enum: [a, b, a]` -> `[a, b]`; `schema.rs` warns).
fn first_of_each<T: PartialEq>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Properties with their pointers.
fn props_of<'a>(
    props: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    ptr: &Pointer,
) -> Vec<Prop<'a>> {
    props
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.into(), ptr.join_all(&["properties", k])))
        .collect()
}

/// The members of an array the 3.1 normaliser wrote as a tuple (`parse::TUPLE`): the `oneOf` of
/// its `items`, by position, with their pointers.
fn tuple_members<'a>(s: &'a Schema, ptr: &Pointer) -> Option<Vec<(SchemaRef<'a>, Pointer)>> {
    if !s.schema_data.extensions.contains_key(crate::parse::TUPLE) {
        return None;
    }
    let SchemaKind::Type(Type::Array(array)) = &s.schema_kind else {
        return None;
    };
    let Some(ReferenceOr::Item(items)) = &array.items else {
        return None;
    };
    let SchemaKind::OneOf { one_of } = &items.schema_kind else {
        return None;
    };
    Some(
        one_of
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let at = ptr.join_all(&["items", "oneOf", &i.to_string()]);
                (SchemaRef::from(m), at)
            })
            .collect(),
    )
}
