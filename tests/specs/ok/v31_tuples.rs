//! Behaviour of the crate generated from v31_tuples.yaml: JSON Schema `prefixItems` with
//! `items: false` is a Rust tuple (decoded and encoded as a JSON array, by position).

mod support;

use corpus_v31_tuples::models::{Reading, ReadingSampleItem3};
use serde_json::json;
use support::*;

#[test]
fn tuples_round_trip_as_arrays() {
    let reading: Reading = round_trip(json!({
        "at": [2.35, 48.85],
        "sample": ["t1", null, {"ok": true}],
        "path": [[0.5, 1.5], [2.5, 3.5]]
    }));
    assert_eq!(reading.at, (2.35, 48.85));
    assert_eq!(
        reading.sample,
        ("t1".to_owned(), None, ReadingSampleItem3 { ok: Some(true) })
    );
    assert_eq!(reading.path, Some(vec![(0.5, 1.5), (2.5, 3.5)]));
}

#[test]
fn a_tuple_of_the_wrong_length_or_types_does_not_decode() {
    for sample in [json!(["t1", 3]), json!(["t1", 3, {}, 4]), json!([1, 3, {}])] {
        let value = json!({"at": [0.0, 0.0], "sample": sample});
        assert!(
            serde_json::from_value::<Reading>(value).is_err(),
            "{sample} is not the tuple"
        );
    }
}

#[tokio::test]
async fn a_tuple_is_sent_as_an_array() {
    let server = serve(204, "").await;
    let reading = Reading::new(
        (1.0, 2.0),
        ("s".to_owned(), Some(7), ReadingSampleItem3::default()),
    );
    client(&server)
        .readings()
        .put("r1", &reading)
        .await
        .expect("sent");
    let request = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(sent, json!({"at": [1.0, 2.0], "sample": ["s", 7, {}]}));
}
