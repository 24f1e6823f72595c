//! Conformance against the spec itself: every operation of the client is sent to a Prism mock
//! server (`prism mock spec/products.yaml`), which validates each request against the spec and
//! rejects non-conforming ones (400/401/422, with an `sl-violations` header), and answers
//! conforming ones from the spec's examples (or, with `Prefer: dynamic=true`, with random values
//! generated from the response schemas).
//!
//! Needs Node and `npm ci` (Prism is a devDependency in package.json), so every test is ignored by
//! default: `cargo test -p whop-products-tests --test prism -- --ignored`.
//!
//! One Prism process serves the whole test binary, stopped when it exits
//! (`prism_harness/server.rs`).

#[path = "prism_harness/server.rs"]
mod server;

use serde_json::json;
use server::{workspace_root, Prism};
use tokio::sync::OnceCell;
use whop_products::models::{
    AffiliateStatus, BusinessType, CreateProductRequest, CreateProductRequestPlanOptions,
    CreateProductRequestPlanOptionsPlanType, CreateProductRequestPlanOptionsReleaseMethod,
    CustomCta, Direction, IndustryType, ListProductsParams, ProductOrder, ProductType,
    UpdateProductRequest, Visibility, VisibilityFilter,
};
use whop_products::runtime::reqwest;
use whop_products::runtime::ApiErrorKind;
use whop_products::{Client, Error, Nullable, Timestamp, API_VERSION};

/// The ids and values of the spec's examples, which Prism answers with.
const PRODUCT_ID: &str = "prod_xxxxxxxxxxxxx";
const COMPANY_ID: &str = "biz_xxxxxxxxxxxxxx";

async fn start_prism() -> Result<Prism, String> {
    let spec = workspace_root().join("spec/products.yaml");
    Prism::start(&spec, std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))).await
}

static PRISM: OnceCell<Result<Prism, String>> = OnceCell::const_new();

/// The base URL of this binary's Prism, started on first use. A failed start fails every test
/// with the same message instead of being retried by each.
async fn prism_url() -> String {
    match PRISM.get_or_init(start_prism).await {
        Ok(prism) => prism.base_url(),
        Err(message) => panic!("Prism is not available: {message}"),
    }
}

async fn client() -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(prism_url().await)
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// Prism reports every request violation, even one that is only a warning, in `sl-violations`.
fn assert_no_violations(headers: &reqwest::header::HeaderMap) {
    if let Some(violations) = headers.get("sl-violations") {
        panic!("Prism reported violations: {violations:?}");
    }
}

/// The violations Prism reported for a rejected request, as JSON text.
fn violations(headers: &reqwest::header::HeaderMap) -> String {
    headers
        .get("sl-violations")
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .unwrap_or_default()
}

#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn create_with_required_fields_conforms() {
    let client = client().await;
    let body = CreateProductRequest::new(COMPANY_ID, "Pickaxe Analytics");
    let response = client
        .products()
        .create(&body)
        .send_with_response()
        .await
        .expect("Prism accepts the create request");
    assert_no_violations(&response.headers);
    let product = response.value;
    assert_eq!(product.id, PRODUCT_ID);
    assert_eq!(product.title.as_deref(), Some("Pickaxe Analytics"));
    assert_eq!(product.company.id, COMPANY_ID);
    assert_eq!(product.owner_user.username, "johndoe42");
    assert_eq!(product.created_at.unix_timestamp(), 1_701_406_800);
}

#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn create_with_optional_fields_conforms() {
    let client = client().await;
    let mut body = CreateProductRequest::new(COMPANY_ID, "Pickaxe Analytics Pro");
    body.collect_shipping_address = Nullable::Value(true);
    body.custom_cta = Nullable::Value(CustomCta::SignUp);
    body.custom_cta_url = Nullable::Value("https://example.com/signup".into());
    body.custom_statement_descriptor = Nullable::Value("WHOP*PICKAXE".into());
    body.description = Nullable::Null;
    body.experience_ids = Nullable::Value(vec!["exp_1".into(), "VXNlci0xMA==".into()]);
    body.global_affiliate_percentage = Nullable::Value(6.9);
    body.global_affiliate_status = Nullable::Value(AffiliateStatus::Enabled);
    body.headline = Nullable::Value("Real-time data analytics for creators".into());
    body.member_affiliate_percentage = Nullable::Null;
    body.member_affiliate_status = Nullable::Value(AffiliateStatus::Disabled);
    body.plan_options = Some(CreateProductRequestPlanOptions {
        base_currency: Some("usd".into()),
        billing_period: Some(30),
        initial_price: Some(10.5),
        renewal_price: Some(9.99),
        plan_type: Some(CreateProductRequestPlanOptionsPlanType::Renewal),
        release_method: Some(CreateProductRequestPlanOptionsReleaseMethod::BuyNow),
        visibility: Some(Visibility::Visible),
    });
    body.product_tax_code_id = Nullable::Value("ptc_xxxxxxxxxxxxxx".into());
    body.redirect_purchase_url = Nullable::Value("https://example.com/thanks".into());
    body.route = Nullable::Value("pickaxe-analytics-pro".into());
    body.send_welcome_message = Nullable::Value(false);
    body.visibility = Nullable::Value(Visibility::Hidden);

    let response = client
        .products()
        .create(&body)
        .idempotency_key("create-with-options-1")
        .send_with_response()
        .await
        .expect("Prism accepts the create request with optional fields");
    assert_no_violations(&response.headers);
    assert_eq!(response.value.id, PRODUCT_ID);
    assert_eq!(response.value.visibility, Some(Visibility::Visible));
}

#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn retrieve_conforms() {
    let client = client().await;
    let response = client
        .products()
        .retrieve(PRODUCT_ID)
        .send_with_response()
        .await
        .expect("Prism accepts the retrieve request");
    assert_no_violations(&response.headers);
    let product = response.value;
    assert_eq!(product.id, PRODUCT_ID);
    assert_eq!(product.custom_cta, Some(CustomCta::GetAccess));
    assert_eq!(product.global_affiliate_percentage, Some(6.9));
    assert_eq!(product.metadata, Some(serde_json::Map::new()));
    let tax = product.product_tax_code.expect("tax code in the example");
    assert_eq!(tax.id, "ptc_xxxxxxxxxxxxxx");
}

#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn update_conforms() {
    let client = client().await;
    let mut metadata = serde_json::Map::new();
    metadata.insert("tier".into(), json!("gold"));
    metadata.insert("seats".into(), json!(3));
    let body = UpdateProductRequest {
        headline: Nullable::Null,
        banner_image: Nullable::Null,
        business_type: Nullable::Value(BusinessType::Software),
        title: Nullable::Value("Pickaxe Pro".into()),
        custom_statement_descriptor: Nullable::Value("WHOP*SPORTS".into()),
        industry_type: Nullable::Value(IndustryType::Software),
        visibility: Nullable::Value(Visibility::QuickLink),
        global_affiliate_percentage: Nullable::Null,
        metadata: Some(metadata),
        ..Default::default()
    };
    let response = client
        .products()
        .update(PRODUCT_ID, &body)
        .send_with_response()
        .await
        .expect("Prism accepts the update request");
    assert_no_violations(&response.headers);
    assert_eq!(response.value.id, PRODUCT_ID);
    assert_eq!(response.value.company.title, "Pickaxe");
}

#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn list_with_every_parameter_conforms() {
    let client = client().await;
    let params = ListProductsParams {
        first: Some(10),
        after: Some("cursor_0".into()),
        product_types: vec![ProductType::Regular, ProductType::App],
        visibilities: vec![VisibilityFilter::Visible, VisibilityFilter::NotArchived],
        created_after: Some(Timestamp::from_unix(1_701_406_800).expect("in range")),
        created_before: Some("2026-06-20T12:30:00.5Z".parse().expect("RFC 3339")),
        direction: Some(Direction::Desc),
        order: Some(ProductOrder::CreatedAt),
        ..ListProductsParams::new(COMPANY_ID)
    };
    let response = client
        .products()
        .list(&params)
        .send_with_response()
        .await
        .expect("Prism accepts the list request");
    assert_no_violations(&response.headers);
    let page = response.value;
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id, PRODUCT_ID);
    assert_eq!(page.data[0].visibility, Visibility::Visible);
    assert!(page.page_info.has_next_page);
}

#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn list_backwards_conforms() {
    let client = client().await;
    let params = ListProductsParams {
        last: Some(5),
        before: Some("cursor_9".into()),
        direction: Some(Direction::Asc),
        order: Some(ProductOrder::UsdGmv30Days),
        ..ListProductsParams::new(COMPANY_ID)
    };
    let response = client
        .products()
        .list(&params)
        .send_with_response()
        .await
        .expect("Prism accepts the list request");
    assert_no_violations(&response.headers);
    assert_eq!(response.value.data[0].title, "Pickaxe Analytics");
}

#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn delete_conforms_and_returns_true() {
    let client = client().await;
    let response = client
        .products()
        .delete(PRODUCT_ID)
        .send_with_response()
        .await
        .expect("Prism accepts the delete request");
    assert_no_violations(&response.headers);
    assert!(response.value);
}

/// Responses generated at random from the response schemas (`Prefer: dynamic=true`): every
/// schema-valid body must decode.
#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn random_schema_valid_responses_decode() {
    let client = client().await;
    let products = client.products();
    for round in 0..15 {
        let product = products
            .retrieve(PRODUCT_ID)
            .header("Prefer", "dynamic=true")
            .await
            .unwrap_or_else(|err| panic!("retrieve, round {round}: {err}"));
        // Prism only generates values of the spec's enums: none may decode as `Unknown`.
        assert!(
            !matches!(product.visibility, Some(Visibility::Unknown(_))),
            "{:?}",
            product.visibility
        );
        assert!(
            !matches!(product.custom_cta, Some(CustomCta::Unknown(_))),
            "{:?}",
            product.custom_cta
        );
        products
            .update(PRODUCT_ID, &UpdateProductRequest::default())
            .header("Prefer", "dynamic=true")
            .await
            .unwrap_or_else(|err| panic!("update, round {round}: {err}"));
        products
            .create(&CreateProductRequest::new(COMPANY_ID, "Random"))
            .header("Prefer", "dynamic=true")
            .await
            .unwrap_or_else(|err| panic!("create, round {round}: {err}"));
        products
            .list(&ListProductsParams::new(COMPANY_ID))
            .header("Prefer", "dynamic=true")
            .await
            .unwrap_or_else(|err| panic!("list, round {round}: {err}"));
        products
            .delete(PRODUCT_ID)
            .header("Prefer", "dynamic=true")
            .await
            .unwrap_or_else(|err| panic!("delete, round {round}: {err}"));
    }
}

/// Error responses of the spec (`Prefer: code=404`) come back as `Error::Api` with the parsed body.
#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn documented_error_responses_decode_into_api_errors() {
    let client = client().await;
    let err = client
        .products()
        .retrieve(PRODUCT_ID)
        .header("Prefer", "code=404")
        .await
        .expect_err("Prism answers 404 when asked to");
    let Error::Api(api) = err else {
        panic!("expected an API error, got {err:?}");
    };
    assert_eq!(api.kind(), ApiErrorKind::NotFound);
    let body = api
        .body
        .as_ref()
        .expect("the 404 body parses as ErrorResponse");
    assert_eq!(body.error.r#type, "not_found");
    assert_eq!(
        body.error.message,
        "No product with id prod_xxxxxxxxxxxxx was found."
    );
    assert_eq!(api.code().as_deref(), Some("not_found"));

    let err = client
        .products()
        .delete(PRODUCT_ID)
        .header("Prefer", "code=403")
        .await
        .expect_err("Prism answers 403 when asked to");
    let api = err.into_api().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::PermissionDenied);
    let body = api.body.expect("the 403 body parses as ErrorResponse");
    assert_eq!(body.error.code.as_deref(), Some("missing_permission"));
}

/// Prism really validates: a request sent through the client with a non-bearer `Authorization`
/// header is refused with 401 and the spec's error body.
#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn prism_rejects_a_request_without_bearer_auth() {
    let client = client().await;
    let err = client
        .products()
        .retrieve(PRODUCT_ID)
        .header("Authorization", "Basic dGVzdDp0ZXN0")
        .await
        .expect_err("Prism refuses non-bearer credentials");
    let api = err.into_api().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::Authentication);
    assert!(
        violations(&api.headers).contains("security"),
        "{:?}",
        api.headers
    );
    let body = api.body.expect("the 401 body parses as ErrorResponse");
    assert_eq!(body.error.r#type, "unauthorized");
}

/// Prism really validates: raw requests that break the spec are refused with 422 and name the
/// offending part (these bypass the client, which cannot build such requests).
#[tokio::test]
#[ignore = "needs Prism: run `npm ci`, then `cargo test -p whop-products-tests --test prism -- --ignored`"]
async fn prism_rejects_requests_that_break_the_spec() {
    let base = prism_url().await;
    let http = reqwest::Client::new();

    // `company_id` is a required query parameter of listProducts.
    let response = http
        .get(format!("{base}/products"))
        .bearer_auth("test-key")
        .header("Api-Version-Date", API_VERSION)
        .send()
        .await
        .expect("Prism answers");
    assert_eq!(response.status().as_u16(), 422);
    let found = violations(response.headers());
    assert!(found.contains("company_id"), "violations: {found}");

    // `title` is at most 40 characters.
    let body = json!({"company_id": COMPANY_ID, "title": "x".repeat(41)});
    let response = http
        .post(format!("{base}/products"))
        .bearer_auth("test-key")
        .header("Api-Version-Date", API_VERSION)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("Prism answers");
    assert_eq!(response.status().as_u16(), 422);
    let found = violations(response.headers());
    assert!(found.contains("title"), "violations: {found}");

    // An enum value outside the spec's list.
    let response = http
        .get(format!(
            "{base}/products?company_id={COMPANY_ID}&direction=sideways"
        ))
        .bearer_auth("test-key")
        .send()
        .await
        .expect("Prism answers");
    assert!(response.status().is_client_error(), "{response:?}");
    let found = violations(response.headers());
    assert!(found.contains("direction"), "violations: {found}");
}
