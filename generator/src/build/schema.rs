//! Schemas -> types: the type mapping lives here and nowhere else (`shape.rs` classifies,
//! this module names and builds).

use super::resolve::Target;
use super::shape::{Extra, Parts, Prop, Shape};
use super::{docs, Builder, SchemaRef};
use crate::error::{Located, Res};
use crate::model::{
    Access, DefaultValue, Field, FieldDefault, IntVariant, Limits, Presence, Selector,
    TaggedMember, TaggedUnion, TypeDef, TypeId, TypeKind, TypeRef, Union, UnionVariant, Variant,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use openapiv3::{Discriminator, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

/// `ty`, or `Option<ty>` when the value may be null.
fn or_null(ty: TypeRef, nullable: bool) -> TypeRef {
    if nullable {
        TypeRef::OrNull(Box::new(ty))
    } else {
        ty
    }
}

/// A field read and written beside the others (`#[serde(flatten)]`): a union of `oneOf` parts,
/// or the map of undeclared properties.
fn flattened(
    json: &str,
    rust_name: String,
    description: String,
    ty: TypeRef,
    ctor_arg: bool,
) -> Field {
    Field {
        json_name: json.to_owned(),
        rust_name,
        doc: crate::model::Doc {
            description: Some(description),
            ..Default::default()
        },
        ty,
        presence: Presence::Required,
        limits: Limits::default(),
        nested_validated: false,
        deprecated: false,
        access: Access::ReadWrite,
        ctor_arg,
        default: None,
        flatten: true,
    }
}

/// Whether a shape gets a type definition of its own.
fn is_definable(shape: &Shape<'_>) -> bool {
    matches!(
        shape,
        Shape::Struct { .. } | Shape::Enum(_) | Shape::IntEnum(_) | Shape::Union { .. }
    )
}

impl<'a> Builder<'a> {
    /// The Rust type of a schema used somewhere; inline structs and enums are named from `hint`.
    /// Nullability of the schema itself is left to the caller (see [`Self::value_type`]).
    pub(super) fn type_of(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        ptr: &Pointer,
    ) -> Res<TypeRef> {
        Ok(self.value_type(schema, hint, ptr)?.0)
    }

    /// The Rust type of a schema, and whether a value may also be `null` (which the type does not
    /// already say: a `$ref` to a nullable alias is `Option<..>` by itself).
    pub(super) fn value_type(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        ptr: &Pointer,
    ) -> Res<(TypeRef, bool)> {
        let s = match schema {
            SchemaRef::Ref(r) => {
                let (key, target) = match self.resolve_schema(r, ptr)? {
                    Target::Component(key, target) => (key, target),
                    Target::Place(place, target) => return self.type_at_place(place, target),
                };
                let id = self.component_ids[key];
                let nullable = self.definable(target, ptr)? && self.is_nullable(target, ptr)?;
                return Ok((TypeRef::Named(id), nullable));
            }
            SchemaRef::Item(s) => s,
        };
        let nullable = self.is_nullable(s, ptr)?;
        if let Some(again) = self.again(s, ptr) {
            return Ok((again, nullable));
        }
        let ty = match self.shape(s, ptr)? {
            Shape::Same(inner, iptr) => {
                let (ty, inner_nullable) = self.value_type(inner, hint, &iptr)?;
                return Ok((ty, nullable || inner_nullable));
            }
            _ if self.is_ref_target(s) && self.first_type_of(s).is_some() => {
                // Reached by a `$ref` to its place before: the type built then.
                TypeRef::Named(self.first_type_of(s).expect("checked"))
            }
            shape if is_definable(&shape) => {
                let hint = self.cycle_hint(ptr).unwrap_or_else(|| hint.to_owned());
                let title = s.schema_data.title.as_deref();
                let name = naming::claim_type_name(&mut self.type_names, &hint, title, "Type");
                let id = self.new_placed_type(name.clone());
                self.enter(s, ptr, Some(id));
                let def = self.named_type(&name, s, shape, ptr)?;
                self.leave();
                self.fill(id, def);
                TypeRef::Named(id)
            }
            leaf => {
                self.enter(s, ptr, None);
                let ty = self.leaf(leaf, hint, ptr)?;
                self.leave();
                ty
            }
        };
        Ok((ty, nullable))
    }

    /// The type of a schema reached by a `$ref` to its place (not a component): one type per
    /// place, built where it is and named after it.
    fn type_at_place(&mut self, place: Pointer, s: &'a Schema) -> Res<(TypeRef, bool)> {
        if let Some(done) = self.places.get(&place) {
            return Ok(done.clone());
        }
        let done = match self.first_type_of(s) {
            // Built already where it is: that type.
            Some(id) => (TypeRef::Named(id), self.is_nullable(s, &place)?),
            None => {
                let hint = naming::pointer_hint(&place.tokens().collect::<Vec<_>>());
                self.value_type(SchemaRef::Item(s), &hint, &place)?
            }
        };
        self.places.insert(place, done.clone());
        self.place_targets.insert(super::reentry::address(s));
        Ok(done)
    }

    /// Whether a schema becomes a type of its own (so nullability is left to its uses).
    fn definable(&self, s: &'a Schema, ptr: &Pointer) -> Res<bool> {
        let mut shape = self.shape(s, ptr)?;
        for _ in 0..64 {
            match shape {
                Shape::Same(SchemaRef::Item(inner), p) => shape = self.shape(inner, &p)?,
                other => return Ok(is_definable(&other)),
            }
        }
        Err(Located::new(ptr, "schema nests too deeply"))
    }

    /// Types without a definition of their own.
    fn leaf(&mut self, shape: Shape<'a>, hint: &str, ptr: &Pointer) -> Res<TypeRef> {
        Ok(match shape {
            Shape::Prim(t) => t,
            Shape::Fallback(reason) => {
                self.warnings.push(Located::warning(
                    "mapped-to-json-value",
                    ptr,
                    format!("{reason}; mapped to serde_json::Value"),
                ));
                TypeRef::Json
            }
            Shape::Array(Some(items)) => {
                let (ty, nullable) = self.value_type(
                    items.into(),
                    &format!("{hint} Item"),
                    &ptr.join_all(&["items"]),
                )?;
                TypeRef::List(Box::new(or_null(ty, nullable)))
            }
            Shape::Array(None) => TypeRef::List(Box::new(TypeRef::Json)),
            Shape::Tuple(members) => {
                let mut types = Vec::with_capacity(members.len());
                for (i, (member, at)) in members.into_iter().enumerate() {
                    let hint = format!("{hint} Item {}", i + 1);
                    let (ty, nullable) = self.value_type(member, &hint, &at)?;
                    types.push(or_null(ty, nullable));
                }
                TypeRef::Tuple(types)
            }
            Shape::Map(None) => TypeRef::JsonObject,
            Shape::Map(Some((extra, optr))) => self.map_of(Some(extra), hint, &optr)?,
            _ => unreachable!("definable shapes and wrappers are handled by value_type"),
        })
    }

    /// A map of kept additional properties (`ptr` is the object's pointer).
    fn map_of(&mut self, extra: Option<Extra<'a>>, hint: &str, ptr: &Pointer) -> Res<TypeRef> {
        Ok(match extra {
            None | Some(Extra::Any) => TypeRef::JsonObject,
            Some(Extra::Schema(s)) => {
                let (ty, nullable) = self.value_type(
                    s.into(),
                    &format!("{hint} Value"),
                    &ptr.join_all(&["additionalProperties"]),
                )?;
                TypeRef::Map(Box::new(or_null(ty, nullable)))
            }
        })
    }

    /// The definition of a component schema named `name`.
    pub(super) fn component_def(
        &mut self,
        id: TypeId,
        schema: SchemaRef<'a>,
        ptr: &Pointer,
    ) -> Res<TypeDef> {
        let name = &self.name_of(id).to_owned();
        if let SchemaRef::Item(outer) = schema {
            let (mut s, mut sptr) = (outer, ptr.to_owned());
            for _ in 0..64 {
                match self.shape(s, &sptr)? {
                    Shape::Same(SchemaRef::Item(inner), p) => (s, sptr) = (inner, p),
                    shape if is_definable(&shape) => {
                        self.enter(s, &sptr, Some(id));
                        let mut def = self.named_type(name, s, shape, &sptr)?;
                        self.leave();
                        let outer_doc = docs::schema_doc(outer);
                        if outer_doc.summary.is_some() || outer_doc.description.is_some() {
                            def.doc = outer_doc;
                        }
                        def.source = ptr.to_owned();
                        def.deprecated |= outer.schema_data.deprecated;
                        return Ok(def);
                    }
                    _ => break,
                }
            }
        }
        let (ty, nullable) = self.value_type(schema, name, ptr)?;
        let (doc, deprecated) = match schema {
            SchemaRef::Item(s) => (docs::schema_doc(s), s.schema_data.deprecated),
            SchemaRef::Ref(_) => (Default::default(), false),
        };
        Ok(TypeDef {
            name: name.to_owned(),
            doc,
            source: ptr.to_owned(),
            kind: TypeKind::Alias(or_null(ty, nullable)),
            in_request: false,
            validated: false,
            deprecated,
        })
    }

    /// The definition of a struct, enum or union named `name`.
    pub(super) fn named_type(
        &mut self,
        name: &str,
        s: &'a Schema,
        shape: Shape<'a>,
        ptr: &Pointer,
    ) -> Res<TypeDef> {
        if matches!(shape, Shape::Enum(_) | Shape::IntEnum(_)) && repeats_a_value(s) {
            self.warnings.push(Located::warning(
                "enum-repeated-value",
                ptr.join_all(&["enum"]),
                "`enum` lists a value more than once; the repeats are ignored",
            ));
        }
        if let Shape::IntEnum(values) = &shape {
            if let Some(why) = varnames_problem(values, s) {
                self.warnings.push(Located::warning(
                    "enum-varnames-ignored",
                    ptr.join_all(&["x-enum-varnames"]),
                    format!("`x-enum-varnames` ignored: {why}; variants are named from the values"),
                ));
            }
        }
        let kind = match shape {
            Shape::Struct {
                props,
                required,
                extra,
                parts,
            } => TypeKind::Struct(self.fields(name, props, &required, extra, parts)?),
            Shape::Enum(values) => TypeKind::Enum(variants(&values)),
            Shape::IntEnum(values) => TypeKind::IntEnum(int_variants(&values, s)),
            Shape::Union {
                members,
                discriminator,
            } => TypeKind::Union(self.union(name, members, discriminator, ptr)?),
            _ => unreachable!("only definable shapes are named"),
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

    /// The variants of a `oneOf` / `anyOf` named `name`.
    fn union(
        &mut self,
        name: &str,
        members: Vec<(SchemaRef<'a>, Pointer)>,
        discriminator: Option<&'a Discriminator>,
        ptr: &Pointer,
    ) -> Res<Union> {
        let Some(d) = discriminator else {
            return self.undiscriminated_union(name, members);
        };
        let dptr = ptr.join_all(&["discriminator"]);
        // Mapping value -> component key, in spec order.
        let mut mapping: Vec<(&str, &str)> = Vec::new();
        for (value, target) in &d.mapping {
            let mptr = dptr.join_all(&["mapping", value]);
            let Some(key) = self.mapping_target(target) else {
                return Err(Located::new(
                    mptr,
                    format!("discriminator mapping {value:?} points to {target:?}, which is not a schema of this spec"),
                ));
            };
            mapping.push((value, key));
        }
        // A discriminator that cannot tell the members apart (an inline member that pins no
        // value, one value for two members) is not used: the members are told apart as without
        // one, with a warning.
        // The value each member pins the tag property to, if any.
        let mut pinned_values = Vec::with_capacity(members.len());
        for (r, mptr) in &members {
            pinned_values.push(self.pinned_value(*r, mptr, &d.property_name)?);
        }
        if let Some(why) =
            self.indistinct_members(&members, &pinned_values, &mapping, &d.property_name)
        {
            self.warnings.push(Located::warning("discriminator-not-used", 
                &dptr,
                format!("{why}, so the discriminator is not used: the union is decoded as one without it (by a property every member pins, else the first member that fits)"),
            ));
            return self.undiscriminated_union(name, members);
        }
        let mut scope = Scope::with_reserved(&[naming::UNKNOWN_VARIANT]);
        let mut members_out: Vec<TaggedMember> = Vec::new();
        // Every member's tag values, the values of members not objects included.
        let mut all_tags: Vec<(String, Vec<String>)> = Vec::new();
        let mut member_keys = Vec::new();
        // Members selected by a pinned value other than their schema name (one warning for all).
        let mut renamed: Vec<String> = Vec::new();
        for (i, ((r, mptr), pinned)) in members.into_iter().zip(pinned_values).enumerate() {
            let (key, tags) = match r {
                SchemaRef::Ref(reference) => {
                    let key = self.component_key_of(reference).unwrap_or(reference);
                    let mapped = mapped_values(mapping.as_slice(), key);
                    let tags = match (mapped.is_empty(), &pinned) {
                        (false, Some(p)) if !mapped.contains(p) => {
                            self.warnings.push(Located::warning("discriminator-mapping-differs", 
                                &mptr,
                                format!("member {reference} pins `{}` to {p:?}, but the discriminator mapping selects it by {mapped:?}; decoding follows the mapping", d.property_name),
                            ));
                            mapped
                        }
                        (false, _) => mapped,
                        // The value the member itself declares is what servers send; its name,
                        // the OpenAPI default, is accepted too.
                        (true, Some(p)) if p != key => {
                            renamed.push(format!("{key} -> {p:?}"));
                            vec![p.clone(), key.to_owned()]
                        }
                        (true, _) => vec![key.to_owned()],
                    };
                    (Some(key), tags)
                }
                SchemaRef::Item(_) => match &pinned {
                    Some(p) => (None, vec![p.clone()]),
                    None => {
                        return Err(Located::new(
                            mptr,
                            format!("this inline member of a union with a discriminator does not pin `{}` to one value (`enum: [value]`), so no tag selects it", d.property_name),
                        ))
                    }
                },
            };
            for tag in &tags {
                if let Some((other, _)) = all_tags.iter().find(|(_, t)| t.contains(tag)) {
                    return Err(Located::new(
                        mptr,
                        format!("discriminator value {tag:?} selects both {other} and this member"),
                    ));
                }
            }
            let target = self.target(r, &mptr)?;
            let tptr = match r {
                SchemaRef::Ref(reference) => match self.resolve_schema(reference, &mptr)? {
                    Target::Component(k, _) => Pointer::component("schemas", k),
                    Target::Place(place, _) => place,
                },
                SchemaRef::Item(_) => mptr.clone(),
            };
            // A member that is not an object has no tag property: it is decoded by shape when
            // the value is not an object, and encoded without a tag.
            let untagged = !matches!(
                self.final_shape(target, &tptr)?.0,
                Shape::Struct { .. } | Shape::Union { .. } | Shape::Map(_)
            );
            if untagged {
                let shown: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
                let (values, verb) = if tags.len() == 1 {
                    ("value", "is")
                } else {
                    ("values", "are")
                };
                let what = match r {
                    SchemaRef::Ref(reference) => reference.to_owned(),
                    SchemaRef::Item(_) => format!("#{}", i + 1),
                };
                self.warnings.push(Located::warning("tagged-member-not-object", 
                    &mptr,
                    format!(
                        "tagged-union member {what} is not an object, so it is decoded by its shape when the value is not an object; its discriminator {values} {} {verb} never read or written",
                        shown.join(", ")
                    ),
                ));
            }
            let hint = match &pinned {
                Some(p) => format!("{name} {p}"),
                None => name.to_owned(),
            };
            let ty = self.type_of(r, &hint, &mptr)?;
            member_keys.extend(key);
            let variant = UnionVariant {
                rust_name: scope.claim(&naming::member_variant_name(&ty, &|id| {
                    self.name_of(id).to_owned()
                })),
                ty,
                validated: false,
                from_impl: false,
            };
            all_tags.push((variant.rust_name.clone(), tags.clone()));
            members_out.push(TaggedMember {
                variant,
                selector: if untagged {
                    Selector::Shape
                } else {
                    Selector::Tags(tags)
                },
            });
        }
        if !renamed.is_empty() {
            self.warnings.push(Located::warning("discriminator-pinned-values", 
                &dptr,
                format!(
                    "members pin `{}` to values other than their schema names (the OpenAPI default without a mapping): {}; the pinned values are written, both are read",
                    d.property_name,
                    renamed.join(", ")
                ),
            ));
        }
        if let Some((value, key)) = mapping.iter().find(|(_, k)| !member_keys.contains(k)) {
            return Err(Located::new(
                dptr.join_all(&["mapping", value]),
                format!("discriminator mapping {value:?} points to {key:?}, which is not one of the union's members"),
            ));
        }
        Ok(Union::Tagged(TaggedUnion {
            property: d.property_name.clone(),
            members: members_out,
            unknown: naming::UNKNOWN_VARIANT.to_owned(),
        }))
    }

    /// A union without a (usable) discriminator: tagged by a property every member pins to a
    /// value of its own (`type: {enum: [a]}`, as serde's internally tagged enums describe
    /// themselves), else untagged (the first member that decodes wins).
    fn undiscriminated_union(
        &mut self,
        name: &str,
        members: Vec<(SchemaRef<'a>, Pointer)>,
    ) -> Res<Union> {
        if let Some((property, values)) = self.pinned_property(&members)? {
            return self.pinned_union(name, members, property, values);
        }
        if let Some((earlier, later, why)) = self.shadowed_member(&members)? {
            self.warnings.push(Located::warning("union-member-shadowed", 
                &members[later].1,
                format!(
                    "member {} {why}, so this member ({}) is decoded only when member {} fails: the two cannot be told apart by shape",
                    earlier + 1,
                    later + 1,
                    earlier + 1
                ),
            ));
        }
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (i, (r, mptr)) in members.into_iter().enumerate() {
            let hint = format!("{name} Variant {}", i + 1);
            let (ty, nullable) = self.value_type(r, &hint, &mptr)?;
            let ty = or_null(ty, nullable);
            variants.push(UnionVariant {
                rust_name: scope.claim(&naming::member_variant_name(&ty, &|id| {
                    self.name_of(id).to_owned()
                })),
                ty,
                validated: false,
                from_impl: false,
            });
        }
        Ok(Union::Untagged(variants))
    }

    /// The first pair of members of an untagged union where the earlier takes every value the
    /// later would (any JSON value; any object, for an object without required properties or a
    /// map), with why: decoding tries members in order, so the later one is hardly ever chosen.
    fn shadowed_member(
        &self,
        members: &[(SchemaRef<'a>, Pointer)],
    ) -> Res<Option<(usize, usize, &'static str)>> {
        let mut shapes = Vec::with_capacity(members.len());
        for (r, mptr) in members {
            let target = self.target(*r, mptr)?;
            shapes.push(self.final_shape(target, mptr)?.0);
        }
        let is_object = |s: &Shape<'_>| matches!(s, Shape::Struct { .. } | Shape::Map(_));
        for (i, earlier) in shapes.iter().enumerate() {
            // What the earlier member takes: any value (`true`) or any object (`false`).
            let (why, any_value) = match earlier {
                Shape::Prim(TypeRef::Json) | Shape::Fallback(_) => ("takes any JSON value", true),
                Shape::Struct {
                    required,
                    parts: None,
                    ..
                } if required.is_empty() => (
                    "is an object without required properties, which takes any object",
                    false,
                ),
                Shape::Map(_) => ("is a map, which takes any object", false),
                _ => continue,
            };
            if let Some(j) = (i + 1..shapes.len()).find(|&j| any_value || is_object(&shapes[j])) {
                return Ok(Some((i, j, why)));
            }
        }
        Ok(None)
    }

    /// Why the discriminator `property` (with `mapping`) cannot tell `members` apart, if it
    /// cannot: an inline member pins no value, or one value selects two members.
    /// `pinned` holds the value each member pins `property` to.
    fn indistinct_members(
        &self,
        members: &[(SchemaRef<'a>, Pointer)],
        pinned: &[Option<String>],
        mapping: &[(&str, &str)],
        property: &str,
    ) -> Option<String> {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (i, ((r, _), pinned)) in members.iter().zip(pinned).enumerate() {
            let pinned = pinned.clone();
            let tags: Vec<String> = match r {
                SchemaRef::Ref(reference) => {
                    let key = self.component_key_of(reference).unwrap_or(reference);
                    let mapped = mapped_values(mapping, key);
                    match (mapped.is_empty(), pinned) {
                        (false, _) => mapped,
                        (true, Some(p)) => vec![p],
                        (true, None) => vec![key.to_owned()],
                    }
                }
                SchemaRef::Item(_) => match pinned {
                    Some(p) => vec![p],
                    None => {
                        return Some(format!(
                            "member {} is inline and pins `{property}` to no one value",
                            i + 1
                        ))
                    }
                },
            };
            for tag in tags {
                if let Some((_, other)) = seen.iter().find(|(t, _)| *t == tag) {
                    return Some(format!(
                        "`{property}` {tag:?} selects both member {} and member {}",
                        other + 1,
                        i + 1
                    ));
                }
                seen.push((tag, i));
            }
        }
        None
    }

    /// A union without discriminator whose members pin `property` to `values` (one each, in
    /// member order): tagged by that property, each variant named after its value.
    fn pinned_union(
        &mut self,
        name: &str,
        members: Vec<(SchemaRef<'a>, Pointer)>,
        property: String,
        values: Vec<String>,
    ) -> Res<Union> {
        let mut scope = Scope::with_reserved(&[naming::UNKNOWN_VARIANT]);
        let mut members_out = Vec::new();
        for ((r, mptr), value) in members.into_iter().zip(values) {
            let ty = self.type_of(r, &format!("{name} {value}"), &mptr)?;
            let rust_name = match r {
                SchemaRef::Ref(_) => {
                    naming::member_variant_name(&ty, &|id| self.name_of(id).to_owned())
                }
                SchemaRef::Item(_) => naming::type_name(&value, "Variant"),
            };
            members_out.push(TaggedMember {
                variant: UnionVariant {
                    rust_name: scope.claim(&rust_name),
                    ty,
                    validated: false,
                    from_impl: false,
                },
                selector: Selector::Tags(vec![value]),
            });
        }
        Ok(Union::Tagged(TaggedUnion {
            property,
            members: members_out,
            unknown: naming::UNKNOWN_VARIANT.to_owned(),
        }))
    }

    /// The value member `r` pins `property` to: the one value of the property's `enum`, when the
    /// member is an object declaring it so.
    pub(super) fn pinned_value(
        &self,
        r: SchemaRef<'a>,
        ptr: &Pointer,
        property: &str,
    ) -> Res<Option<String>> {
        let target = self.target(r, ptr)?;
        let Shape::Struct { props, .. } = self.final_shape(target, ptr)?.0 else {
            return Ok(None);
        };
        let Some((_, schema, pptr)) = props.into_iter().find(|(n, _, _)| *n == property) else {
            return Ok(None);
        };
        let prop = self.target(schema, &pptr)?;
        Ok(match self.final_shape(prop, &pptr)?.0 {
            Shape::Enum(values) if values.len() == 1 => values.into_iter().next(),
            _ => None,
        })
    }

    /// The property every member (two or more, all objects) pins to a value of its own, with
    /// the values in member order: the first such property of the first member.
    pub(super) fn pinned_property(
        &self,
        members: &[(SchemaRef<'a>, Pointer)],
    ) -> Res<Option<(String, Vec<String>)>> {
        if members.len() < 2 {
            return Ok(None);
        }
        let (first, fptr) = &members[0];
        let target = self.target(*first, fptr)?;
        let Shape::Struct { props, .. } = self.final_shape(target, fptr)?.0 else {
            return Ok(None);
        };
        for (candidate, _, _) in props {
            let mut values: Vec<String> = Vec::new();
            for (r, mptr) in members {
                match self.pinned_value(*r, mptr, candidate)? {
                    Some(v) if !values.contains(&v) => values.push(v),
                    _ => break,
                }
            }
            if values.len() == members.len() {
                return Ok(Some((candidate.to_owned(), values)));
            }
        }
        Ok(None)
    }

    /// The fields of struct `parent`, in spec order, then the flattened union of its `oneOf`/
    /// `anyOf` parts (which carries their tag property, left out here), then the kept additional
    /// properties.
    fn fields(
        &mut self,
        parent: &str,
        props: Vec<Prop<'a>>,
        required: &[&str],
        extra: Option<(Extra<'a>, Pointer)>,
        parts: Option<Parts<'a>>,
    ) -> Res<Vec<Field>> {
        let parts = match parts {
            Some(p) => {
                let tag = self.parts_tag(&p)?;
                Some((p, tag))
            }
            None => None,
        };
        let props: Vec<Prop<'a>> = match &parts {
            Some((_, Some((property, _)))) => props
                .into_iter()
                .filter(|(n, _, _)| n != property)
                .collect(),
            _ => props,
        };
        let mut scope = Scope::default();
        let mut fields = Vec::with_capacity(props.len() + 2);
        for (json, schema, pptr) in props.iter().cloned() {
            let rust_name = scope.claim(&naming::field_name(json, "field"));
            let target = self.target(schema, &pptr)?;
            let (doc, deprecated) = match schema {
                SchemaRef::Ref(_) => (docs::schema_doc(target), false),
                SchemaRef::Item(s) => (docs::schema_doc(s), s.schema_data.deprecated),
            };
            let access = match (target.schema_data.read_only, target.schema_data.write_only) {
                (true, false) => Access::ReadOnly,
                (false, true) => Access::WriteOnly,
                _ => Access::ReadWrite,
            };
            let (ty, nullable) = self.value_type(schema, &format!("{parent} {json}"), &pptr)?;
            let limits = match schema {
                SchemaRef::Item(s) => limits(s, &ty, &pptr, &mut self.warnings),
                SchemaRef::Ref(_) => Limits::default(),
            };
            let is_required = required.contains(&json);
            let default = match schema {
                SchemaRef::Item(s) if !is_required && !nullable && access == Access::ReadWrite => {
                    match &s.schema_data.default {
                        Some(v) => {
                            self.default_value(&ty, v, s, &pptr)?
                                .map(|value| FieldDefault {
                                    fn_name: self.default_fns.claim(&naming::field_name(
                                        &format!("default {parent} {json}"),
                                        "default",
                                    )),
                                    value,
                                })
                        }
                        None => None,
                    }
                }
                _ => None,
            };
            // Write-only fields are never required when decoding (responses leave them out).
            let present = is_required && access != Access::WriteOnly;
            let presence = match (present || default.is_some(), nullable) {
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
                access,
                ctor_arg: (presence == Presence::Required && default.is_none())
                    || (access == Access::WriteOnly && is_required),
                default,
                flatten: false,
            });
        }
        if let Some((parts, tag)) = parts {
            let key = parts.key;
            let ty = self.parts_union(parent, &props, parts, tag)?;
            let doc = format!(
                "The properties of the `{key}` member the value matches, read and written beside \
                 the fields above (`#[serde(flatten)]`)."
            );
            fields.push(flattened(key, scope.claim("variant"), doc, ty, true));
        }
        if let Some((extra, optr)) = extra {
            let ty = self.map_of(Some(extra), &format!("{parent} Value"), &optr)?;
            let doc = "Properties not declared above, kept as received (`additionalProperties`).";
            let name = scope.claim("additional_properties");
            fields.push(flattened(
                "additionalProperties",
                name,
                doc.into(),
                ty,
                false,
            ));
        }
        Ok(fields)
    }

    /// A property's `default` as a Rust value of `ty`; `None` when it has no simple Rust form
    /// (objects, non-empty arrays, dates: the docs still show it). A default of another type is
    /// read as `ty` when its text says one thing (`"false"`, `"3"`, `20` for a string), else
    /// dropped (the field stays optional); either way with a warning at the default.
    fn default_value(
        &mut self,
        ty: &TypeRef,
        v: &serde_json::Value,
        s: &'a Schema,
        pptr: &Pointer,
    ) -> Res<Option<DefaultValue>> {
        use serde_json::Value as J;
        let dptr = pptr.join_all(&["default"]);
        let exact = match (ty, v) {
            (TypeRef::Bool, J::Bool(b)) => Some(DefaultValue::Bool(*b)),
            (TypeRef::I64, J::Number(n)) => n.as_i64().map(DefaultValue::Int),
            (TypeRef::I32, J::Number(n)) => n
                .as_i64()
                .filter(|i| i32::try_from(*i).is_ok())
                .map(DefaultValue::Int),
            (TypeRef::F32 | TypeRef::F64, J::Number(n)) => n.as_f64().map(DefaultValue::Float),
            (TypeRef::String, J::String(text)) => Some(DefaultValue::Str(text.clone())),
            (TypeRef::List(_), J::Array(items)) if items.is_empty() => {
                Some(DefaultValue::EmptyList)
            }
            (TypeRef::Named(_), _) => {
                let (shape, decl) = self.final_shape(s, pptr)?;
                let found = match &shape {
                    Shape::Enum(values) => {
                        let text = match v {
                            J::String(t) => Some(t.clone()),
                            J::Number(_) | J::Bool(_) => Some(v.to_string()),
                            _ => None,
                        };
                        text.and_then(|t| values.iter().position(|x| *x == t))
                            .map(|i| variants(values)[i].rust_name.clone())
                    }
                    Shape::IntEnum(values) => coerce_int(v)
                        .and_then(|t| values.iter().position(|x| *x == t))
                        .map(|i| int_variants(values, decl)[i].rust_name.clone()),
                    _ => return Ok(None),
                };
                let exact_type = match shape {
                    Shape::Enum(_) => v.is_string(),
                    _ => v.is_i64(),
                };
                if found.is_none() {
                    self.warnings.push(Located::warning("default-not-in-enum", 
                        &dptr,
                        format!("default {v} is not one of the enum's values; dropped (the field is optional)"),
                    ));
                } else if !exact_type {
                    self.warnings.push(Located::warning("default-enum-type", 
                        &dptr,
                        format!("default {v} is not of the enum's type; read as the enum value it spells"),
                    ));
                }
                return Ok(found.map(DefaultValue::Variant));
            }
            (
                TypeRef::Bool
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::F32
                | TypeRef::F64
                | TypeRef::String,
                _,
            ) => None,
            _ => return Ok(None),
        };
        if exact.is_some() {
            return Ok(exact);
        }
        let coerced = match (ty, v) {
            (TypeRef::Bool, J::String(t)) => match t.trim() {
                "true" => Some(DefaultValue::Bool(true)),
                "false" => Some(DefaultValue::Bool(false)),
                _ => None,
            },
            (TypeRef::I64, _) => coerce_int(v).map(DefaultValue::Int),
            (TypeRef::I32, _) => coerce_int(v)
                .filter(|i| i32::try_from(*i).is_ok())
                .map(DefaultValue::Int),
            (TypeRef::F32 | TypeRef::F64, J::String(t)) => t
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(DefaultValue::Float),
            (TypeRef::String, J::Number(_) | J::Bool(_)) => Some(DefaultValue::Str(v.to_string())),
            _ => None,
        };
        let shown = type_word(ty);
        self.warnings.push(Located::warning("default-type", 
            &dptr,
            match &coerced {
                Some(_) => format!("default {v} is not of the property's type ({shown}); read as {shown}"),
                None => format!("default {v} does not fit the property's type ({shown}); dropped (the field is optional)"),
            },
        ));
        Ok(coerced)
    }

    /// The shape a schema ends in after following single-member wrappers and `$ref`s, with the
    /// schema that declares it.
    fn final_shape(&self, s: &'a Schema, ptr: &Pointer) -> Res<(Shape<'a>, &'a Schema)> {
        let (mut s, mut ptr) = (s, ptr.to_owned());
        for _ in 0..64 {
            match self.shape(s, &ptr)? {
                Shape::Same(r, p) => {
                    s = self.target(r, &p)?;
                    ptr = p;
                }
                other => return Ok((other, s)),
            }
        }
        Err(Located::new(ptr, "schema nests too deeply"))
    }
}

/// Variant names for enum values, unique and never `Unknown` (kept for unknown values).
fn variants(values: &[String]) -> Vec<Variant> {
    let mut scope = Scope::with_reserved(&[naming::UNKNOWN_VARIANT]);
    values
        .iter()
        .map(|v| Variant {
            wire: v.clone(),
            rust_name: scope.claim(&naming::variant_name(v, "Value")),
        })
        .collect()
}

/// Variant names for integer enum values: from `x-enum-varnames` when it names every value,
/// else `Value1`, `ValueMinus1`; unique and never `Unknown`.
fn int_variants(values: &[i64], s: &Schema) -> Vec<IntVariant> {
    let names: Option<Vec<&str>> = s
        .schema_data
        .extensions
        .get("x-enum-varnames")
        .and_then(|v| v.as_array())
        .filter(|a| a.len() == values.len())
        .and_then(|a| a.iter().map(|n| n.as_str()).collect());
    let mut scope = Scope::with_reserved(&[naming::UNKNOWN_VARIANT]);
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let raw = match &names {
                Some(n) => n[i].to_owned(),
                None if *v < 0 => format!("value minus {}", v.unsigned_abs()),
                None => format!("value {v}"),
            };
            IntVariant {
                value: *v,
                rust_name: scope.claim(&naming::variant_name(&raw, "Value")),
            }
        })
        .collect()
}

/// Whether an `enum` lists a value twice.
fn repeats_a_value(s: &Schema) -> bool {
    let values: Vec<serde_json::Value> = match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => st
            .enumeration
            .iter()
            .map(|v| serde_json::json!(v))
            .collect(),
        SchemaKind::Type(Type::Integer(it)) => it
            .enumeration
            .iter()
            .map(|v| serde_json::json!(v))
            .collect(),
        SchemaKind::Any(a) => a.enumeration.clone(),
        _ => return false,
    };
    values
        .iter()
        .enumerate()
        .any(|(i, v)| values[..i].contains(v))
}

/// Why an integer enum's `x-enum-varnames` cannot name its values, if it is there and cannot.
fn varnames_problem(values: &[i64], s: &Schema) -> Option<String> {
    let names = s.schema_data.extensions.get("x-enum-varnames")?;
    let Some(list) = names.as_array() else {
        return Some("it is not a list".into());
    };
    if list.len() != values.len() {
        return Some(format!(
            "it has {} names for {} distinct values",
            list.len(),
            values.len()
        ));
    }
    if list.iter().any(|n| !n.is_string()) {
        return Some("not every name is a string".into());
    }
    None
}

/// String limits of an inline schema whose field has type `ty`: kept only on plain strings
/// (a warning, at `ptr`, names limits left unchecked on formats and enums, and patterns the
/// generated checks cannot express).
pub(super) fn limits(
    s: &Schema,
    ty: &TypeRef,
    ptr: &Pointer,
    warnings: &mut Vec<Located>,
) -> Limits {
    let SchemaKind::Type(Type::String(st)) = &s.schema_kind else {
        return Limits::default();
    };
    if st.min_length.is_none() && st.max_length.is_none() && st.pattern.is_none() {
        return Limits::default();
    }
    if *ty != TypeRef::String {
        let (what, key) = match &st.format {
            VariantOrUnknownOrEmpty::Item(f) => (format!("format {}", string_format(f)), "format"),
            VariantOrUnknownOrEmpty::Unknown(f) => (format!("format {f}"), "format"),
            VariantOrUnknownOrEmpty::Empty if !st.enumeration.is_empty() => {
                ("an enum".to_owned(), "enum")
            }
            VariantOrUnknownOrEmpty::Empty => {
                ("a value that is not a plain string".to_owned(), "type")
            }
        };
        warnings.push(Located::warning("limit-not-checked", 
            ptr.join_all(&[key]),
            format!("limit not checked on {what} (only plain strings get minLength/maxLength/pattern checks)"),
        ));
        return Limits::default();
    }
    let pattern_checks = match st.pattern.as_deref().map(pattern_checks) {
        None => Vec::new(),
        Some(Ok(checks)) => checks,
        Some(Err(why)) => {
            warnings.push(Located::warning(
                "pattern-not-checked",
                ptr.join_all(&["pattern"]),
                format!("pattern not checked before sending: {why}"),
            ));
            Vec::new()
        }
    };
    Limits {
        min_length: st.min_length,
        max_length: st.max_length,
        pattern: st.pattern.clone(),
        pattern_checks,
    }
}

/// The spec spelling of a known string format.
fn string_format(f: &StringFormat) -> &'static str {
    match f {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    }
}

/// Regexes that together check `pattern` with an engine without look-around (`regex-lite`):
/// leading lookaheads right after `^` become separate anchored regexes (`^(?=.*[a-z])X$` ->
/// `^(?:.*[a-z])` and `^X$`). Why not, when look-around remains elsewhere, a top-level `|`
/// follows a lookahead (`^(?=a)|b`), or a regex does not compile.
pub(crate) fn pattern_checks(pattern: &str) -> Result<Vec<String>, String> {
    let mut checks = Vec::new();
    let mut rest = pattern.to_owned();
    while let Some(after) = rest.strip_prefix("^(?=") {
        let Some(end) = group_end(after) else {
            return Err("unbalanced lookahead group".into());
        };
        let tail = &after[end + 1..];
        if has_top_level_alternation(tail) {
            return Err("a lookahead beside a top-level `|` cannot be split off".into());
        }
        checks.push(format!("^(?:{})", &after[..end]));
        rest = if tail.starts_with('^') {
            tail.to_owned()
        } else {
            format!("^{tail}")
        };
    }
    if ["(?=", "(?!", "(?<=", "(?<!"]
        .iter()
        .any(|look| rest.contains(look))
    {
        return Err("look-around is not supported by the regex engine".into());
    }
    checks.push(rest);
    for check in &checks {
        if let Err(e) = regex_lite::Regex::new(check) {
            return Err(format!("the regex engine rejects it ({e})"));
        }
    }
    Ok(checks)
}

/// The characters of a regex outside escapes and character classes, each with the group depth
/// before it (`(` and `)` included).
fn structural(text: &str) -> impl Iterator<Item = (usize, char, usize)> + '_ {
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    text.char_indices().filter_map(move |(i, c)| {
        if escaped {
            escaped = false;
            return None;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            _ if in_class => {}
            _ => {
                let before = depth;
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                return Some((i, c, before));
            }
        }
        None
    })
}

/// Whether `text` has a `|` outside every group and class.
fn has_top_level_alternation(text: &str) -> bool {
    structural(text).any(|(_, c, depth)| c == '|' && depth == 0)
}

/// Index of the `)` closing a group whose body starts `text`, honouring escapes and classes.
fn group_end(text: &str) -> Option<usize> {
    structural(text)
        .find(|&(_, c, depth)| c == ')' && depth == 0)
        .map(|(i, _, _)| i)
}

/// The discriminator `mapping` values that select component `key`, in mapping order.
fn mapped_values(mapping: &[(&str, &str)], key: &str) -> Vec<String> {
    mapping
        .iter()
        .filter(|(_, k)| *k == key)
        .map(|(v, _)| (*v).to_owned())
        .collect()
}

/// An integer a default spells without ambiguity: an integral number within `i64`, or the text of
/// one (`"3"`).
fn coerce_int(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15)
                .map(|x| x as i64)
        }),
        serde_json::Value::String(t) => t.trim().parse().ok(),
        _ => None,
    }
}

/// How a message names a scalar type.
fn type_word(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Bool => "boolean",
        TypeRef::I32 => "32-bit integer",
        TypeRef::I64 => "integer",
        TypeRef::F32 | TypeRef::F64 => "number",
        TypeRef::String => "string",
        _ => "value",
    }
}

#[cfg(test)]
mod tests {
    use super::{group_end, has_top_level_alternation, pattern_checks};

    #[test]
    fn escapes_and_classes_are_not_structure() {
        assert_eq!(group_end(r"a\)b[)]c(d)e)f"), Some(12));
        assert_eq!(group_end(r"a\)[)]"), None);
        assert!(has_top_level_alternation("ab|c"));
        assert!(!has_top_level_alternation(r"(a|b)[|]\|c"));
    }

    #[test]
    fn leading_lookaheads_are_split_off() {
        assert_eq!(
            pattern_checks("^(?=.*[0-9])[a-z0-9]+$"),
            Ok(vec!["^(?:.*[0-9])".to_owned(), "^[a-z0-9]+$".to_owned()])
        );
    }

    #[test]
    fn a_lookahead_beside_a_top_level_alternation_is_not_split() {
        assert!(pattern_checks("^(?=a)|b").is_err());
        assert!(pattern_checks("^(?=a)b|c").is_err());
        assert!(pattern_checks("^(?=a|b)c$").is_ok());
    }

    #[test]
    fn named_groups_are_kept_and_lookbehind_is_refused() {
        assert_eq!(
            pattern_checks("^(?<word>[a-z]+)$"),
            Ok(vec!["^(?<word>[a-z]+)$".to_owned()])
        );
        assert!(pattern_checks("(?<=x)y").is_err());
        assert!(pattern_checks("(?<!x)y").is_err());
    }

    #[test]
    fn patterns_the_engine_rejects_are_refused() {
        assert!(pattern_checks("[a-").is_err());
        assert!(pattern_checks(r"\p{Greek}").is_err());
    }
}
