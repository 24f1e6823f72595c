//! `oneOf`/`anyOf` beside `properties` whose members add properties of their own: the object's
//! struct holds the common properties and a `#[serde(flatten)]` field of a union of the member
//! parts (`shape.rs` recognises the form, `Shape::Struct { parts: Some(..) }`).

use super::shape::{Parts, Prop, Shape};
use super::{Builder, SchemaRef};
use crate::error::{Located, Res};
use crate::model::{
    Doc, Selector, TaggedMember, TaggedUnion, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;

/// The property that tells the parts apart, with each member's value in member order.
pub(super) type Tag = (String, Vec<String>);

impl<'a> Builder<'a> {
    /// The tag of the parts: the discriminator's property when every member pins it to a value
    /// of its own, else the first property every member pins so (the dropshot/schemars
    /// pattern), else none (an untagged union).
    pub(super) fn parts_tag(&mut self, parts: &Parts<'a>) -> Res<Option<Tag>> {
        let members: Vec<(SchemaRef<'a>, Pointer)> = parts
            .members
            .iter()
            .map(|(s, p)| (SchemaRef::Item(s), p.clone()))
            .collect();
        if let Some(d) = parts.discriminator {
            let mut values: Vec<String> = Vec::new();
            for (r, mptr) in &members {
                match self.pinned_value(*r, mptr, &d.property_name)? {
                    Some(v) if !values.contains(&v) => values.push(v),
                    _ => break,
                }
            }
            if values.len() == members.len() {
                return Ok(Some((d.property_name.clone(), values)));
            }
            self.warnings.push(Located::warning(
                "discriminator-not-used",
                parts.at.join_all(&["discriminator"]),
                format!(
                    "the {} members do not each pin `{}` to a value of their own, so the \
                     discriminator is not used: the parts are told apart as without one",
                    parts.key, d.property_name
                ),
            ));
        }
        self.pinned_property(&members)
    }

    /// The union of the parts of struct `parent`, whose own properties are `common` (the tag
    /// property, when there is one, already left out: the union carries it). Each member
    /// becomes a struct of the properties it adds (the ones `common` declares only narrow them);
    /// tagged members are named after their tag value, others `<Parent>Variant<n>`.
    pub(super) fn parts_union(
        &mut self,
        parent: &str,
        common: &[Prop<'a>],
        parts: Parts<'a>,
        tag: Option<Tag>,
    ) -> Res<TypeRef> {
        let union_name = naming::claim_type_name(
            &mut self.type_names,
            &format!("{parent} Variant"),
            None,
            "Variant",
        );
        let union_id = self.new_placed_type(union_name.clone());
        let declared = |k: &str| common.iter().any(|(n, _, _)| *n == k);
        let mut scope = match tag {
            Some(_) => Scope::with_reserved(&[naming::UNKNOWN_VARIANT]),
            None => Scope::default(),
        };
        let last = parts.members.len().saturating_sub(1);
        let mut variants = Vec::with_capacity(parts.members.len());
        for (i, (m, mptr)) in parts.members.into_iter().enumerate() {
            let (props, required) = match self.shape(m, &mptr)? {
                Shape::Struct {
                    props, required, ..
                } => (props, required),
                _ => (Vec::new(), Vec::new()),
            };
            let own: Vec<Prop<'a>> = props.into_iter().filter(|(k, _, _)| !declared(k)).collect();
            let own_required: Vec<&'a str> = required
                .into_iter()
                .filter(|k| own.iter().any(|(n, _, _)| n == k))
                .collect();
            if tag.is_none() && i < last && own_required.is_empty() {
                self.warnings.push(Located::warning(
                    "union-member-shadowed",
                    &mptr,
                    format!(
                        "{} member {} requires none of the properties it adds, so it fits any \
                         object: the later members are decoded only when it fails",
                        parts.key,
                        i + 1
                    ),
                ));
            }
            let (hint, variant) = match &tag {
                Some((_, values)) => (
                    format!("{parent} {}", values[i]),
                    Some(naming::type_name(&values[i], "Variant")),
                ),
                None => (format!("{parent} Variant {}", i + 1), None),
            };
            let title = m.schema_data.title.as_deref();
            let name = naming::claim_type_name(&mut self.type_names, &hint, title, "Variant");
            let id = self.new_placed_type(name.clone());
            self.enter(m, &mptr, Some(id));
            let shape = Shape::Struct {
                props: own,
                required: own_required,
                extra: None,
                parts: None,
            };
            let def = self.named_type(&name, m, shape, &mptr);
            self.leave();
            self.fill(id, def?);
            variants.push(UnionVariant {
                rust_name: scope.claim(&variant.unwrap_or(name)),
                ty: TypeRef::Named(id),
                validated: false,
                from_impl: false,
            });
        }
        let union = match tag {
            Some((property, values)) => Union::Tagged(TaggedUnion {
                property,
                members: variants
                    .into_iter()
                    .zip(values)
                    .map(|(variant, value)| TaggedMember {
                        variant,
                        selector: Selector::Tags(vec![value]),
                    })
                    .collect(),
                unknown: naming::UNKNOWN_VARIANT.to_owned(),
            }),
            None => Union::Untagged(variants),
        };
        self.fill(
            union_id,
            TypeDef {
                name: union_name,
                doc: Doc {
                    summary: Some(format!(
                        "The properties that differ between the shapes of [`{parent}`] (its \
                         `{}`), read and written beside its own.",
                        parts.key
                    )),
                    description: None,
                    facts: Vec::new(),
                },
                source: parts.at.join_all(&[parts.key]),
                kind: TypeKind::Union(union),
                in_request: false,
                validated: false,
                deprecated: false,
            },
        );
        Ok(TypeRef::Named(union_id))
    }
}
