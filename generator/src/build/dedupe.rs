//! Look-alike types merged: an inline schema repeated in many places (an enum copied into
//! every `allOf` child, the same error body under each operation) becomes one type, named by
//! its first place in model order, or by a look-alike component if there is one. Components keep
//! their names: they are the spec's own vocabulary, so only inline types are merged away.

use super::rewrite_ids;
use crate::model::{Resource, TypeDef, TypeId, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Most rounds of merging: each round can make the parents of merged types look alike too.
const MAX_ROUNDS: usize = 32;

/// `types` with every inline type that looks like an earlier type replaced by it, to a fixpoint;
/// every id (in the types, the operations and the error types) rewritten to the new positions.
///
/// Shape keys are computed once and, after each round, again only for the types that referred
/// to a merged type (their keys name the type standing in for it now); ids stay those of
/// `types` until the end, when the merged types are dropped and the rest renumbered in order.
pub(super) fn merge_look_alikes(
    mut types: Vec<TypeDef>,
    resources: &mut [Resource],
    error_types: &mut [TypeRef],
) -> Vec<TypeDef> {
    let n = types.len();
    let component: Vec<bool> = types.iter().map(is_component).collect();
    let mut alive = vec![true; n];
    let mut keys: Vec<String> = types.iter().map(TypeDef::shape).collect();
    // Type -> the types whose definitions refer to it.
    let mut referrers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, def) in types.iter().enumerate() {
        for id in def.kind.refs().into_iter().flat_map(TypeRef::named) {
            referrers[id.index()].push(i);
        }
    }
    // Type -> the type standing in for it (itself while alive).
    let mut stand_in: Vec<usize> = (0..n).collect();
    for _ in 0..MAX_ROUNDS {
        let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for i in (0..n).filter(|&i| alive[i]) {
            by_key.entry(keys[i].as_str()).or_default().push(i);
        }
        let mut merges: Vec<(usize, usize)> = Vec::new();
        for group in by_key.values().filter(|g| g.len() > 1) {
            // A component keeps its name, so it stands in for look-alike inline types even when
            // one of them comes first.
            let keeper = group
                .iter()
                .copied()
                .find(|&i| component[i])
                .unwrap_or(group[0]);
            merges.extend(
                group
                    .iter()
                    .filter(|&&i| i != keeper && !component[i])
                    .map(|&i| (i, keeper)),
            );
        }
        if merges.is_empty() {
            break;
        }
        let mut touched = BTreeSet::new();
        for (gone, keeper) in merges {
            alive[gone] = false;
            stand_in[gone] = keeper;
            let refs = std::mem::take(&mut referrers[gone]);
            touched.extend(refs.iter().copied());
            referrers[keeper].extend(refs);
        }
        for i in touched.into_iter().filter(|&i| alive[i]) {
            for t in types[i].kind.refs_mut() {
                t.map_named(&mut |id| TypeId(resolve(&stand_in, id.index()) as u32));
            }
            keys[i] = types[i].shape();
        }
    }
    // Drop the merged types, renumber the rest in order.
    let mut new_id = vec![TypeId(u32::MAX); n];
    let mut kept = Vec::with_capacity(n);
    for (i, def) in types.into_iter().enumerate() {
        if alive[i] {
            new_id[i] = TypeId(kept.len() as u32);
            kept.push(def);
        }
    }
    rewrite_ids(&mut kept, resources, error_types, |id| {
        new_id[resolve(&stand_in, id.index())]
    });
    kept
}

/// The live type standing in for type `i` (following merges made in later rounds).
fn resolve(stand_in: &[usize], mut i: usize) -> usize {
    while stand_in[i] != i {
        i = stand_in[i];
    }
    i
}

/// Whether a type is a component schema's own (its source is `#/components/schemas/<key>`).
fn is_component(def: &TypeDef) -> bool {
    def.source.component_name("schemas").is_some()
}
