//! Keeping the build finite when a schema includes its parent: `Pet.both: {allOf: [$ref Pet,
//! {...}]}` merges Pet's properties, `both` among them, into the type of `both`, so building
//! that type meets `both` again, and so on without end. The builder remembers which inline
//! schemas it is building and which it has built, and refers to their names instead.

use super::Builder;
use crate::error::Located;
use crate::model::{TypeId, TypeRef};
use crate::naming;
use crate::pointer::Pointer;
use openapiv3::Schema;

/// An inline schema whose type is being built.
pub(crate) struct InProgress<'a> {
    schema: &'a Schema,
    /// Where the schema is, as a JSON pointer.
    ptr: Pointer,
    /// Its type, when it gets a definition of its own.
    id: Option<TypeId>,
}

/// Stable identity of a schema borrowed from the spec (only compared, never ordered by).
pub(super) fn address(s: &Schema) -> usize {
    s as *const Schema as usize
}

impl<'a> Builder<'a> {
    /// Starts building the type of the inline schema `s` found at `ptr` (named `name`, unless it
    /// maps to an unnamed type such as a list or a map).
    pub(super) fn enter(&mut self, s: &'a Schema, ptr: &Pointer, ty: Option<TypeId>) {
        if let Some(ty) = ty {
            let shared = self.re_entered(ptr);
            self.built.entry(address(s)).or_insert((ty, shared));
        }
        self.building.push(InProgress {
            schema: s,
            ptr: ptr.to_owned(),
            id: ty,
        });
    }

    /// The first type named after the inline schema `s`, if one was.
    pub(super) fn first_type_of(&self, s: &Schema) -> Option<TypeId> {
        self.built.get(&address(s)).map(|&(id, _)| id)
    }

    /// Whether `s` was reached by a `$ref` to its place (see `resolve.rs`).
    pub(super) fn is_ref_target(&self, s: &Schema) -> bool {
        self.place_targets.contains(&address(s))
    }

    /// Ends the innermost [`Self::enter`].
    pub(super) fn leave(&mut self) {
        self.building.pop();
    }

    /// The type of an inline schema met again, or `None` to build it (again).
    ///
    /// - Still being built and named: that name (the recursion pass boxes the cycle later).
    /// - Still being built, unnamed, with a named type built in between: `None`, since building
    ///   it again ends at that name.
    /// - Still being built, unnamed, nothing named in between: it holds itself only through
    ///   lists and maps, which no Rust type expresses: `serde_json::Value`, with a warning.
    /// - Brought back by an `allOf` that includes its component while a part of that component
    ///   is being built, and built before: that type, so each schema of the component is built
    ///   once instead of once per path through the cycle. A type first built that way is used
    ///   wherever its schema is met later too.
    ///
    /// Elsewhere (`Dog: {allOf: [$ref Pet, ...]}` merging Pet's inline enum) a schema gets a
    /// type per use, named after the use, as without cycles.
    pub(super) fn again(&mut self, s: &'a Schema, ptr: &Pointer) -> Option<TypeRef> {
        if let Some(at) = self.building.iter().position(|b| std::ptr::eq(b.schema, s)) {
            match self.building[at].id {
                Some(id) => return Some(TypeRef::Named(id)),
                None if self.building[at + 1..].iter().any(|b| b.id.is_some()) => return None,
                None => {
                    self.warnings.push(Located::warning("recursive-through-containers", 
                        ptr,
                        "this schema contains itself only through arrays or maps, which no Rust type can express; mapped to serde_json::Value",
                    ));
                    return Some(TypeRef::Json);
                }
            }
        }
        match self.built.get(&address(s)) {
            Some(&(id, shared)) if shared || self.re_entered(ptr) => Some(TypeRef::Named(id)),
            _ => None,
        }
    }

    /// The naming hint for the type of a schema first met inside a cycle (see [`Self::again`]):
    /// its place in its component (`Pet` `both` -> `PetBoth`, list items `Item`, map values
    /// `Value`, union members `Variant <n>`), as if it had been met there first. `None` outside
    /// cycles, where a type is named after its use.
    pub(super) fn cycle_hint(&self, ptr: &Pointer) -> Option<String> {
        if !self.re_entered(ptr) {
            return None;
        }
        let component = ptr.component_root("schemas")?;
        let key = ptr.component_key("schemas")?;
        let component_type = *self.component_ids.get(key.as_str())?;
        let below = ptr.tokens_below(&component)?;
        naming::place_hint(self.name_of(component_type), &below)
    }

    /// Whether `ptr`, inside a component schema, is reached while a part of that component that
    /// does not contain it is being built: only an `allOf` including the component brings it
    /// there (a part's own sub-schemas are built as usual, named after their use).
    fn re_entered(&self, ptr: &Pointer) -> bool {
        let Some(component) = ptr.component_root("schemas") else {
            return false;
        };
        self.building
            .iter()
            .any(|b| b.ptr.within(&component) && !ptr.within(&b.ptr))
    }
}
