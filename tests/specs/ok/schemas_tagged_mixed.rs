//! Behaviour of the crate generated from schemas_tagged_mixed.yaml: a tagged union whose member
//! `Directory` is an array (GitHub's repository contents). A value that is not an object decodes
//! by shape to that member and encodes without a tag; objects are dispatched by their tag as in
//! any tagged union (the mapping's `array` selects nothing); a value no member accepts is refused.

mod support;

use corpus_schemas_tagged_mixed::models::{Content, DirectoryItem, File, FileType, Symlink};
use serde_json::json;
use support::{client, round_trip, serve};

#[test]
fn an_array_decodes_to_the_array_member_and_encodes_without_a_tag() {
    let value = json!([{"type": "file", "name": "a.txt"}, {"type": "dir", "name": "src"}]);
    let decoded = round_trip::<Content>(value);
    assert_eq!(
        decoded,
        Content::Directory(vec![
            DirectoryItem {
                r#type: "file".into(),
                name: "a.txt".into()
            },
            DirectoryItem {
                r#type: "dir".into(),
                name: "src".into()
            },
        ])
    );
    assert_eq!(round_trip::<Content>(json!([])), Content::Directory(vec![]));
}

#[test]
fn objects_with_known_tags_decode_to_their_member() {
    let file = round_trip::<Content>(json!({"type": "file", "name": "a.txt", "size": 3}));
    assert_eq!(
        file,
        Content::File(File {
            r#type: FileType::File,
            name: "a.txt".into(),
            size: Some(3)
        })
    );
    // `Symlink` does not declare the tag: it is written back on encoding.
    let link = round_trip::<Content>(json!({"type": "symlink", "target": "../b"}));
    assert_eq!(
        link,
        Content::Symlink(Symlink {
            target: "../b".into()
        })
    );
}

#[test]
fn unknown_tags_and_the_array_members_tag_on_an_object_are_unknown() {
    let value = json!({"type": "submodule", "url": "https://x.test/r.git"});
    assert_eq!(
        round_trip::<Content>(value.clone()),
        Content::Unknown(value)
    );
    // `array` maps to the array member, which cannot be an object: the tag selects nothing.
    let value = json!({"type": "array", "name": "x"});
    assert_eq!(
        round_trip::<Content>(value.clone()),
        Content::Unknown(value)
    );
    let value = json!({"name": "no tag"});
    assert_eq!(
        round_trip::<Content>(value.clone()),
        Content::Unknown(value)
    );
}

#[test]
fn a_value_no_member_accepts_is_refused() {
    for value in [json!("a string"), json!(3), json!(null), json!([1, 2])] {
        let e = serde_json::from_value::<Content>(value.clone()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected an object with a string `type` tag",
            "{value}"
        );
    }
}

/// The operation's inline response schema is `Content` again, so it is `Content` (merged).
#[tokio::test]
async fn the_client_receives_a_directory_or_an_entry() {
    let server = serve(200, r#"[{"type":"file","name":"a.txt"}]"#).await;
    let got = client(&server)
        .contents()
        .get("src")
        .await
        .expect("an array response decodes");
    assert!(
        matches!(&got, Content::Directory(items) if items.len() == 1 && items[0].name == "a.txt"),
        "{got:?}"
    );
    let server = serve(200, r#"{"type":"file","name":"a.txt"}"#).await;
    let got = client(&server)
        .contents()
        .get("a.txt")
        .await
        .expect("an object response decodes");
    assert!(
        matches!(&got, Content::File(f) if f.name == "a.txt"),
        "{got:?}"
    );
}
