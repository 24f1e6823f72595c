//! Whole-model passes over finished types: boxing fields that would make a type contain itself,
//! and relaxing read-only fields of request types.

use crate::model::{Access, Presence, TypeDef, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Position of each type in the model by name (names never change during these passes).
type Index = BTreeMap<String, usize>;

/// Named types a value of `ty` holds inline (not behind `Vec`, a map or a `Box`).
fn inline_names(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::OrNull(t) => inline_names(t, out),
        _ => {}
    }
}

/// Named types a value of type `name` holds inline.
fn edges(types: &[TypeDef], index: &Index, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(def) = index.get(name).map(|&i| &types[i]) {
        match &def.kind {
            TypeKind::Struct(fields) => fields.iter().for_each(|f| inline_names(&f.ty, &mut out)),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .for_each(|v| inline_names(&v.ty, &mut out)),
            TypeKind::Alias(t) => inline_names(t, &mut out),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => {}
        }
    }
    out
}

/// Whether a value of type `from` holds a `to` inline, at any depth (`from == to` counts).
fn reaches(types: &[TypeDef], index: &Index, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(n) = todo.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n.clone()) {
            todo.extend(edges(types, index, &n));
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

/// Whether the payload `ty` of a member of type `owner` closes a cycle back to `owner`.
fn closes_cycle(types: &[TypeDef], index: &Index, ty: &TypeRef, owner: &str) -> bool {
    let mut names = Vec::new();
    inline_names(ty, &mut names);
    names.iter().any(|n| reaches(types, index, n, owner))
}

/// Boxes struct fields and union variants through which a type would contain itself, in model
/// order, re-checking after each so only as many boxes as needed are added (`A { b: B }` +
/// `B { a: A }` boxes `A.b` only).
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    let mut index = Index::new();
    for (i, t) in types.iter().enumerate() {
        index.entry(t.name.clone()).or_insert(i);
    }
    for i in 0..types.len() {
        let owner = types[i].name.clone();
        let count = match &types[i].kind {
            TypeKind::Struct(f) => f.len(),
            TypeKind::Union(u) => u.variants.len(),
            _ => 0,
        };
        for j in 0..count {
            let ty = match &types[i].kind {
                TypeKind::Struct(f) => f[j].ty.clone(),
                TypeKind::Union(u) => u.variants[j].ty.clone(),
                _ => unreachable!("counted above"),
            };
            if !closes_cycle(types, &index, &ty, &owner) {
                continue;
            }
            match &mut types[i].kind {
                TypeKind::Struct(f) => f[j].ty = boxed(&ty),
                TypeKind::Union(u) => u.variants[j].ty = boxed(&ty),
                _ => unreachable!("counted above"),
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

/// Every named type mentioned anywhere in `ty` (through lists, maps, boxes, options).
fn all_names(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::List(t) | TypeRef::Map(t) | TypeRef::OrNull(t) | TypeRef::Boxed(t) => {
            all_names(t, out)
        }
        _ => {}
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
        let owner = types[i].name.clone();
        let mut todo = Vec::new();
        all_names(ty, &mut todo);
        let mut seen = BTreeSet::new();
        let mut cyclic = false;
        while let Some(n) = todo.pop() {
            if n == owner {
                cyclic = true;
                break;
            }
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(TypeDef {
                kind: TypeKind::Alias(t),
                ..
            }) = types.iter().find(|t| t.name == n)
            {
                all_names(t, &mut todo);
            }
        }
        if cyclic {
            types[i].kind = TypeKind::Alias(TypeRef::Json);
            warnings.push(crate::error::Located::new(
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
        TypeRef::Named(n) => match types.iter().find(|t| t.name == *n) {
            Some(TypeDef {
                kind: TypeKind::Alias(t),
                ..
            }) => expand(t, types, depth + 1),
            _ => ty.clone(),
        },
        TypeRef::List(t) => TypeRef::List(inner(t)),
        TypeRef::Map(t) => TypeRef::Map(inner(t)),
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
        let own = TypeRef::Named(types[i].name.clone());
        let canon: Vec<TypeRef> = u.variants.iter().map(|v| expand(&v.ty, types, 0)).collect();
        let flags: Vec<bool> = u
            .variants
            .iter()
            .zip(&canon)
            .map(|(v, c)| {
                !matches!(v.ty, TypeRef::OrNull(_))
                    && *c != own
                    && canon.iter().filter(|o| *o == c).count() == 1
            })
            .collect();
        if let TypeKind::Union(u) = &mut types[i].kind {
            for (v, flag) in u.variants.iter_mut().zip(flags) {
                v.from_impl = flag;
            }
        }
    }
}
