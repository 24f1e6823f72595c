//! Schemas -> types: the type mapping lives here and nowhere else.

use super::{docs, Builder, SchemaRef};
use crate::error::{join, Located, Res};
use crate::model::{Field, Limits, Presence, TypeDef, TypeKind, TypeRef, Variant};
use crate::naming::{self, Scope};
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

/// What a schema becomes when it gets a name.
pub(crate) enum Shape<'a> {
    /// An object with properties (allOf members merged), with the pointer of each property.
    Struct {
        props: Vec<(&'a str, SchemaRef<'a>, String)>,
        required: Vec<&'a str>,
    },
    /// A string enum.
    Enum(Vec<String>),
    /// Anything else: maps to a type without a definition of its own.
    Scalar,
}

impl<'a> Builder<'a> {
    /// Classifies a schema.
    pub(super) fn shape(&self, s: &'a Schema, ptr: &str) -> Res<Shape<'a>> {
        match &s.schema_kind {
            SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => Ok(Shape::Struct {
                props: props_of(&o.properties, ptr),
                required: o.required.iter().map(String::as_str).collect(),
            }),
            SchemaKind::Any(a) if !a.properties.is_empty() && a.all_of.is_empty() => {
                Ok(Shape::Struct {
                    props: props_of(&a.properties, ptr),
                    required: a.required.iter().map(String::as_str).collect(),
                })
            }
            SchemaKind::AllOf { all_of } if all_of.len() > 1 => {
                let mut props = Vec::new();
                let mut required = Vec::new();
                for (i, member) in all_of.iter().enumerate() {
                    let mptr = join(ptr, &["allOf", &i.to_string()]);
                    let target = match SchemaRef::from(member) {
                        SchemaRef::Ref(r) => self.resolve_schema(r, &mptr)?.1,
                        SchemaRef::Item(s) => s,
                    };
                    match self.shape(target, &mptr)? {
                        Shape::Struct {
                            props: p,
                            required: r,
                        } => {
                            for (name, schema, pptr) in p {
                                if let Some(slot) = props.iter_mut().find(|(n, _, _)| *n == name) {
                                    *slot = (name, schema, pptr);
                                } else {
                                    props.push((name, schema, pptr));
                                }
                            }
                            required.extend(r);
                        }
                        _ => {
                            return Err(Located::new(
                                mptr,
                                "allOf member is not an object with properties; only objects can be merged",
                            ))
                        }
                    }
                }
                Ok(Shape::Struct { props, required })
            }
            SchemaKind::Type(Type::String(st)) if !st.enumeration.is_empty() => Ok(Shape::Enum(
                st.enumeration.iter().flatten().cloned().collect(),
            )),
            _ => Ok(Shape::Scalar),
        }
    }

    /// The Rust type of a schema used somewhere; inline structs and enums are named from `hint`.
    pub(super) fn type_of(&mut self, schema: SchemaRef<'a>, hint: &str, ptr: &str) -> Res<TypeRef> {
        let s = match schema {
            SchemaRef::Ref(r) => {
                let (key, _) = self.resolve_schema(r, ptr)?;
                return Ok(TypeRef::Named(self.component_names[key].clone()));
            }
            SchemaRef::Item(s) => s,
        };
        match self.shape(s, ptr)? {
            Shape::Scalar => {}
            shape => {
                let name = self.type_names.claim(&naming::type_name(hint, "Type"));
                let slot = self.reserve();
                let def = self.named_type(&name, s, shape, ptr)?;
                self.fill(slot, def);
                return Ok(TypeRef::Named(name));
            }
        }
        let unsupported = |what: &str| {
            Err(Located::new(
                ptr,
                format!("{what} is not supported by this generator yet"),
            ))
        };
        Ok(match &s.schema_kind {
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                return self.type_of((&all_of[0]).into(), hint, &join(ptr, &["allOf", "0"]))
            }
            SchemaKind::AllOf { .. } => TypeRef::JsonObject,
            // `type: string` + `nullable` + a single `allOf` ref: openapiv3 reads it as `Any`.
            SchemaKind::Any(a) if a.all_of.len() == 1 && a.properties.is_empty() => {
                return self.type_of((&a.all_of[0]).into(), hint, &join(ptr, &["allOf", "0"]))
            }
            SchemaKind::OneOf { .. } => return unsupported("oneOf"),
            SchemaKind::AnyOf { .. } => return unsupported("anyOf"),
            SchemaKind::Not { .. } => return unsupported("not"),
            SchemaKind::Type(Type::String(st)) => match &st.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::Timestamp,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                _ => TypeRef::String,
            },
            SchemaKind::Type(Type::Integer(it)) => {
                if !it.enumeration.is_empty() {
                    return unsupported("an integer enum");
                }
                match &it.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                    _ => TypeRef::I64,
                }
            }
            SchemaKind::Type(Type::Number(nt)) => match &nt.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(a)) => match &a.items {
                Some(items) => TypeRef::List(Box::new(self.type_of(
                    items.into(),
                    &format!("{hint} Item"),
                    &join(ptr, &["items"]),
                )?)),
                None => TypeRef::List(Box::new(TypeRef::Json)),
            },
            SchemaKind::Type(Type::Object(o)) => {
                self.map_type(o.additional_properties.as_ref(), hint, ptr)?
            }
            SchemaKind::Any(a) => match a.typ.as_deref() {
                Some("object") => self.map_type(a.additional_properties.as_ref(), hint, ptr)?,
                _ => TypeRef::Json,
            },
        })
    }

    /// An object without properties: a map of its `additionalProperties`.
    fn map_type(
        &mut self,
        extra: Option<&'a AdditionalProperties>,
        hint: &str,
        ptr: &str,
    ) -> Res<TypeRef> {
        Ok(match extra {
            Some(AdditionalProperties::Schema(s)) => TypeRef::Map(Box::new(self.type_of(
                (&**s).into(),
                &format!("{hint} Value"),
                &join(ptr, &["additionalProperties"]),
            )?)),
            _ => TypeRef::JsonObject,
        })
    }

    /// The definition of a struct or enum named `name`.
    pub(super) fn named_type(
        &mut self,
        name: &str,
        s: &'a Schema,
        shape: Shape<'a>,
        ptr: &str,
    ) -> Res<TypeDef> {
        let kind = match shape {
            Shape::Struct { props, required } => {
                TypeKind::Struct(self.fields(name, props, &required)?)
            }
            Shape::Enum(values) => TypeKind::Enum(variants(&values)),
            Shape::Scalar => unreachable!("scalars have no definition"),
        };
        Ok(TypeDef {
            name: name.to_owned(),
            doc: docs::schema_doc(s),
            source: ptr.to_owned(),
            kind,
            in_request: false,
            validated: false,
            deprecated: s.schema_data.deprecated,
        })
    }

    /// The fields of struct `parent`, in spec order.
    fn fields(
        &mut self,
        parent: &str,
        props: Vec<(&'a str, SchemaRef<'a>, String)>,
        required: &[&str],
    ) -> Res<Vec<Field>> {
        let mut scope = Scope::default();
        let mut fields = Vec::with_capacity(props.len());
        for (json, schema, pptr) in props {
            let rust_name = scope.claim(&naming::field_name(json, "field"));
            let (nullable, doc, limits, deprecated) = match schema {
                SchemaRef::Ref(r) => {
                    let (_, target) = self.resolve_schema(r, &pptr)?;
                    (
                        target.schema_data.nullable,
                        docs::schema_doc(target),
                        Limits::default(),
                        false,
                    )
                }
                SchemaRef::Item(s) => (
                    s.schema_data.nullable,
                    docs::schema_doc(s),
                    limits(s),
                    s.schema_data.deprecated,
                ),
            };
            let ty = self.type_of(schema, &format!("{parent} {json}"), &pptr)?;
            let presence = match (required.contains(&json), nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, false) => Presence::Optional,
                (false, true) => Presence::OptionalNullable,
            };
            fields.push(Field {
                json_name: json.to_owned(),
                rust_name,
                doc,
                ty,
                presence,
                limits,
                nested_validated: false,
                deprecated,
            });
        }
        Ok(fields)
    }
}

/// Properties with their pointers.
fn props_of<'a>(
    props: &'a indexmap::IndexMap<String, openapiv3::ReferenceOr<Box<Schema>>>,
    ptr: &str,
) -> Vec<(&'a str, SchemaRef<'a>, String)> {
    props
        .iter()
        .map(|(k, v)| (k.as_str(), v.into(), join(ptr, &["properties", k])))
        .collect()
}

/// Variant names for enum values, unique and never `Unknown` (kept for unknown values).
fn variants(values: &[String]) -> Vec<Variant> {
    let mut scope = Scope::with_reserved(&["Unknown"]);
    values
        .iter()
        .map(|v| Variant {
            wire: v.clone(),
            rust_name: scope.claim(&naming::type_name(v, "Value")),
        })
        .collect()
}

/// String limits of an inline schema.
fn limits(s: &Schema) -> Limits {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => Limits {
            min_length: st.min_length,
            max_length: st.max_length,
            pattern: st.pattern.clone(),
            pattern_checks: st
                .pattern
                .as_deref()
                .map(pattern_checks)
                .unwrap_or_default(),
        },
        _ => Limits::default(),
    }
}

/// Regexes that together check `pattern` with an engine without look-around: leading
/// lookaheads right after `^` become separate anchored regexes (`^(?=.*[a-z])X$` ->
/// `^(?:.*[a-z])` and `^X$`). Empty when look-around remains elsewhere.
pub(crate) fn pattern_checks(pattern: &str) -> Vec<String> {
    let mut checks = Vec::new();
    let mut rest = pattern.to_owned();
    while let Some(after) = rest.strip_prefix("^(?=") {
        let Some(end) = group_end(after) else {
            return Vec::new();
        };
        checks.push(format!("^(?:{})", &after[..end]));
        let tail = &after[end + 1..];
        rest = if tail.starts_with('^') {
            tail.to_owned()
        } else {
            format!("^{tail}")
        };
    }
    if rest.contains("(?=") || rest.contains("(?!") || rest.contains("(?<") {
        return Vec::new();
    }
    checks.push(rest);
    checks
}

/// Index of the `)` closing a group whose body starts `text`, honouring escapes and classes.
fn group_end(text: &str) -> Option<usize> {
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}
