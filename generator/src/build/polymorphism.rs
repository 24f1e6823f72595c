//! Inheritance with a discriminator: a component with a `discriminator` (and no `oneOf`/`anyOf`)
//! that other components extend through `allOf: [$ref]` stands for any of them. It becomes a
//! tagged union of the extending components plus `<Name>Base` (its own fields).

use super::shape::Shape;
use super::{docs, Builder};
use crate::error::{Located, Res};
use crate::model::{
    Selector, TaggedMember, TaggedUnion, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use openapiv3::{ReferenceOr, Schema, SchemaKind};

/// The `allOf` members of a schema, whichever form openapiv3 parsed it into.
fn all_of(s: &Schema) -> &[ReferenceOr<Schema>] {
    match &s.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(a) => &a.all_of,
        _ => &[],
    }
}

impl<'a> Builder<'a> {
    /// The union a polymorphic base component `key` becomes, or `None` when it is not one.
    pub(super) fn polymorphic_def(
        &mut self,
        key: &'a str,
        name: &str,
        s: &'a Schema,
        ptr: &Pointer,
    ) -> Res<Option<TypeDef>> {
        let Some(d) = &s.schema_data.discriminator else {
            return Ok(None);
        };
        let shape = self.shape(s, ptr)?;
        // An object whose own `oneOf` members carry the discriminator is built by `parts.rs`.
        if !matches!(shape, Shape::Struct { parts: None, .. }) {
            return Ok(None);
        }
        let schemas = self.spec.components.as_ref().map(|c| &c.schemas);
        // Extending components, in component order, then mapped components not found that way.
        let mut children: Vec<&'a str> = Vec::new();
        for (ck, cs) in schemas.into_iter().flatten() {
            if let ReferenceOr::Item(cs) = cs {
                let extends = all_of(cs).iter().any(|m| {
                    matches!(m, ReferenceOr::Reference { reference }
                        if self.component_key_of(reference) == Some(key))
                });
                if ck != key && extends {
                    children.push(ck);
                }
            }
        }
        let dptr = ptr.join_all(&["discriminator"]);
        let mut mapping: Vec<(&str, &'a str)> = Vec::new();
        for (value, target) in &d.mapping {
            let mptr = &dptr.join_all(&["mapping", value]);
            let Some(ck) = self.mapping_target(target) else {
                return Err(Located::new(
                    mptr,
                    format!("discriminator mapping {value:?} points to {target:?}, which is not a schema of this spec"),
                ));
            };
            if ck != key && !children.contains(&ck) {
                children.push(ck);
            }
            mapping.push((value, ck));
        }
        if children.is_empty() {
            return Ok(None);
        }
        let tags_of = |k: &str| -> Vec<String> {
            let mapped: Vec<String> = mapping
                .iter()
                .filter(|(_, t)| *t == k)
                .map(|(v, _)| (*v).to_owned())
                .collect();
            if mapped.is_empty() {
                vec![k.to_owned()]
            } else {
                mapped
            }
        };
        let base_name = self
            .type_names
            .claim(&naming::type_name(&format!("{name} Base"), "Base"));
        let base_id = self.new_placed_type(base_name.clone());
        self.enter(s, ptr, Some(base_id));
        let mut base = self.named_type(&base_name, s, shape, ptr)?;
        self.leave();
        base.doc.summary = Some(format!(
            "The fields of `{name}` itself (a `{name}` whose tag names no extending schema)."
        ));
        self.fill(base_id, base);
        let mut scope = Scope::with_reserved(&[naming::UNKNOWN_VARIANT]);
        let mut members: Vec<TaggedMember> = Vec::new();
        for ck in children.iter().copied().chain([key]) {
            let (ty, tags) = if ck == key {
                (base_id, tags_of(key))
            } else {
                (self.component_ids[ck], tags_of(ck))
            };
            let ty_name = self.name_of(ty).to_owned();
            for tag in &tags {
                if let Some(other) = members
                    .iter()
                    .find(|m| matches!(&m.selector, Selector::Tags(t) if t.contains(tag)))
                    .map(|m| &m.variant)
                {
                    return Err(Located::new(
                        &dptr,
                        format!(
                            "discriminator value {tag:?} selects both {} and {ty_name}",
                            other.rust_name
                        ),
                    ));
                }
            }
            members.push(TaggedMember {
                variant: UnionVariant {
                    rust_name: scope.claim(&ty_name),
                    ty: TypeRef::Named(ty),
                    validated: false,
                    from_impl: false,
                },
                selector: Selector::Tags(tags),
            });
        }
        let mut doc = docs::schema_doc(s);
        doc.facts.push(format!(
            "Polymorphic: any schema extending `{key}` through `allOf`, chosen by `{}`.",
            d.property_name
        ));
        Ok(Some(TypeDef {
            name: name.to_owned(),
            doc,
            source: ptr.to_owned(),
            kind: TypeKind::Union(Union::Tagged(TaggedUnion {
                property: d.property_name.clone(),
                members,
                unknown: naming::UNKNOWN_VARIANT.to_owned(),
            })),
            in_request: false,
            validated: false,
            deprecated: s.schema_data.deprecated,
        }))
    }
}
