//! Parameter styles: exact query strings, path segments and header values on the wire.

mod common;

use common::{get, refused, sent};
use openapi_runtime::{Error, Style};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Color {
    Blue,
    DarkRed,
}

#[derive(Serialize)]
struct Point {
    x: i32,
    y: String,
}

fn point(x: i32, y: &str) -> Point {
    Point { x, y: y.into() }
}

#[tokio::test]
async fn query_styles_write_the_documented_strings() {
    let point = point(1, "a b");
    let mut parts = get("/q");
    parts
        .query_styled("ids", &[1, 2, 3], Style::Form, true)
        .query_styled("tags", &["a", "b,c"], Style::Form, false)
        .query_styled(
            "colors",
            &[Color::Blue, Color::DarkRed],
            Style::SpaceDelimited,
            false,
        )
        .query_styled("flags", &[true, false], Style::PipeDelimited, false)
        .query_styled("filter", &point, Style::DeepObject, true)
        .query_styled("pt", &point, Style::Form, false)
        .query_styled("empty", &Vec::<i32>::new(), Style::Form, false)
        .query_styled("none", &None::<i32>, Style::Form, true)
        .query_styled("n", &7_i64, Style::Form, true);
    let request = sent(parts).await;
    assert_eq!(
        request.url.query(),
        Some(
            "ids=1&ids=2&ids=3&tags=a%2Cb%2Cc&colors=blue+dark_red&flags=true%7Cfalse\
             &filter%5Bx%5D=1&filter%5By%5D=a+b&pt=x%2C1%2Cy%2Ca+b&n=7"
        )
    );
}

#[tokio::test]
async fn exploded_form_object_writes_its_own_keys() {
    let mut parts = get("/q");
    parts.query_styled("point", &point(3, "z"), Style::Form, true);
    let request = sent(parts).await;
    assert_eq!(request.url.query(), Some("x=3&y=z"));
}

#[tokio::test]
async fn bracket_arrays_keep_the_key_verbatim() {
    let mut parts = get("/q");
    parts.query_each("visibilities[]", &["a", "b"]);
    let request = sent(parts).await;
    assert_eq!(
        request.url.query(),
        Some("visibilities%5B%5D=a&visibilities%5B%5D=b")
    );
}

#[derive(Serialize)]
struct Range {
    gt: i64,
    tags: Vec<&'static str>,
}

#[tokio::test]
async fn deep_object_brackets_nested_keys_and_list_indexes() {
    let mut parts = get("/q");
    parts
        .query_styled("expand", &["a", "b"], Style::DeepObject, true)
        .query_styled(
            "created",
            &Range {
                gt: 5,
                tags: vec!["x"],
            },
            Style::DeepObject,
            true,
        )
        .query_styled("limit", &3, Style::DeepObject, true)
        .query_styled("lines", &[point(1, "p")], Style::DeepObject, true)
        .query_styled("none", &None::<i32>, Style::DeepObject, true);
    let request = sent(parts).await;
    assert_eq!(
        request.url.query(),
        Some(
            "expand%5B0%5D=a&expand%5B1%5D=b&created%5Bgt%5D=5&created%5Btags%5D%5B0%5D=x\
             &limit=3&lines%5B0%5D%5Bx%5D=1&lines%5B0%5D%5By%5D=p"
        )
    );
}

#[tokio::test]
async fn path_styles_simple_label_matrix() {
    let mut parts = get("/a/");
    parts
        .path_styled("id", &[1, 2], Style::Simple, false)
        .path_literal("/")
        .path_styled("color", &Color::DarkRed, Style::Label, false)
        .path_literal("/")
        .path_styled("ids", &["x y", "z"], Style::Label, true)
        .path_literal("/m")
        .path_styled("id", &[5, 6], Style::Matrix, false)
        .path_styled("id", &[5, 6], Style::Matrix, true)
        .path_styled("p", &point(1, "q"), Style::Matrix, true)
        .path_literal("/")
        .path_styled("p", &point(1, "q"), Style::Simple, false)
        .path_literal("/")
        .path_styled("p", &point(1, "q"), Style::Simple, true);
    let request = sent(parts).await;
    assert_eq!(
        request.url.path(),
        "/a/1,2/.dark_red/.x%20y.z/m;id=5,6;id=5;id=6;x=1;y=q/x,1,y,q/x=1,y=q"
    );
}

#[tokio::test]
async fn simple_path_values_are_one_segment_and_never_empty() {
    let mut parts = get("/t/");
    parts.path_styled("id", &"a/b?c", Style::Simple, false);
    assert_eq!(parts.path(), "/t/a%2Fb%3Fc");
    for bad in ["", ".", ".."] {
        let mut parts = get("/t/");
        parts.path_styled("id", bad, Style::Simple, false);
        let err = refused(parts).await;
        assert!(
            matches!(err, Error::Validation { ref field, .. } if field == "id"),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn header_lists_are_comma_joined_and_objects_follow_explode() {
    let mut parts = get("/h");
    parts
        .header("X-Ids", &[1, 2, 3])
        .header("X-Colors", &vec![Color::Blue, Color::DarkRed])
        .header("X-Empty", &Vec::<String>::new())
        .header("X-Point", &point(1, "q"))
        .header_styled("X-Point-Exploded", &point(1, "q"), true)
        .header("X-Flag", &false);
    let request = sent(parts).await;
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(header("x-ids").as_deref(), Some("1,2,3"));
    assert_eq!(header("x-colors").as_deref(), Some("blue,dark_red"));
    assert_eq!(header("x-empty"), None);
    assert_eq!(header("x-point").as_deref(), Some("x,1,y,q"));
    assert_eq!(header("x-point-exploded").as_deref(), Some("x=1,y=q"));
    assert_eq!(header("x-flag").as_deref(), Some("false"));
}

#[tokio::test]
async fn json_content_parameters_are_sent_as_json_text() {
    let mut parts = get("/j/");
    parts
        .path_styled("p", &point(1, "a"), Style::Json, false)
        .query_styled("filter", &point(2, "b c"), Style::Json, false)
        .query_styled("none", &None::<Point>, Style::Json, false)
        .header_json("X-Filter", &serde_json::json!({"k": [1, 2]}))
        .header_json("X-None", &None::<i32>);
    let request = sent(parts).await;
    assert_eq!(
        request.url.path(),
        "/j/%7B%22x%22%3A1%2C%22y%22%3A%22a%22%7D"
    );
    assert_eq!(
        request.url.query(),
        Some("filter=%7B%22x%22%3A2%2C%22y%22%3A%22b+c%22%7D")
    );
    assert_eq!(request.headers["x-filter"], r#"{"k":[1,2]}"#);
    assert!(!request.headers.contains_key("x-none"));
}
