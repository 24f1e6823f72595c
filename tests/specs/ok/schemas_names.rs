//! Behaviour of the crate generated from schemas_names.yaml: awkward property names (keywords,
//! punctuation, leading digits, non-ASCII, collisions) map to distinct Rust names and still use
//! their exact JSON names on the wire.

mod support;

use corpus_schemas_names::models::{Thing, ThingOuter2InnerDeepestKind as Kind};
use serde_json::json;
use support::round_trip;

#[test]
fn every_awkward_name_round_trips_through_its_own_field() {
    let value = json!({
        "type": "t", "self": "s", "crate": true, "async": false, "Self": "S", "2fa": true,
        "x-rate.limit": 1, "X_Rate_Limit": 2, "größe": 1.5, "grosse": 2.5, "名前": "namae",
        "🙂": "smile", "": "empty",
        "outer": {"inner": {"deepest": {"value": "v", "kind": "a_b"}}},
        "outer_inner": {"x": 3}
    });
    // Decodes, and encodes back to exactly `value`.
    let thing: Thing = round_trip(value);
    assert_eq!((thing.r#type.as_str(), thing.self_.as_str()), ("t", "s"));
    assert_eq!(thing.self2.as_deref(), Some("S"));
    assert_eq!(
        (thing.x_rate_limit, thing.x_rate_limit2),
        (Some(1), Some(2))
    );
    assert_eq!((thing.grosse, thing.grosse2), (Some(1.5), Some(2.5)));
    assert_eq!(thing.ming_qian.as_deref(), Some("namae"));
    assert_eq!(thing.field.as_deref(), Some("empty"));
    let kind = thing
        .outer
        .as_ref()
        .unwrap()
        .inner
        .as_ref()
        .unwrap()
        .deepest
        .as_ref()
        .unwrap()
        .kind
        .clone();
    assert_eq!(kind, Some(Kind::AB2));
}

#[test]
fn enum_values_that_collide_keep_distinct_variants() {
    let wires = ["a-b", "a_b", "1", "", "self", "Unknown", "other"];
    let kinds: Vec<Kind> = wires.iter().map(|w| Kind::from(*w)).collect();
    assert_eq!(
        kinds,
        vec![
            Kind::AB,
            Kind::AB2,
            Kind::Value1,
            Kind::Value,
            Kind::SelfModel,
            Kind::Unknown2,
            Kind::Unknown("other".into())
        ]
    );
    for (k, w) in kinds.iter().zip(wires) {
        assert_eq!(k.as_str(), w);
    }
}
