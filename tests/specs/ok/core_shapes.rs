//! Behaviour of the crate generated from core_shapes.yaml: an allOf-merged struct with every
//! scalar format, nested inline objects, maps and open enums decodes and re-encodes faithfully.

use corpus_core_shapes::models::{Reading, ReadingLocationPlaceKind, ReadingUnit, Status};
use serde_json::json;

fn full() -> serde_json::Value {
    json!({
        "id": 9007199254740993_i64,
        "created_at": "2024-02-29T23:59:59Z",
        "day": "2024-02-29",
        "level": -2147483648_i64,
        "ratio": 0.5,
        "exact": 0.1,
        "plain": 1e300,
        "unit": "celsius",
        "note": null,
        "location": { "lat": 51.5, "place": { "name": "lab", "kind": "indoor" } },
        "labels": { "b": "2", "a": "1" },
        "counts": { "x": 3 },
        "sensors": { "s1": { "model": "T1000", "status": "in-repair" } },
        "raw": { "anything": [1, { "deep": true }] },
        "history": [[1.5, 2.5], []]
    })
}

#[test]
fn every_shape_decodes_into_its_rust_type() {
    let r: Reading = serde_json::from_value(full()).expect("decodes");
    assert_eq!(r.id, 9007199254740993);
    assert_eq!(
        r.created_at.expect("timestamp").to_rfc3339(),
        "2024-02-29T23:59:59Z"
    );
    assert_eq!(r.day.to_string(), "2024-02-29");
    assert_eq!(r.level, i32::MIN);
    assert_eq!(r.ratio, Some(0.5_f32));
    assert_eq!(r.exact, Some(0.1_f64));
    assert_eq!(r.plain, Some(1e300));
    assert_eq!(r.unit, Some(ReadingUnit::Celsius));
    // Received only: a null note is `None`, like an absent one.
    assert_eq!(r.note, None);
    let location = r.location.expect("location");
    assert_eq!(location.lat, 51.5);
    assert_eq!(location.lon, None);
    let place = location.place.expect("place");
    assert_eq!(place.kind, Some(ReadingLocationPlaceKind::Indoor));
    let labels = r.labels.expect("labels");
    assert_eq!(labels.keys().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(r.counts.expect("counts")["x"], 3);
    assert_eq!(
        r.sensors.expect("sensors")["s1"].status,
        Some(Status::InRepair)
    );
    assert_eq!(r.raw.expect("raw")["anything"][1]["deep"], json!(true));
    assert_eq!(r.history.expect("history"), vec![vec![1.5, 2.5], vec![]]);
}

#[test]
fn encoding_gives_back_what_was_decoded() {
    let r: Reading = serde_json::from_value(full()).expect("decodes");
    let again: Reading =
        serde_json::from_value(serde_json::to_value(&r).expect("encodes")).expect("decodes");
    assert_eq!(r, again);
    let encoded = serde_json::to_value(&r).expect("encodes");
    assert_eq!(
        encoded.get("note"),
        None,
        "a received type has two states: a null is None, not sent back"
    );
    assert_eq!(encoded["sensors"]["s1"]["status"], json!("in-repair"));
}

#[test]
fn only_required_fields_are_needed_and_absent_ones_are_not_sent() {
    let r: Reading = serde_json::from_value(json!({ "id": 1, "day": "2020-01-01", "level": 0 }))
        .expect("decodes");
    assert_eq!(r.note, None);
    assert!(r.location.is_none() && r.labels.is_none());
    let encoded = serde_json::to_value(&r).expect("encodes");
    assert_eq!(encoded, json!({ "id": 1, "day": "2020-01-01", "level": 0 }));
    let missing = serde_json::from_value::<Reading>(json!({ "id": 1, "level": 0 }));
    assert!(missing.is_err(), "`day` is required");
}

#[test]
fn unknown_enum_values_round_trip() {
    let mut doc = full();
    doc["unit"] = json!("kelvin");
    doc["sensors"]["s1"]["status"] = json!("lost");
    let r: Reading = serde_json::from_value(doc).expect("unknown values still decode");
    assert_eq!(r.unit, Some(ReadingUnit::Unknown("kelvin".into())));
    let encoded = serde_json::to_value(&r).expect("encodes");
    assert_eq!(encoded["unit"], json!("kelvin"));
    assert_eq!(encoded["sensors"]["s1"]["status"], json!("lost"));
}
