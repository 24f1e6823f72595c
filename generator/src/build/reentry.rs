//! Keeping the build finite when a schema includes its parent: `Pet.both: {allOf: [$ref Pet,
//! {...}]}` merges Pet's properties, `both` among them, into the type of `both`, so building
//! that type meets `both` again, and so on without end. The builder remembers which inline
//! schemas it is building and which it has built, and refers to their names instead.

use super::Builder;
use crate::error::Located;
use crate::model::{TypeId, TypeRef};
use openapiv3::Schema;

/// An inline schema whose type is being built.
pub(crate) struct InProgress<'a> {
    schema: &'a Schema,
    /// Where the schema is, as a JSON pointer.
    ptr: String,
    /// Its type, when it gets a definition of its own.
    id: Option<TypeId>,
}

/// Stable identity of a schema borrowed from the spec (only compared, never ordered by).
fn address(s: &Schema) -> usize {
    s as *const Schema as usize
}

/// Whether `inner` is the pointer `outer` or below it.
fn within(outer: &str, inner: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A JSON pointer segment as written in the spec.
fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The pointer of the component schema `ptr` lies in, if it lies in one.
fn component_of(ptr: &str) -> Option<&str> {
    let rest = ptr.strip_prefix("#/components/schemas/")?;
    Some(&ptr[..ptr.len() - rest.len() + rest.find('/').unwrap_or(rest.len())])
}

impl<'a> Builder<'a> {
    /// Starts building the type of the inline schema `s` found at `ptr` (named `name`, unless it
    /// maps to an unnamed type such as a list or a map).
    pub(super) fn enter(&mut self, s: &'a Schema, ptr: &str, ty: Option<TypeId>) {
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
    pub(super) fn again(&mut self, s: &'a Schema, ptr: &str) -> Option<TypeRef> {
        if let Some(at) = self.building.iter().position(|b| std::ptr::eq(b.schema, s)) {
            match self.building[at].id {
                Some(id) => return Some(TypeRef::Named(id)),
                None if self.building[at + 1..].iter().any(|b| b.id.is_some()) => return None,
                None => {
                    self.warnings.push(Located::new(
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
    pub(super) fn cycle_hint(&self, ptr: &str) -> Option<String> {
        if !self.re_entered(ptr) {
            return None;
        }
        let component = component_of(ptr)?;
        let key = unescape(component.strip_prefix("#/components/schemas/")?);
        let component_type = *self.component_ids.get(key.as_str())?;
        let mut words = vec![self.name_of(component_type).to_owned()];
        let mut segments = ptr[component.len()..].split('/').skip(1).map(unescape);
        while let Some(segment) = segments.next() {
            match segment.as_str() {
                "properties" => words.extend(segments.next()),
                "items" => words.push("Item".into()),
                "additionalProperties" => words.push("Value".into()),
                "oneOf" | "anyOf" => {
                    let n = segments.next()?.parse::<usize>().ok()?;
                    words.push(format!("Variant {}", n + 1));
                }
                "allOf" => {
                    segments.next();
                }
                _ => words.push(segment),
            }
        }
        Some(words.join(" "))
    }

    /// Whether `ptr`, inside a component schema, is reached while a part of that component that
    /// does not contain it is being built: only an `allOf` including the component brings it
    /// there (a part's own sub-schemas are built as usual, named after their use).
    fn re_entered(&self, ptr: &str) -> bool {
        let Some(component) = component_of(ptr) else {
            return false;
        };
        self.building
            .iter()
            .any(|b| within(component, &b.ptr) && !within(&b.ptr, ptr))
    }
}
