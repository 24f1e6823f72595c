//! Behaviour of the crate generated from schemas_recursion.yaml: a property whose `allOf`
//! includes its parent gives one type that holds itself (boxed where it must be), and values
//! nested to any depth decode and encode back unchanged.

mod support;

use corpus_schemas_recursion::models::{
    CreatePetRequest, CreatePetRequestBoth, Node, NodePick, NodePickVariant1, Pet, PetBoth,
};
use serde_json::json;
use support::*;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn a_property_extending_its_parent_nests_to_any_depth() {
    let pet: Pet = round_trip(json!({
        "name": "rex",
        "both": {
            "name": "rex II",
            "extra": "x",
            "both": {"name": "rex III", "both": {"name": "rex IV", "extra": "deep"}}
        }
    }));
    let both: &PetBoth = pet.both.as_ref().expect("both decoded");
    assert_eq!(both.name, "rex II");
    assert_eq!(both.extra.as_deref(), Some("x"));
    let third: &PetBoth = both.both.as_deref().expect("the nested both is a PetBoth");
    assert_eq!(third.name, "rex III");
    assert_eq!(third.extra, None);
    let fourth = third.both.as_deref().expect("fourth level");
    assert_eq!(fourth.extra.as_deref(), Some("deep"));
    assert!(fourth.both.is_none());
}

#[test]
fn the_merged_type_requires_what_the_parent_requires() {
    let missing_name = serde_json::from_value::<Pet>(json!({"name": "a", "both": {"extra": "x"}}));
    assert!(missing_name.is_err(), "PetBoth requires Pet's `name`");
}

#[test]
fn list_items_map_values_and_union_members_extending_the_parent_decode() {
    let tree: Node = round_trip(json!({
        "label": "root",
        "kids": {"left": {"label": "l", "weight": 2, "kids": {"deep": {"weight": 3}}}},
        "list": [{"rank": 1, "list": [{"rank": 2, "label": "grandchild"}]}],
        "pick": {"tag": "t", "pick": {"tag": "u", "pick": "leaf"}}
    }));
    let left = &tree.kids.as_ref().expect("kids")["left"];
    assert_eq!(left.weight, Some(2));
    assert_eq!(
        left.kids.as_ref().expect("nested kids")["deep"].weight,
        Some(3)
    );
    let first = &tree.list.as_ref().expect("list")[0];
    assert_eq!(first.rank, 1);
    let grandchild = &first.list.as_ref().expect("nested list")[0];
    assert_eq!(
        (grandchild.rank, grandchild.label.as_deref()),
        (2, Some("grandchild"))
    );
    let Some(NodePick::NodePickVariant1(outer)) = &tree.pick else {
        panic!("an object picks the merged member: {:?}", tree.pick);
    };
    let outer: &NodePickVariant1 = outer;
    assert_eq!(outer.tag, "t");
    let Some(NodePick::NodePickVariant1(inner)) = &outer.pick else {
        panic!("nested pick: {:?}", outer.pick);
    };
    assert_eq!(inner.tag, "u");
    assert_eq!(inner.pick, Some(NodePick::String("leaf".into())));
}

#[tokio::test]
async fn an_inline_body_extending_a_recursive_component_is_sent_whole() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(json!({
            "name": "rex",
            "note": "new",
            "both": {"name": "rex II", "both": {"name": "rex III"}}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "rex"})))
        .expect(1)
        .mount(&server)
        .await;
    let innermost = CreatePetRequestBoth::new("rex III");
    let mut both = CreatePetRequestBoth::new("rex II");
    both.both = Some(Box::new(innermost));
    let mut body = CreatePetRequest::new("rex");
    body.note = Some("new".into());
    body.both = Some(both);
    let stored = client(&server)
        .pets()
        .create(&body)
        .await
        .expect("the stored pet decodes");
    assert_eq!(stored.name, "rex");
}
