//! Look-alike types merged: an inline schema repeated in many places (an enum copied into
//! every `allOf` child, the same error body under each operation) becomes one type, named by
//! its first place in model order, or by a look-alike component if there is one. Components keep
//! their names: they are the spec's own vocabulary, so only inline types are merged away.

use super::rewrite_ids;
use crate::model::{Api, Resource, TypeDef, TypeId, TypeRef};

/// Most rounds of merging: each round can make the parents of merged types look alike too.
const MAX_ROUNDS: usize = 32;

/// `types` with every inline type that looks like an earlier type replaced by it, to a fixpoint;
/// every id (in the types, the operations and the error types) rewritten to the new positions.
pub(super) fn merge_look_alikes(
    mut types: Vec<TypeDef>,
    resources: &mut [Resource],
    error_types: &mut [TypeRef],
) -> Vec<TypeDef> {
    for _ in 0..MAX_ROUNDS {
        let groups = Api::shape_groups(&types);
        // Old id -> the id of the type standing in for it.
        let mut stand_in: Vec<TypeId> = (0..types.len()).map(|i| TypeId(i as u32)).collect();
        let mut merged = false;
        for group in groups {
            // A component keeps its name, so it stands in for look-alike inline types even when
            // one of them comes first.
            let keeper = group
                .iter()
                .copied()
                .find(|id| is_component(&types[id.index()]))
                .unwrap_or(group[0]);
            for &id in &group {
                if id != keeper && !is_component(&types[id.index()]) {
                    stand_in[id.index()] = keeper;
                    merged = true;
                }
            }
        }
        if !merged {
            break;
        }
        // Keep the types standing for themselves, in order; renumber.
        let mut new_id = vec![TypeId(u32::MAX); types.len()];
        let mut kept = Vec::with_capacity(types.len());
        for (i, def) in types.into_iter().enumerate() {
            if stand_in[i].index() == i {
                new_id[i] = TypeId(kept.len() as u32);
                kept.push(def);
            }
        }
        types = kept;
        rewrite_ids(&mut types, resources, error_types, |id| {
            new_id[stand_in[id.index()].index()]
        });
    }
    types
}

/// Whether a type is a component schema's own (its source is `#/components/schemas/<key>`).
fn is_component(def: &TypeDef) -> bool {
    def.source
        .component_key("schemas")
        .is_some_and(|key| def.source == crate::pointer::Pointer::component("schemas", &key))
}
