//! Whole-model passes over finished types: boxing fields that would make a type contain itself,
//! aliases that would name themselves, `From` impls of unions, and relaxing read-only fields of
//! request types. Every pass walks the type graph through [`TypeRef::for_each_named`].

use crate::model::{Access, Held, Presence, TypeDef, TypeId, TypeKind, TypeRef};
use std::collections::BTreeSet;

/// Named types a value of type `id` holds inline (not behind `Vec`, a map or a `Box`).
fn inline_edges(types: &[TypeDef], id: TypeId) -> Vec<TypeId> {
    let mut out = Vec::new();
    for ty in types[id.index()].kind.refs() {
        inline_in(ty, &mut out);
    }
    out
}

/// Named types held inline by a value of `ty`.
fn inline_in(ty: &TypeRef, out: &mut Vec<TypeId>) {
    ty.for_each_named(&mut |id, held| {
        if held == Held::Inline {
            out.push(id);
        }
    });
}

/// Whether a value of type `from` holds a `to` inline, at any depth (`from == to` counts).
fn reaches(types: &[TypeDef], from: TypeId, to: TypeId) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from];
    while let Some(id) = todo.pop() {
        if id == to {
            return true;
        }
        if seen.insert(id) {
            todo.extend(inline_edges(types, id));
        }
    }
    false
}

/// `Box`es the named type inside `ty` (under `Option`, if any).
fn boxed(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::OrNull(t) => TypeRef::OrNull(Box::new(boxed(t))),
        other => TypeRef::Boxed(Box::new(other.clone())),
    }
}

/// Whether the member type `ty` of type `owner` closes a cycle back to `owner`.
fn closes_cycle(types: &[TypeDef], ty: &TypeRef, owner: TypeId) -> bool {
    let mut inline = Vec::new();
    inline_in(ty, &mut inline);
    inline.into_iter().any(|id| reaches(types, id, owner))
}

/// Boxes struct fields and union variants through which a type would contain itself, in model
/// order, re-checking after each so only as many boxes as needed are added (`A { b: B }` +
/// `B { a: A }` boxes `A.b` only).
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    for i in 0..types.len() {
        let owner = TypeId(i as u32);
        for j in 0..types[i].kind.refs().len() {
            let ty = types[i].kind.refs()[j].clone();
            if !matches!(types[i].kind, TypeKind::Alias(_)) && closes_cycle(types, &ty, owner) {
                *types[i].kind.refs_mut()[j] = boxed(&ty);
            }
        }
    }
}

/// Read-only fields of types used in requests are never sent, so they are never required:
/// `T` becomes `Option<T>` and `Option<T>` (required + nullable) becomes `Nullable<T>`.
pub(super) fn relax_read_only(types: &mut [TypeDef]) {
    for def in types.iter_mut().filter(|t| t.in_request) {
        if let TypeKind::Struct(fields) = &mut def.kind {
            for f in fields.iter_mut().filter(|f| f.access == Access::ReadOnly) {
                f.presence = match f.presence {
                    Presence::Required => Presence::Optional,
                    Presence::RequiredNullable | Presence::OptionalNullable => {
                        Presence::OptionalNullable
                    }
                    Presence::Optional => Presence::Optional,
                };
                f.ctor_arg = false;
            }
        }
    }
}

/// A Rust type alias may not mention itself, not even through `Vec` (`Tree: {type: array,
/// items: {$ref: Tree}}`). Such aliases fall back to `serde_json::Value`, with a warning each.
pub(super) fn break_alias_cycles(types: &mut [TypeDef]) -> Vec<crate::error::Located> {
    let mut warnings = Vec::new();
    for i in 0..types.len() {
        let TypeKind::Alias(ty) = &types[i].kind else {
            continue;
        };
        let owner = TypeId(i as u32);
        let mut todo = ty.named();
        let mut seen = BTreeSet::new();
        let mut cyclic = false;
        while let Some(id) = todo.pop() {
            if id == owner {
                cyclic = true;
                break;
            }
            if !seen.insert(id) {
                continue;
            }
            if let TypeKind::Alias(t) = &types[id.index()].kind {
                todo.extend(t.named());
            }
        }
        if cyclic {
            types[i].kind = TypeKind::Alias(TypeRef::Json);
            warnings.push(crate::error::Located::warning("recursive-alias", 
                types[i].source.clone(),
                "this schema contains itself only through arrays, maps or other aliases, which a Rust type alias cannot express; mapped to serde_json::Value",
            ));
        }
    }
    warnings
}

/// `ty` with every alias replaced by what it stands for (bounded, aliases cannot nest deeper).
fn expand(ty: &TypeRef, types: &[TypeDef], depth: usize) -> TypeRef {
    if depth > 64 {
        return ty.clone();
    }
    let inner = |t: &TypeRef| Box::new(expand(t, types, depth + 1));
    match ty {
        TypeRef::Named(id) => match &types[id.index()].kind {
            TypeKind::Alias(t) => expand(t, types, depth + 1),
            _ => ty.clone(),
        },
        TypeRef::List(t) => TypeRef::List(inner(t)),
        TypeRef::Map(t) => TypeRef::Map(inner(t)),
        TypeRef::Tuple(members) => TypeRef::Tuple(
            members
                .iter()
                .map(|t| expand(t, types, depth + 1))
                .collect(),
        ),
        TypeRef::OrNull(t) => TypeRef::OrNull(inner(t)),
        TypeRef::Boxed(t) => expand(t, types, depth + 1),
        other => other.clone(),
    }
}

/// Decides which union variants get a `From` impl: those whose payload type (aliases expanded,
/// boxes looked through) no other variant shares and that are not the union itself, so the
/// impls never conflict.
pub(super) fn mark_union_froms(types: &mut [TypeDef]) {
    for i in 0..types.len() {
        let TypeKind::Union(u) = &types[i].kind else {
            continue;
        };
        let own = TypeRef::Named(TypeId(i as u32));
        let variants = u.variants();
        let canon: Vec<TypeRef> = variants.iter().map(|v| expand(&v.ty, types, 0)).collect();
        let flags: Vec<bool> = variants
            .iter()
            .zip(&canon)
            .map(|(v, c)| {
                !matches!(v.ty, TypeRef::OrNull(_))
                    && *c != own
                    && canon.iter().filter(|o| *o == c).count() == 1
            })
            .collect();
        if let TypeKind::Union(u) = &mut types[i].kind {
            for (v, flag) in u.variants_mut().into_iter().zip(flags) {
                v.from_impl = flag;
            }
        }
    }
}
