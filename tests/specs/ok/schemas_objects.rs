//! Behaviour of the crate generated from schemas_objects.yaml: read-only and write-only fields,
//! defaults, kept additional properties, recursion, nullables, integer enums, and `anyOf`
//! members that only narrow an object's properties.

mod support;

use corpus_schemas_objects::models::{
    Account, Bag, ChainA, ChainB, ClosedBag, Colour, Forest, HttpCode, Level, OpenBag, Priority,
    Settings, SettingsMode, TreeNode,
};
use serde_json::json;
use support::*;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn read_only_fields_are_not_sent_and_write_only_fields_not_required_back() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/accounts"))
        // `id` and `created_at` are read-only: never sent, even when set.
        .and(body_json(
            json!({"name": "ada", "password": "correct horse"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "acc_1",
            "name": "ada",
            "created_at": "2026-11-24T08:00:00Z"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut body = Account::new("ada", "correct horse");
    body.id = Some("ignored".into());
    let stored = client(&server)
        .accounts()
        .create(&body)
        .await
        .expect("a response without the write-only password decodes");
    assert_eq!(stored.id.as_deref(), Some("acc_1"));
    assert_eq!(stored.password, None);
    assert!(stored.created_at.is_some());
}

#[test]
fn missing_fields_decode_to_their_spec_defaults() {
    let s: Settings = serde_json::from_value(json!({"owner": "o"})).unwrap();
    assert_eq!(s.limit, 20);
    assert_eq!(s.ratio, 0.5);
    assert!(s.enabled);
    assert_eq!(s.label, "none");
    assert_eq!(s.mode, SettingsMode::Safe);
    assert_eq!(s.level, Level::Medium);
    assert_eq!(s.priority, Priority::Value2);
    assert!(s.tags.is_empty());
    assert_eq!(s.extras, None);
    assert_eq!(
        s,
        Settings::new("o"),
        "the constructor uses the same defaults"
    );
    let given: Settings =
        serde_json::from_value(json!({"owner": "o", "limit": 5, "mode": "fast", "priority": 9}))
            .unwrap();
    assert_eq!(given.limit, 5);
    assert_eq!(given.mode, SettingsMode::Fast);
    assert_eq!(given.priority, Priority::Unknown(9));
}

#[test]
fn additional_properties_are_kept_when_the_spec_declares_them() {
    let bag: Bag = serde_json::from_value(json!({"kind": "k", "a": 1, "b": 2})).unwrap();
    assert_eq!(bag.kind, "k");
    assert_eq!(bag.additional_properties.get("b"), Some(&2));
    assert_eq!(
        serde_json::to_value(&bag).unwrap(),
        json!({"kind": "k", "a": 1, "b": 2})
    );
    let open: OpenBag = serde_json::from_value(json!({"kind": "k", "x": {"y": true}})).unwrap();
    assert_eq!(open.additional_properties["x"], json!({"y": true}));
    // additionalProperties: false still never rejects a response.
    let closed: ClosedBag = serde_json::from_value(json!({"kind": "k", "extra": 1})).unwrap();
    assert_eq!(closed.kind.as_deref(), Some("k"));
    // A typed extra value of the wrong type is an error.
    assert!(serde_json::from_value::<Bag>(json!({"kind": "k", "a": "x"})).is_err());
}

#[test]
fn recursive_types_are_boxed_and_round_trip() {
    let tree = json!({"name": "leaf", "parent": {"name": "root"}, "children": [{"name": "kid"}]});
    let node: TreeNode = serde_json::from_value(tree.clone()).unwrap();
    assert_eq!(node.parent.as_ref().unwrap().name, "root");
    assert_eq!(serde_json::to_value(&node).unwrap(), tree);
    let chain = ChainA {
        b: Some(Box::new(ChainB {
            a: Some(ChainA::default()),
        })),
    };
    assert_eq!(
        serde_json::to_value(&chain).unwrap(),
        json!({"b": {"a": {}}})
    );
}

#[test]
fn nullables_decode_null_everywhere() {
    let forest: Forest = serde_json::from_value(json!({
        "tree": {"name": "t"},
        "chain": {"b": {"a": null}},
        "scores": {"x": null, "y": 2},
        "maybe_names": ["a", null],
        "name": null,
        "colour": null,
        "code": 404,
        "level": null,
        "patch": {"status": "completed", "conclusion": "success"}
    }))
    .unwrap();
    assert!(forest.chain.b.unwrap().a.is_none());
    let scores = forest.scores.unwrap();
    assert_eq!((scores["x"], scores["y"]), (None, Some(2)));
    assert_eq!(
        forest.maybe_names.unwrap(),
        vec![Some("a".to_owned()), None]
    );
    assert_eq!(forest.name, None);
    assert_eq!(forest.colour, None);
    assert_eq!(forest.code, Some(HttpCode::NotFound));
    assert_eq!(forest.level, None);
    // anyOf members that only narrow the properties leave a plain struct.
    let patch = forest.patch.unwrap();
    assert_eq!(patch.status.as_deref(), Some("completed"));
    assert_eq!(patch.conclusion.as_deref(), Some("success"));
    let coloured: Forest =
        serde_json::from_value(json!({"tree": {"name": "t"}, "chain": {}, "colour": "green"}))
            .unwrap();
    assert_eq!(coloured.colour, Some(Colour::Green));
}

#[test]
fn integer_enums_are_open() {
    assert_eq!(
        serde_json::from_value::<HttpCode>(json!(-1)).unwrap(),
        HttpCode::Unset
    );
    assert_eq!(
        serde_json::from_value::<HttpCode>(json!(418)).unwrap(),
        HttpCode::Unknown(418)
    );
    assert_eq!(
        serde_json::to_value(HttpCode::Unknown(418)).unwrap(),
        json!(418)
    );
    assert_eq!(serde_json::to_value(Priority::Value3).unwrap(), json!(3));
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
}
