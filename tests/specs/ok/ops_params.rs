//! Behaviour of the crate generated from ops_params.yaml: every parameter style on the wire.

mod support;

use corpus_ops_params::models::{Color, Filter, Point, SearchItemParams};
use corpus_ops_params::runtime::Timestamp;
use support::*;

#[tokio::test]
async fn query_styles_and_headers_reach_the_wire_exactly() {
    let server = serve(200, r#"{"id": 5}"#).await;
    let params = SearchItemParams {
        ids: vec![1, 2],
        tags: vec!["a".into(), "b,c".into()],
        colors: vec![Color::Red, Color::DarkBlue],
        flags: vec![true, false],
        filter: Some(Filter {
            name: Some("n x".into()),
            min: Some(3),
        }),
        point: Some(Point { x: 4, y: 5 }),
        visibilities: vec![Color::Red, Color::DarkBlue],
        limit: Some(10),
        active: Some(false),
        order: Some(Color::DarkBlue),
        r#where: Some(Filter {
            name: Some("w".into()),
            min: None,
        }),
        x_meta: serde_json::from_value(serde_json::json!({"tags": ["a", "b"]})).ok(),
        x_trace_ids: vec!["t1".into(), "t2".into()],
        x_attempt: Some(2),
        ..SearchItemParams::new(Timestamp::from_unix(0).expect("in range"))
    };
    let item = client(&server)
        .items()
        .search(5, &params)
        .await
        .expect("200 decodes as Item");
    assert_eq!(item.id, 5);
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/items/5");
    assert_eq!(
        request.url.query(),
        Some(
            "ids=1&ids=2&tags=a%2Cb%2Cc&colors=red+dark_blue&flags=true%7Cfalse\
             &filter%5Bmin%5D=3&filter%5Bname%5D=n+x&x=4&y=5\
             &visibilities%5B%5D=red&visibilities%5B%5D=dark_blue\
             &since=1970-01-01T00%3A00%3A00Z&limit=10&active=false&order=dark_blue\
             &where=%7B%22name%22%3A%22w%22%7D"
        )
    );
    assert_eq!(header(&request, "x-trace-ids").as_deref(), Some("t1,t2"));
    assert_eq!(header(&request, "x-attempt").as_deref(), Some("2"));
    assert_eq!(
        header(&request, "x-meta").as_deref(),
        Some(r#"{"tags":["a","b"]}"#)
    );
    assert_eq!(
        header(&request, "x-client-version").as_deref(),
        Some("2024-01-01")
    );
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/json")
    );
}

#[tokio::test]
async fn unset_optional_parameters_are_left_out() {
    let server = serve(200, r#"{"id": 1}"#).await;
    let params = SearchItemParams::new(Timestamp::from_unix(60).expect("in range"));
    client(&server)
        .items()
        .search(1, &params)
        .await
        .expect("200 decodes");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("since=1970-01-01T00%3A01%3A00Z"));
    assert_eq!(header(&request, "x-trace-ids"), None);
    assert_eq!(header(&request, "x-attempt"), None);
}

#[tokio::test]
async fn path_styles_simple_label_and_matrix() {
    let server = serve(204, "").await;
    client(&server)
        .items()
        .get_cell(
            &Color::DarkBlue,
            &[3, 4],
            &["a b".to_owned(), "c".to_owned()],
        )
        .await
        .expect("204 decodes as ()");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/shelves/dark_blue/rows.3,4/cells;cell=a%20b;cell=c"
    );
}
