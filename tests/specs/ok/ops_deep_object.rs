//! Behaviour of the crate generated from ops_deep_object.yaml: `style: deepObject` on a list, a
//! scalar and an object-or-integer union writes nested keys and list indexes bracketed, by the
//! value's shape.

mod support;

use corpus_ops_deep_object::models::{
    ListChargesCreated, ListChargesCreatedVariant1, ListChargesLinesItem, ListChargesParams,
};
use support::*;

#[tokio::test]
async fn lists_scalars_and_unions_are_written_with_brackets() {
    let server = serve(204, "").await;
    let params = ListChargesParams {
        expand: vec!["customer".into(), "invoice.lines".into()],
        created: Some(ListChargesCreated::from(ListChargesCreatedVariant1 {
            gt: Some(5),
            lte: None,
        })),
        limit: Some(3),
        lines: vec![ListChargesLinesItem {
            amount: Some(7),
            tags: Some(vec!["a".into()]),
        }],
    };
    client(&server)
        .charges()
        .list(&params)
        .await
        .expect("204 is success");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some(
            "expand%5B0%5D=customer&expand%5B1%5D=invoice.lines&created%5Bgt%5D=5&limit=3\
             &lines%5B0%5D%5Bamount%5D=7&lines%5B0%5D%5Btags%5D%5B0%5D=a"
        )
    );
}

#[tokio::test]
async fn the_union_written_as_its_integer_member_is_one_pair() {
    let server = serve(204, "").await;
    let params = ListChargesParams {
        created: Some(ListChargesCreated::I64(1_700_000_000)),
        ..ListChargesParams::default()
    };
    client(&server)
        .charges()
        .list(&params)
        .await
        .expect("204 is success");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("created=1700000000"));
}
