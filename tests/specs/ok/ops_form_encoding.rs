//! Behaviour of the crate generated from ops_form_encoding.yaml: each property of a form body is
//! written as its `encoding` says (deepObject objects, lists of objects, lists of scalars and
//! unions; form with `explode` given and absent; pipeDelimited; JSON text; allowReserved), the
//! others the default way.

mod support;

use corpus_ops_form_encoding::models::{
    CreateSubscriptionRequest, CreateSubscriptionRequestItemsItem,
    CreateSubscriptionRequestSettings, CreateSubscriptionRequestTrialEnd,
    CreateSubscriptionRequestTrialEndVariant2,
};
use support::*;

/// The body the server received for `body`, and its content type.
async fn sent(body: &CreateSubscriptionRequest) -> (String, Option<String>) {
    let server = serve(204, "").await;
    client(&server)
        .subscriptions()
        .create(body)
        .await
        .expect("204 is success");
    let request = only_request(&server).await;
    let text = String::from_utf8(request.body.clone()).expect("UTF-8 body");
    (text, header(&request, "content-type"))
}

#[tokio::test]
async fn every_property_is_written_in_its_own_style() {
    let body = CreateSubscriptionRequest {
        metadata: Some([("order".to_owned(), "6735".to_owned())].into()),
        items: Some(vec![
            CreateSubscriptionRequestItemsItem {
                price: Some("price_1".into()),
                quantity: Some(2),
            },
            CreateSubscriptionRequestItemsItem {
                price: Some("price_2".into()),
                quantity: None,
            },
        ]),
        expand: Some(vec!["customer".into(), "latest_invoice".into()]),
        trial_end: Some(CreateSubscriptionRequestTrialEnd::from(
            CreateSubscriptionRequestTrialEndVariant2 { days: Some(14) },
        )),
        tags: Some(vec!["a".into(), "b".into()]),
        ids: Some(vec![1, 2]),
        codes: Some(vec!["x".into(), "y".into()]),
        settings: Some(CreateSubscriptionRequestSettings {
            color: Some("red".into()),
        }),
        return_url: Some("https://example.com/done?x=1".into()),
        plain: Some(vec!["p".into(), "q".into()]),
        ..CreateSubscriptionRequest::new("cus_1")
    };
    let (text, content_type) = sent(&body).await;
    assert_eq!(
        content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        text,
        "codes=x%7Cy&customer=cus_1&expand%5B0%5D=customer&expand%5B1%5D=latest_invoice\
         &ids=1%2C2&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=2\
         &items%5B1%5D%5Bprice%5D=price_2&metadata%5Border%5D=6735&plain=p&plain=q\
         &return_url=https://example.com/done?x%3D1&settings=%7B%22color%22%3A%22red%22%7D\
         &tags=a&tags=b&trial_end%5Bdays%5D=14"
    );
}

#[tokio::test]
async fn a_union_is_written_by_its_value_and_absent_properties_not_at_all() {
    let body = CreateSubscriptionRequest {
        trial_end: Some(CreateSubscriptionRequestTrialEnd::I64(1_700_000_000)),
        items: Some(Vec::new()),
        ..CreateSubscriptionRequest::new("cus 2")
    };
    let (text, _) = sent(&body).await;
    assert_eq!(text, "customer=cus+2&trial_end=1700000000");
}
