//! Behaviour of the crate generated from schemas_pinned_unions.yaml: a payload of each member
//! decodes into that member, by the value it pins, and encodes back to the same JSON.

mod support;

use corpus_schemas_pinned_unions::models::{Pet, Shape};
use serde_json::json;
use support::*;

#[test]
fn members_pinning_a_property_are_told_apart_by_it() {
    // Every member would accept the others' payloads if tried in order; the tag decides.
    assert!(matches!(
        round_trip::<Shape>(json!({"type": "circle", "radius": 1.5})),
        Shape::Circle(c) if c.radius == 1.5
    ));
    assert!(matches!(
        round_trip::<Shape>(json!({"type": "square", "side": 2.0})),
        Shape::Square(s) if s.side == 2.0
    ));
    assert!(matches!(
        round_trip::<Shape>(json!({"type": "blob", "note": "n"})),
        Shape::Blob(b) if b.note.as_deref() == Some("n")
    ));
    // A type this client does not know is kept, not forced into a member.
    assert!(matches!(
        round_trip::<Shape>(json!({"type": "hexagon", "sides": 6})),
        Shape::Unknown(_)
    ));
}

#[test]
fn a_discriminated_member_is_selected_by_the_value_it_pins() {
    // Servers send the member's own value (`dog`), not its schema name (`Dog`).
    assert!(matches!(
        round_trip::<Pet>(json!({"kind": "dog", "barks": true})),
        Pet::Dog(d) if d.barks == Some(true)
    ));
    // The schema name, the OpenAPI default, is read too.
    let named: Pet = serde_json::from_value(json!({"kind": "Dog"})).expect("decodes");
    assert!(matches!(named, Pet::Dog(_)));
    // An inline member, selected by its pinned value.
    assert!(matches!(
        round_trip::<Pet>(json!({"kind": "cat", "lives": 9})),
        Pet::PetCat(c) if c.lives == Some(9)
    ));
}
