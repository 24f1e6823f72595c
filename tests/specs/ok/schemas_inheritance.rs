//! Behaviour of the crate generated from schemas_inheritance.yaml: a schema with a discriminator
//! that others extend through `allOf` decodes as the extending schema its tag names, as itself
//! (`PetBase`) for its own name, and keeps unknown tags.

mod support;

use corpus_schemas_inheritance::models::Pet;
use serde_json::json;
use support::round_trip;

#[test]
fn tags_choose_the_extending_schema() {
    match round_trip::<Pet>(json!({"pet_type": "cat", "name": "Tom", "hunts": true})) {
        Pet::Cat(cat) => assert_eq!((cat.name.as_str(), cat.hunts), ("Tom", Some(true))),
        other => panic!("{other:?}"),
    }
    match round_trip::<Pet>(json!({"pet_type": "Dog", "name": "Rex", "bark": "woof"})) {
        Pet::Dog(dog) => assert_eq!(dog.bark, "woof"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_base_name_decodes_as_the_base_and_unknown_tags_are_kept() {
    assert!(matches!(
        round_trip::<Pet>(json!({"pet_type": "Pet", "name": "Generic"})),
        Pet::PetBase(base) if base.name == "Generic"
    ));
    let fish = json!({"pet_type": "fish", "name": "Nemo", "fins": 3});
    assert_eq!(round_trip::<Pet>(fish.clone()), Pet::Unknown(fish));
}

#[test]
fn recursion_through_the_base_union_round_trips() {
    let pet: Pet = round_trip(json!({
        "pet_type": "cat", "name": "Tom",
        "friend": {"pet_type": "Dog", "name": "Rex", "bark": "woof"}
    }));
    let Pet::Cat(cat) = pet else { panic!("a cat") };
    assert!(matches!(cat.friend, Some(Pet::Dog(_))));
}
