//! Splitting a large crate into cargo features, one per resource: which crates are split, and
//! which features compile each type.
//!
//! A type is compiled when any resource whose operations reach it is enabled; a type reached from
//! what every operation shares (the error body) or from every resource, always; a type no
//! operation reaches (webhook payloads, the spec's vocabulary), and what it names, also under a
//! feature of its own. Reachability follows every reference, so an enabled type never names a
//! disabled one ([`Api::gate_violations`] checks it).

use super::reachable;
use crate::model::{Api, TagFeatures, TypeId};
use crate::naming;
use std::collections::BTreeSet;

/// From this many operations on, a spec with two resources or more is split when neither the
/// caller nor `info.x-tag-features` says otherwise: below it the whole crate compiles in seconds.
pub(crate) const AUTO_MIN_OPERATIONS: usize = 100;

/// Whether to split `api`: `wanted` (the caller's setting, else the spec's), else the size rule.
pub(crate) fn wanted(api: &Api, wanted: Option<bool>) -> bool {
    let operations: usize = api.resources.iter().map(|r| r.operations.len()).sum();
    api.resources.len() >= 2 && wanted.unwrap_or(operations >= AUTO_MIN_OPERATIONS)
}

/// The features of `api`'s resources and the gate of each of its types.
pub(crate) fn split(api: &Api) -> TagFeatures {
    let accessors: Vec<String> = api.resources.iter().map(|r| r.accessor.clone()).collect();
    let (resources, unreached, all) = naming::tag_features(&accessors);
    let always = reachable(&api.types, api.error_type.named());
    // Resource `i` (and index `resources.len()`: the types no operation reaches, and what they
    // name) compiles each type in its reach.
    let mut gates: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
    for (i, r) in api.resources.iter().enumerate() {
        let roots: Vec<TypeId> = r
            .operations
            .iter()
            .flat_map(|op| op.named_types())
            .collect();
        for id in reachable(&api.types, roots) {
            gates[id.index()].insert(i);
        }
    }
    let unreached_roots: Vec<TypeId> = (0..api.types.len())
        .filter(|&i| gates[i].is_empty())
        .map(|i| TypeId(i as u32))
        .collect();
    for id in reachable(&api.types, unreached_roots) {
        gates[id.index()].insert(resources.len());
    }
    let types = gates
        .iter()
        .enumerate()
        .map(|(i, gate)| {
            let every_resource = (0..resources.len()).all(|r| gate.contains(&r));
            if always.contains(&TypeId(i as u32)) || every_resource {
                Vec::new()
            } else {
                let name = |&g: &usize| resources.get(g).unwrap_or(&unreached).clone();
                gate.iter().map(name).collect()
            }
        })
        .collect();
    TagFeatures {
        resources,
        unreached,
        all,
        types,
    }
}
