//! The JSON examples of the API reference pages (seeds 000, 001, 002) decode into `Product`.

use whop_products::models::{
    AffiliateStatus, BusinessType, CustomCta, IndustryType, Product, UpdateProductRequest,
    Visibility,
};
use whop_products::Nullable;

fn product(json: &str) -> Product {
    serde_json::from_str(json).expect("the seed example decodes into Product")
}

const CREATE_RESPONSE: &str = include_str!("../fixtures/seed000_create_response.json");
const PRODUCT_OBJECT: &str = include_str!("../fixtures/seed001_product_object.json");
const UPDATE_RESPONSE: &str = include_str!("../fixtures/seed002_update_response.json");

#[test]
fn create_response_example_decodes_every_field() {
    let p = product(CREATE_RESPONSE);
    assert_eq!(p.id, "prod_xxxxxxxxxxxxx");
    assert_eq!(p.title.as_deref(), Some("Pickaxe Analytics"));
    assert_eq!(p.visibility, Some(Visibility::Visible));
    assert_eq!(
        p.headline.as_deref(),
        Some("Real-time data analytics for creators")
    );
    assert!(p.verified);
    assert_eq!(p.created_at.unix_timestamp(), 1_701_406_800);
    assert_eq!(p.member_count, 42);
    assert_eq!(p.route.as_deref(), Some("pickaxe-analytics"));
    assert_eq!(p.external_identifier.as_deref(), Some("ext_prod_12345"));
    assert_eq!(p.custom_cta, Some(CustomCta::GetAccess));
    assert_eq!(p.custom_statement_descriptor.as_deref(), Some("PICKAXE"));
    assert_eq!(p.global_affiliate_percentage, Some(6.9));
    assert_eq!(p.global_affiliate_status, Some(AffiliateStatus::Enabled));
    assert_eq!(p.member_affiliate_status, Some(AffiliateStatus::Enabled));
    let images = p.gallery_images.expect("gallery images present");
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].id, "<string>");
    let tax = p.product_tax_code.expect("tax code present");
    assert_eq!(tax.name, "Digital - SaaS");
    assert_eq!(tax.product_type, "physical");
    assert_eq!(p.owner_user.username, "johndoe42");
    assert_eq!(p.company.route, "pickaxe");
    // Absent in this older page: decodes as unset rather than failing.
    assert_eq!(p.metadata, None);
    assert_eq!(p.business_type, None);
}

#[test]
fn product_object_example_decodes_with_metadata() {
    let p = product(PRODUCT_OBJECT);
    assert_eq!(p.metadata, Some(serde_json::Map::new()));
    assert_eq!(p.company.title, "Pickaxe");
    assert_eq!(p.updated_at.unix_timestamp(), 1_701_406_800);
}

#[test]
fn update_response_example_with_unix_timestamps_decodes() {
    let p = product(UPDATE_RESPONSE);
    assert_eq!(p.created_at.unix_timestamp(), 1_701_406_800);
    assert_eq!(p.updated_at.unix_timestamp(), 1_701_406_800);
    assert_eq!(p.business_type, Some(BusinessType::EducationProgram));
    assert_eq!(p.industry_type, Some(IndustryType::Trading));
    assert_eq!(p.gallery_images, None);
    assert_eq!(p.external_identifier, None);
}

#[test]
fn iso_and_unix_timestamps_name_the_same_second() {
    let iso = product(CREATE_RESPONSE);
    let unix = product(UPDATE_RESPONSE);
    assert_eq!(
        iso.created_at.unix_timestamp(),
        unix.created_at.unix_timestamp()
    );
}

#[test]
fn unknown_enum_values_are_kept_and_encoded_back() {
    let json = CREATE_RESPONSE.replace("\"get_access\"", "\"book_a_call\"");
    let p = product(&json);
    assert_eq!(p.custom_cta, Some(CustomCta::Unknown("book_a_call".into())));
    let back = serde_json::to_value(&p).unwrap();
    assert_eq!(back["custom_cta"], "book_a_call");
}

#[test]
fn product_round_trips_through_json() {
    let p = product(PRODUCT_OBJECT);
    let again = product(&serde_json::to_string(&p).unwrap());
    assert_eq!(p, again);
}

/// One rule for optional nullable fields: a type only received (`Product`) has two states, absent
/// and `null` both `None`; a type that is sent (`UpdateProductRequest`) keeps three, so a change
/// can clear a field (`null`) or leave it alone (omitted).
#[test]
fn optional_nullable_fields_have_three_states_only_where_they_are_sent() {
    let mut seed: serde_json::Value = serde_json::from_str(UPDATE_RESPONSE).unwrap();
    seed["business_type"] = serde_json::Value::Null;
    let null: Product = serde_json::from_value(seed.clone()).unwrap();
    seed.as_object_mut().unwrap().remove("business_type");
    let absent: Product = serde_json::from_value(seed).unwrap();
    assert_eq!(null.business_type, None);
    assert_eq!(null, absent);
    assert!(serde_json::to_value(&null)
        .unwrap()
        .get("business_type")
        .is_none());

    let clear = UpdateProductRequest {
        business_type: Nullable::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&clear).unwrap(),
        serde_json::json!({"business_type": null})
    );
    let keep = UpdateProductRequest::default();
    assert_eq!(serde_json::to_value(&keep).unwrap(), serde_json::json!({}));
}
