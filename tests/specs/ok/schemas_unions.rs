//! Behaviour of the crate generated from schemas_unions.yaml: tagged unions pick the variant by
//! the discriminator (mapping and implicit names), keep unknown tags, and re-encode unchanged;
//! untagged unions take the first member that fits; recursion through a union is boxed.

mod support;

use corpus_schemas_unions::models::{
    Cat, Circle, Dog, Expression, IdOrName, LabelOrDay, Literal, Pet, Report, ReportMaybePet,
    ReportMixed, Shape, Square, Sum,
};
use serde_json::{json, Value};
use support::client;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `support::round_trip` (decodes `value` as `T` and checks it encodes back to `value`), then
/// checks the decoded value with `check`.
fn round_trip<T>(value: Value, check: impl FnOnce(&T))
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    check(&support::round_trip::<T>(value));
}

#[test]
fn mapped_tags_select_their_variant_and_round_trip() {
    round_trip::<Pet>(
        json!({"pet_type": "dog", "name": "Rex", "good": true}),
        |p| match p {
            Pet::Dog(d) => assert_eq!((d.pet_type.as_str(), d.name.as_str()), ("dog", "Rex")),
            other => panic!("{other:?}"),
        },
    );
    // A second mapping value for the same member: the variant keeps the tag it was sent.
    round_trip::<Pet>(json!({"pet_type": "puppy", "name": "Bit"}), |p| {
        assert!(matches!(p, Pet::Dog(d) if d.pet_type == "puppy"))
    });
    // A member that does not declare the discriminator gets it written back.
    round_trip::<Pet>(json!({"pet_type": "cat", "name": "Tom", "lives": 9}), |p| {
        assert_eq!(
            p,
            &Pet::Cat(Cat {
                name: "Tom".into(),
                lives: Some(9)
            })
        )
    });
}

#[test]
fn implicit_component_name_tag_selects_its_variant() {
    round_trip::<Pet>(json!({"pet_type": "Lizard", "colour": null}), |p| match p {
        Pet::Lizard(l) => {
            assert_eq!(l.pet_type.as_deref(), Some("Lizard"));
            assert!(l.colour.is_null());
        }
        other => panic!("{other:?}"),
    });
}

#[test]
fn unknown_tag_is_kept_as_json_and_sent_back_unchanged() {
    let parrot = json!({"pet_type": "parrot", "words": ["hello"]});
    round_trip::<Pet>(parrot.clone(), |p| {
        assert_eq!(p, &Pet::Unknown(parrot.clone()))
    });
    // A missing tag is unknown too, not a failure.
    round_trip::<Pet>(json!({"name": "?"}), |p| {
        assert!(matches!(p, Pet::Unknown(_)))
    });
}

#[test]
fn a_known_tag_with_a_bad_body_fails_naming_the_variant() {
    let e = serde_json::from_value::<Pet>(json!({"pet_type": "dog"})).unwrap_err();
    assert!(e.to_string().contains("Dog"), "{e}");
    assert!(e.to_string().contains("name"), "{e}");
    assert!(serde_json::from_value::<Pet>(json!("dog")).is_err());
}

#[test]
fn constructed_variants_encode_with_their_tag() {
    let cat: Pet = Cat::new("Tom").into();
    assert_eq!(
        serde_json::to_value(&cat).unwrap(),
        json!({"pet_type": "cat", "name": "Tom"})
    );
    let dog = Pet::Dog(Dog::new("dog", "Rex"));
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"pet_type": "dog", "name": "Rex"})
    );
}

#[test]
fn untagged_unions_take_the_first_member_that_fits() {
    round_trip::<Shape>(json!({"radius": 1.5}), |s| {
        assert_eq!(s, &Shape::Circle(Circle { radius: 1.5 }))
    });
    round_trip::<Shape>(json!({"side": 2.0}), |s| {
        assert_eq!(s, &Shape::Square(Square { side: 2.0 }))
    });
    round_trip::<IdOrName>(json!(7), |v| assert_eq!(v, &IdOrName::I64(7)));
    round_trip::<IdOrName>(json!("seven"), |v| {
        assert_eq!(v, &IdOrName::String("seven".into()))
    });
    round_trip::<ReportMixed>(json!(["a", "b"]), |v| {
        assert_eq!(v, &ReportMixed::StringList(vec!["a".into(), "b".into()]))
    });
    round_trip::<ReportMixed>(json!({"note": "hi"}), |v| {
        assert!(matches!(v, ReportMixed::ReportMixedVariant3(n) if n.note == "hi"))
    });
    assert!(serde_json::from_value::<IdOrName>(json!(true)).is_err());
    // Members that alias the same type: the first wins; `From` exists only for the distinct one.
    round_trip::<LabelOrDay>(json!("x"), |v| {
        assert_eq!(v, &LabelOrDay::Label("x".into()))
    });
    // Untagged order: a date string also fits the earlier `Label` member.
    round_trip::<LabelOrDay>(json!("2026-11-24"), |v| {
        assert!(matches!(v, LabelOrDay::Label(_)))
    });
    use corpus_schemas_unions::runtime::time::{Date, Month};
    let date = Date::from_calendar_date(2026, Month::November, 24).unwrap();
    assert_eq!(
        serde_json::to_value(LabelOrDay::from(date)).unwrap(),
        json!("2026-11-24")
    );
}

#[test]
fn recursion_through_a_union_is_boxed_and_round_trips() {
    let value =
        json!({"left": {"value": 1.0}, "right": {"left": {"value": 2.0}, "right": {"value": 3.0}}});
    round_trip::<Expression>(value, |e| match e {
        Expression::Sum(sum) => {
            let Sum { left, right } = &**sum;
            assert_eq!(left, &Expression::Literal(Literal { value: 1.0 }));
            assert!(matches!(right, Expression::Sum(_)));
        }
        other => panic!("{other:?}"),
    });
}

#[test]
fn a_report_decodes_every_union_field() {
    round_trip::<Report>(
        json!({
            "shape": {"side": 1.0},
            "id": "r-1",
            "expression": {"value": 4.0}
        }),
        |r| {
            assert!(matches!(r.shape, Shape::Square(_)));
            assert!(r.maybe_pet.is_none());
            assert!(r.mixed.is_none());
        },
    );
    // A report is only received: a null union is `None`, like an absent one.
    let with_null: Report = serde_json::from_value(json!({
        "shape": {"side": 1.0}, "id": "r-1", "expression": {"value": 4.0}, "maybe_pet": null
    }))
    .expect("decodes");
    assert!(with_null.maybe_pet.is_none());
    round_trip::<Report>(
        json!({"shape": {"radius": 1.0}, "id": 3, "expression": {"value": 0.0}, "maybe_pet": {"name": "Tom"}}),
        |r| assert!(matches!(&r.maybe_pet, Some(ReportMaybePet::Cat(_)))),
    );
}

#[tokio::test]
async fn the_client_sends_and_receives_tagged_unions() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(json!({"pet_type": "cat", "name": "Tom"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"pet_type": "ferret", "name": "F"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let stored = client(&server)
        .pets()
        .create(&Pet::Cat(Cat::new("Tom")))
        .await
        .expect("an unknown tag in a response does not fail the call");
    assert_eq!(
        stored,
        Pet::Unknown(json!({"pet_type": "ferret", "name": "F"}))
    );
}
