//! Request bodies serialize to exactly the JSON the API expects; unset fields are omitted.

use serde_json::json;
use whop_products::models::{
    CreateProductRequest, CreateProductRequestPlanOptions, CreateProductRequestPlanOptionsPlanType,
    CustomCta, UpdateProductRequest, Visibility,
};
use whop_products::Nullable;

#[test]
fn create_with_only_required_fields_sends_only_them() {
    let body = CreateProductRequest::new("biz_xxxxxxxxxxxxxx", "Pickaxe Analytics");
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"company_id": "biz_xxxxxxxxxxxxxx", "title": "Pickaxe Analytics"})
    );
}

#[test]
fn create_with_options_sends_each_set_field() {
    let mut body = CreateProductRequest::new("biz_1", "Course");
    body.custom_cta = Nullable::Value(CustomCta::SignUp);
    body.visibility = Nullable::Value(Visibility::Hidden);
    body.experience_ids = Nullable::Value(vec![]);
    body.description = Nullable::Null;
    body.plan_options = Some(CreateProductRequestPlanOptions {
        initial_price: Some(10.5),
        plan_type: Some(CreateProductRequestPlanOptionsPlanType::OneTime),
        ..Default::default()
    });
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({
            "company_id": "biz_1",
            "title": "Course",
            "custom_cta": "sign_up",
            "description": null,
            "experience_ids": [],
            "plan_options": {"initial_price": 10.5, "plan_type": "one_time"},
            "visibility": "hidden"
        })
    );
}

#[test]
fn update_distinguishes_unchanged_cleared_and_set() {
    let unchanged = UpdateProductRequest::default();
    assert_eq!(serde_json::to_value(&unchanged).unwrap(), json!({}));

    let body = UpdateProductRequest {
        headline: Nullable::Null,
        title: Nullable::Value("New title".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"headline": null, "title": "New title"})
    );
}

#[test]
fn update_metadata_is_a_free_form_object() {
    let mut metadata = serde_json::Map::new();
    metadata.insert("tier".into(), json!("gold"));
    let body = UpdateProductRequest {
        metadata: Some(metadata),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"metadata": {"tier": "gold"}})
    );
}
