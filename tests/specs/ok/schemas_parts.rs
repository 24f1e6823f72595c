//! Behaviour of the crate generated from schemas_parts.yaml: `oneOf`/`anyOf` members that add
//! properties beside the object's own become a flattened union; every variant round-trips.

mod support;

use corpus_schemas_parts::models::{
    Contact, ContactVariant, Event, EventVariant, Payment, PaymentVariant, Shipment,
    ShipmentVariant,
};
use serde_json::json;
use support::*;

#[test]
fn untagged_parts_decode_as_the_first_member_that_fits() {
    let card: Payment = round_trip(json!({"amount": 5, "currency": "EUR", "card_number": "4242"}));
    assert_eq!(card.amount, 5);
    assert_eq!(card.currency.as_deref(), Some("EUR"));
    let PaymentVariant::PaymentVariant1(part) = &card.variant else {
        panic!("a card payment: {card:?}");
    };
    assert_eq!(part.card_number, "4242");

    let iban: Payment = round_trip(json!({"amount": 7, "iban": "DE00", "bic": "X"}));
    let PaymentVariant::PaymentVariant2(part) = &iban.variant else {
        panic!("an IBAN payment: {iban:?}");
    };
    assert_eq!(
        (part.iban.as_str(), part.bic.as_deref()),
        ("DE00", Some("X"))
    );

    let neither = serde_json::from_value::<Payment>(json!({"amount": 1}));
    assert!(neither.is_err(), "no member fits: {neither:?}");
}

#[test]
fn pinned_parts_are_tagged_by_the_property_they_pin() {
    let parcel: Shipment = round_trip(json!({"id": "s1", "kind": "parcel", "weight": 2.5}));
    assert_eq!(parcel.id, "s1");
    let ShipmentVariant::Parcel(part) = &parcel.variant else {
        panic!("a parcel: {parcel:?}");
    };
    assert_eq!(part.weight, 2.5);

    let letter: Shipment = round_trip(json!({"id": "s2", "kind": "letter", "stamps": 3}));
    assert!(
        matches!(&letter.variant, ShipmentVariant::Letter(l) if l.stamps == Some(3)),
        "{letter:?}"
    );

    // An unknown tag is kept and written back unchanged.
    let other: Shipment = round_trip(json!({"id": "s3", "kind": "crate", "size": 9}));
    assert!(
        matches!(&other.variant, ShipmentVariant::Unknown(_)),
        "{other:?}"
    );
}

#[test]
fn discriminated_parts_are_tagged_by_the_discriminator() {
    let created: Event = round_trip(json!({"id": "e1", "type": "created", "created_by": "ann"}));
    assert!(
        matches!(&created.variant, EventVariant::Created(c) if c.created_by == "ann"),
        "{created:?}"
    );
    let deleted: Event = round_trip(json!({"id": "e2", "type": "deleted", "reason": "spam"}));
    assert!(
        matches!(&deleted.variant, EventVariant::Deleted(_)),
        "{deleted:?}"
    );
}

#[test]
fn any_of_parts_round_trip_each_member() {
    let email: Contact = round_trip(json!({"name": "Ann", "email": "a@example.test"}));
    assert!(
        matches!(&email.variant, ContactVariant::ContactVariant1(e) if e.email == "a@example.test"),
        "{email:?}"
    );
    let phone: Contact = round_trip(json!({"phone": "+1"}));
    assert!(
        matches!(&phone.variant, ContactVariant::ContactVariant2(p) if p.phone == "+1"),
        "{phone:?}"
    );
}
