//! No response body, however malformed, makes the client panic: arbitrary bytes, arbitrary JSON
//! values and mutations of the real product example decode into every response type of the
//! client (`Product`, `ProductListResponse`, `bool`, and `ErrorResponse` for error statuses)
//! either successfully or as a typed error.
//!
//! Every input is decoded twice: with `serde_json` directly (many cases), and end to end, through
//! a local mock server answering with the bytes, so the runtime's own decoding (`Error::Decode`
//! with the JSON path of the offending value) is what is checked (fewer cases). Where the spec
//! decides whether a mutated field is acceptable, the outcome and the error's path are checked
//! against it.

use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use whop_products::models::{ErrorResponse, ListProductsParams, Product, ProductListResponse};
use whop_products::{ApiCall, Client, Error, Timestamp};

use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const PRODUCT: &str = include_str!("../fixtures/seed001_product_object.json");

/// Cases of the direct `serde_json` properties, and of the (slower) end-to-end ones.
const DIRECT_CASES: u32 = 1024;
const END_TO_END_CASES: u32 = 128;

/// The longest excerpt of the body an `Error::Decode` carries (documented: about 200 characters).
const MAX_EXCERPT_CHARS: usize = 200;

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Field names of the response types, so that arbitrary objects often hit real fields.
const KNOWN_KEYS: &[&str] = &[
    "id",
    "title",
    "visibility",
    "headline",
    "verified",
    "created_at",
    "updated_at",
    "member_count",
    "route",
    "metadata",
    "company",
    "owner_user",
    "gallery_images",
    "product_tax_code",
    "business_type",
    "data",
    "page_info",
    "has_next_page",
    "has_previous_page",
    "end_cursor",
    "error",
    "type",
    "message",
    "code",
];

/// Strings that mean something to the decoders: enum values, timestamps, numbers in strings,
/// HTML (excerpts strip tags) and non-ASCII text (excerpts cut on characters).
const INTERESTING_STRINGS: &[&str] = &[
    "",
    " ",
    "visible",
    "get_access",
    "enabled",
    "education_program",
    "2023-12-01T05:00:00.401Z",
    "2023-12-01T05:00:00+01:00",
    "2023-12-01",
    "1701406800",
    "-1e300",
    "NaN",
    "9999-12-31T23:59:59.999999999Z",
    "9999-12-31T23:59:59-01:00",
    "0000-01-01T00:00:00+01:00",
    "0000-01-01T00:00:00Z",
    "2023-12-01T05:00:00.401+23:59",
    "2023-12-01T05:00:00,5Z",
    "2023-W48-5T05:00:00Z",
    "+002023-12-01T05:00:00Z",
    "-62167219201",
    "1701406800.5",
    "<html><title>502 Bad Gateway</title></html>",
    "<!-- x",
    "<script>",
    "é€😀\u{0}\u{7f}",
];

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KNOWN_KEYS).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

fn arb_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0i64,
            -1,
            1_701_406_800,
            253_402_300_799,
            253_402_300_800,
            -62_167_219_200,
            -62_167_219_201,
            -377_705_116_800,
            -377_705_116_801,
            i64::MIN,
            i64::MAX
        ])
        .prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,24}".prop_map(Value::String),
        prop::sample::select(INTERESTING_STRINGS).prop_map(Value::from),
    ]
}

/// Arbitrary JSON: at most 4 levels deep, about 48 nodes, up to 6 items per array or object.
fn arb_json() -> impl Strategy<Value = Value> {
    arb_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((arb_key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Arbitrary bytes, and bytes that are almost JSON: the example with a byte changed, cut short,
/// or followed by something.
fn arb_body() -> impl Strategy<Value = Vec<u8>> {
    let example = PRODUCT.as_bytes().to_vec();
    let len = example.len();
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..192),
        "\\PC{0,64}".prop_map(String::into_bytes),
        (0..len, any::<u8>()).prop_map({
            let example = example.clone();
            move |(at, byte)| {
                let mut bytes = example.clone();
                bytes[at] = byte;
                bytes
            }
        }),
        (0..len).prop_map({
            let example = example.clone();
            move |at| example[..at].to_vec()
        }),
        prop::collection::vec(any::<u8>(), 1..8).prop_map(move |tail| {
            let mut bytes = example.clone();
            bytes.extend(tail);
            bytes
        }),
        arb_json().prop_map(|value| serde_json::to_vec(&value).unwrap()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Mutations of the product example, and what the spec says about them
// ---------------------------------------------------------------------------------------------

/// Where a mutation applies: the JSON pointer of the parent object and the key in it.
#[derive(Debug, Clone, Copy)]
struct Site {
    parent: &'static str,
    key: &'static str,
    /// How the spec types the field.
    kind: Kind,
}

/// The JSON a field accepts, per the spec (and the crate's documented type mapping).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Required string.
    Str,
    /// Nullable string (required or not): string or null; missing is fine.
    NullableStr,
    /// Nullable open enum: any string or null; missing is fine.
    NullableEnum,
    /// Required boolean.
    Bool,
    /// Required integer.
    Int,
    /// Nullable number: any number or null; missing is fine.
    NullableNumber,
    /// Required date-time (RFC 3339 string or Unix seconds).
    Timestamp,
    /// Nullable free-form object.
    NullableMap,
    /// Required object with required fields.
    Object,
    /// Nullable object with required fields.
    NullableObject,
    /// Optional array of objects.
    OptionalArray,
}

impl Kind {
    /// Whether a missing field is accepted.
    fn may_be_missing(self) -> bool {
        !matches!(
            self,
            Kind::Str | Kind::Bool | Kind::Int | Kind::Timestamp | Kind::Object
        )
    }

    /// Whether `value` is accepted, when the spec alone decides it (`None`: it depends on the
    /// value's contents, e.g. an object's fields or a timestamp's text).
    fn accepts(self, value: &Value) -> Option<bool> {
        let nullable = !matches!(
            self,
            Kind::Str | Kind::Bool | Kind::Int | Kind::Timestamp | Kind::Object
        );
        if value.is_null() {
            return Some(nullable);
        }
        match self {
            Kind::Str | Kind::NullableStr | Kind::NullableEnum => Some(value.is_string()),
            Kind::Bool => Some(value.is_boolean()),
            Kind::Int => Some(value.as_i64().is_some()),
            Kind::NullableNumber => Some(value.is_number()),
            Kind::Timestamp => match value {
                Value::String(_) | Value::Number(_) => None,
                _ => Some(false),
            },
            Kind::NullableMap => Some(value.is_object()),
            // An object's acceptance depends on its fields. serde-derived structs also accept an
            // array of the field values in order, which the spec does not allow: a leniency of
            // serde, reported rather than asserted either way.
            Kind::Object | Kind::NullableObject => {
                (!value.is_object() && !value.is_array()).then_some(false)
            }
            Kind::OptionalArray => match value {
                Value::Array(items) if items.is_empty() => Some(true),
                Value::Array(_) => None,
                _ => Some(false),
            },
        }
    }
}

/// Every field of the product example, nested ones included.
const SITES: &[Site] = &[
    site("", "id", Kind::Str),
    site("", "title", Kind::NullableStr),
    site("", "visibility", Kind::NullableEnum),
    site("", "headline", Kind::NullableStr),
    site("", "verified", Kind::Bool),
    site("", "created_at", Kind::Timestamp),
    site("", "updated_at", Kind::Timestamp),
    site("", "member_count", Kind::Int),
    site("", "route", Kind::NullableStr),
    site("", "published_reviews_count", Kind::Int),
    site("", "external_identifier", Kind::NullableStr),
    site("", "metadata", Kind::NullableMap),
    site("", "description", Kind::NullableStr),
    site("", "custom_cta", Kind::NullableEnum),
    site("", "custom_cta_url", Kind::NullableStr),
    site("", "custom_statement_descriptor", Kind::NullableStr),
    site("", "global_affiliate_percentage", Kind::NullableNumber),
    site("", "global_affiliate_status", Kind::NullableEnum),
    site("", "member_affiliate_percentage", Kind::NullableNumber),
    site("", "member_affiliate_status", Kind::NullableEnum),
    site("", "gallery_images", Kind::OptionalArray),
    site("", "product_tax_code", Kind::NullableObject),
    site("", "owner_user", Kind::Object),
    site("", "company", Kind::Object),
    site("", "business_type", Kind::NullableEnum),
    site("", "industry_type", Kind::NullableEnum),
    site("/gallery_images/0", "id", Kind::Str),
    site("/gallery_images/0", "url", Kind::NullableStr),
    site("/product_tax_code", "id", Kind::Str),
    site("/product_tax_code", "name", Kind::Str),
    site("/product_tax_code", "product_type", Kind::Str),
    site("/owner_user", "id", Kind::Str),
    site("/owner_user", "name", Kind::NullableStr),
    site("/owner_user", "username", Kind::Str),
    site("/company", "id", Kind::Str),
    site("/company", "route", Kind::Str),
    site("/company", "title", Kind::Str),
];

const fn site(parent: &'static str, key: &'static str, kind: Kind) -> Site {
    Site { parent, key, kind }
}

impl Site {
    /// The parent's path as `Error::Decode` spells it: `.` for the root, `company`,
    /// `gallery_images[0]`.
    fn parent_path(&self) -> String {
        if self.parent.is_empty() {
            return ".".to_owned();
        }
        let mut path = String::new();
        for segment in self.parent.trim_start_matches('/').split('/') {
            if segment.parse::<usize>().is_ok() {
                path.push_str(&format!("[{segment}]"));
            } else {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(segment);
            }
        }
        path
    }

    /// The field's own path: `id`, `company.title`, `gallery_images[0].url`.
    fn path(&self) -> String {
        match self.parent_path().as_str() {
            "." => self.key.to_owned(),
            parent => format!("{parent}.{}", self.key),
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Drop(Site),
    Replace(Site, Value),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    let site = prop::sample::select(SITES);
    prop_oneof![
        1 => site.clone().prop_map(Mutation::Drop),
        3 => (site, arb_json()).prop_map(|(site, value)| Mutation::Replace(site, value)),
    ]
}

fn example() -> Value {
    serde_json::from_str(PRODUCT).expect("the example is JSON")
}

fn apply(mutation: &Mutation) -> Value {
    let mut value = example();
    let (site, replacement) = match mutation {
        Mutation::Drop(site) => (site, None),
        Mutation::Replace(site, replacement) => (site, Some(replacement.clone())),
    };
    let parent = value
        .pointer_mut(site.parent)
        .and_then(Value::as_object_mut)
        .expect("every site's parent is an object of the example");
    match replacement {
        None => {
            parent.remove(site.key);
        }
        Some(replacement) => {
            parent.insert(site.key.to_owned(), replacement);
        }
    }
    value
}

/// What decoding the mutated example must give, when the spec decides it: `Some(Ok(()))` for
/// success, `Some(Err(path))` for a failure at or below `path`.
fn verdict(mutation: &Mutation) -> Option<Result<(), String>> {
    match mutation {
        Mutation::Drop(site) if site.kind.may_be_missing() => Some(Ok(())),
        // A missing field is reported at the object that lacks it.
        Mutation::Drop(site) => Some(Err(site.parent_path())),
        Mutation::Replace(site, value) => match site.kind.accepts(value)? {
            true => Some(Ok(())),
            false => Some(Err(site.path())),
        },
    }
}

/// Whether `path` is `prefix` or lies below it.
fn is_at_or_below(path: &str, prefix: &str) -> bool {
    prefix == "."
        || path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// The body the runtime decodes: an all-whitespace body counts as `null`.
fn as_decoded(bytes: &[u8]) -> &[u8] {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    }
}

/// Direct decoding: never panics, and whatever decodes encodes back to an equal value.
fn check_direct<T>(bytes: &[u8]) -> Result<Option<T>, TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(bytes) else {
        return Ok(None);
    };
    if has_timestamp_before_year_0(&to_json(&value)) {
        // Known client bug, see `timestamps_before_year_0_encode_as_rfc3339`: such a timestamp
        // decodes but encodes as text that is not RFC 3339 and does not decode.
        return Ok(Some(value));
    }
    let encoded = serde_json::to_vec(&value).map_err(|err| {
        TestCaseError::fail(format!("{value:?} decoded but does not encode: {err}"))
    })?;
    let again = serde_json::from_slice::<T>(&encoded).map_err(|err| {
        TestCaseError::fail(format!(
            "{value:?} encodes as {} which does not decode: {err}",
            String::from_utf8_lossy(&encoded)
        ))
    })?;
    // Floats must survive exactly (the runtime enables serde_json's `float_roundtrip`).
    prop_assert!(
        again == value,
        "round trip changed the value: {} became {}",
        to_json(&value),
        to_json(&again)
    );
    Ok(Some(value))
}

/// Whether a `created_at` / `updated_at` encodes with a sign, as only years before 0000 do.
fn has_timestamp_before_year_0(json: &Value) -> bool {
    match json {
        Value::Object(map) => map.iter().any(|(key, value)| {
            (matches!(key.as_str(), "created_at" | "updated_at")
                && value.as_str().is_some_and(|text| text.starts_with('-')))
                || has_timestamp_before_year_0(value)
        }),
        Value::Array(items) => items.iter().any(has_timestamp_before_year_0),
        _ => false,
    }
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("a decoded value encodes")
}

/// The runtime's result for a 200 response with `bytes`: the same value `serde_json` decodes, or
/// `Error::Decode` exactly when `serde_json` fails, with a path, a message and a short excerpt.
/// Returns the error's path.
async fn check_end_to_end<T>(
    call: ApiCall<'_, T>,
    bytes: &[u8],
) -> Result<Option<String>, TestCaseError>
where
    T: DeserializeOwned + PartialEq + Debug + Send,
{
    let expected = serde_json::from_slice::<T>(as_decoded(bytes));
    match (call.await, expected) {
        (Ok(value), Ok(expected)) => {
            prop_assert_eq!(value, expected);
            Ok(None)
        }
        (Ok(value), Err(err)) => Err(TestCaseError::fail(format!(
            "the client decoded {value:?} where serde_json fails with {err}"
        ))),
        (Err(err), expected) => {
            let Error::Decode {
                path,
                message,
                excerpt,
                status,
            } = &err
            else {
                return Err(TestCaseError::fail(format!(
                    "expected Ok or Error::Decode, got {err:?}"
                )));
            };
            prop_assert!(
                expected.is_err(),
                "the client failed ({err}) where serde_json decodes"
            );
            prop_assert_eq!(status.as_u16(), 200);
            prop_assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
            prop_assert!(!path.is_empty(), "empty path in {err:?}");
            prop_assert!(!message.is_empty(), "empty message in {err:?}");
            prop_assert!(
                excerpt.chars().count() <= MAX_EXCERPT_CHARS,
                "excerpt of {} characters",
                excerpt.chars().count()
            );
            prop_assert!(!err.is_retryable());
            let shown = err.to_string();
            prop_assert!(shown.contains(path.as_str()), "{shown}");
            Ok(Some(path.clone()))
        }
    }
}

/// The runtime's result for an error status with `bytes`: `Error::Api` with that status, the raw
/// text, and the body parsed as `ErrorResponse` exactly when it is one.
async fn check_error_body(
    call: ApiCall<'_, Product>,
    status: u16,
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let err = match call.await {
        Ok(value) => {
            return Err(TestCaseError::fail(format!(
                "status {status} decoded as {value:?}"
            )))
        }
        Err(err) => err,
    };
    let shown = err.to_string();
    let Error::Api(api) = err else {
        return Err(TestCaseError::fail(format!(
            "expected Error::Api, got {err:?}"
        )));
    };
    prop_assert_eq!(api.status.as_u16(), status);
    prop_assert_eq!(&api.raw, &String::from_utf8_lossy(bytes));
    prop_assert_eq!(
        &api.body,
        &serde_json::from_slice::<ErrorResponse>(bytes).ok()
    );
    let _ = (api.kind(), api.message(), api.code(), api.request_id());
    // The status line, a code of at most 200 and a message of at most 500 characters.
    prop_assert!(shown.chars().count() <= 800, "{} characters", shown.len());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// End-to-end harness: one mock server answering whatever the current case says
// ---------------------------------------------------------------------------------------------

#[derive(Clone)]
struct Canned(Arc<Mutex<(u16, Vec<u8>)>>);

impl Respond for Canned {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let (status, body) = self.0.lock().unwrap().clone();
        ResponseTemplate::new(status).set_body_raw(body, "application/json")
    }
}

struct Harness {
    runtime: tokio::runtime::Runtime,
    _server: MockServer,
    client: Client,
    canned: Canned,
}

impl Harness {
    fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let canned = Canned(Arc::new(Mutex::new((200, Vec::new()))));
        let (server, client) = runtime.block_on(async {
            let server = MockServer::builder()
                .disable_request_recording()
                .start()
                .await;
            Mock::given(wiremock::matchers::any())
                .respond_with(canned.clone())
                .mount(&server)
                .await;
            let client = Client::builder()
                .api_key("sk_test")
                .base_url(server.uri())
                .max_retries(0)
                .build()
                .expect("client builds");
            (server, client)
        });
        Self {
            runtime,
            _server: server,
            client,
            canned,
        }
    }

    /// The next response: `status` with `body`.
    fn answer(&self, status: u16, body: &[u8]) {
        *self.canned.0.lock().unwrap() = (status, body.to_vec());
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Runs `test` on `strategy`, failing with the minimal failing input.
fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    if let Err(err) = runner(cases).run(&strategy, test) {
        panic!("{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

#[test]
fn arbitrary_bytes_never_panic_any_decoder() {
    run(DIRECT_CASES, arb_body(), |bytes| {
        check_direct::<Product>(&bytes)?;
        check_direct::<ProductListResponse>(&bytes)?;
        check_direct::<ErrorResponse>(&bytes)?;
        check_direct::<bool>(&bytes)?;
        Ok(())
    });
}

#[test]
fn arbitrary_json_never_panics_any_decoder() {
    run(DIRECT_CASES, arb_json(), |value| {
        let bytes = serde_json::to_vec(&value).unwrap();
        check_direct::<Product>(&bytes)?;
        check_direct::<ProductListResponse>(&bytes)?;
        check_direct::<ErrorResponse>(&bytes)?;
        let decoded = check_direct::<bool>(&bytes)?;
        prop_assert_eq!(decoded, value.as_bool());
        // Decoding from a `Value` takes another path through serde: it must agree.
        prop_assert_eq!(
            serde_json::from_value::<Product>(value.clone()).ok(),
            serde_json::from_slice::<Product>(&bytes).ok()
        );
        Ok(())
    });
}

#[test]
fn mutated_product_examples_decode_as_the_spec_says() {
    run(DIRECT_CASES, arb_mutation(), |mutation| {
        let bytes = serde_json::to_vec(&apply(&mutation)).unwrap();
        let decoded = check_direct::<Product>(&bytes)?;
        if let Some(verdict) = verdict(&mutation) {
            prop_assert_eq!(
                decoded.is_some(),
                verdict.is_ok(),
                "{:?}: spec says {:?}",
                mutation,
                verdict
            );
        }
        Ok(())
    });
}

#[test]
fn end_to_end_arbitrary_bodies_decode_or_fail_with_decode_errors() {
    let harness = Harness::new();
    run(END_TO_END_CASES, arb_body(), |bytes| {
        harness.answer(200, &bytes);
        let products = harness.client.products();
        harness.runtime.block_on(async {
            check_end_to_end(products.retrieve("prod_1"), &bytes).await?;
            check_end_to_end(products.list(&ListProductsParams::new("biz_1")), &bytes).await?;
            check_end_to_end(products.delete("prod_1"), &bytes).await?;
            Ok(())
        })
    });
}

#[test]
fn end_to_end_arbitrary_json_decodes_or_fails_with_decode_errors() {
    let harness = Harness::new();
    run(END_TO_END_CASES, arb_json(), |value| {
        let bytes = serde_json::to_vec(&value).unwrap();
        harness.answer(200, &bytes);
        let products = harness.client.products();
        harness.runtime.block_on(async {
            check_end_to_end(products.retrieve("prod_1"), &bytes).await?;
            check_end_to_end(products.list(&ListProductsParams::new("biz_1")), &bytes).await?;
            check_end_to_end(products.delete("prod_1"), &bytes).await?;
            Ok(())
        })
    });
}

#[test]
fn end_to_end_mutated_products_fail_at_the_wrong_field() {
    let harness = Harness::new();
    run(END_TO_END_CASES, arb_mutation(), |mutation| {
        let bytes = serde_json::to_vec(&apply(&mutation)).unwrap();
        harness.answer(200, &bytes);
        let products = harness.client.products();
        let failed_at = harness
            .runtime
            .block_on(check_end_to_end(products.retrieve("prod_1"), &bytes))?;
        match (verdict(&mutation), failed_at) {
            (None, _) | (Some(Ok(())), None) => {}
            (Some(Ok(())), Some(path)) => {
                return Err(TestCaseError::fail(format!(
                    "{mutation:?} is valid per the spec but failed at `{path}`"
                )))
            }
            (Some(Err(expected)), None) => {
                return Err(TestCaseError::fail(format!(
                    "{mutation:?} breaks the spec at `{expected}` but decoded"
                )))
            }
            (Some(Err(expected)), Some(path)) => prop_assert!(
                is_at_or_below(&path, &expected),
                "{:?}: failed at `{}`, expected at or below `{}`",
                mutation,
                path,
                expected
            ),
        }
        Ok(())
    });
}

#[test]
fn end_to_end_error_bodies_become_api_errors() {
    let harness = Harness::new();
    let status = prop::sample::select(vec![400u16, 401, 403, 404, 409, 422, 429, 500, 503]);
    let body = prop_oneof![
        arb_body(),
        arb_json().prop_map(|value| serde_json::to_vec(&value).unwrap()),
        // Shaped like the spec's error body, with arbitrary values inside.
        (arb_json(), arb_json(), arb_json()).prop_map(|(kind, message, code)| {
            let mut error = Map::new();
            error.insert("type".into(), kind);
            error.insert("message".into(), message);
            error.insert("code".into(), code);
            serde_json::to_vec(&serde_json::json!({ "error": error })).unwrap()
        }),
    ];
    run(END_TO_END_CASES, (status, body), |(status, bytes)| {
        harness.answer(status, &bytes);
        let call = harness.client.products().retrieve("prod_1");
        harness
            .runtime
            .block_on(check_error_body(call, status, &bytes))
    });
}

/// Found by the properties above: the client's JSON decoding (serde_json without its
/// `float_roundtrip` feature) parses many floats one or two ULP off (about one in seven percentages
/// written with 17 significant digits), so a product's numbers (its affiliate percentages, or
/// numbers in `metadata`, which are sent back on update) can change in their last digit on the
/// way through the client. The runtime enables `serde_json/float_roundtrip`, which this guards.
#[test]
fn floats_decode_exactly() {
    for text in [
        "12.675096048809653",
        "98.83853299755387",
        "1.8231867957088754",
        "5.258724147538099e+286",
    ] {
        let exact: f64 = text.parse().unwrap();
        let json = PRODUCT
            .replace(
                "\"global_affiliate_percentage\": 6.9",
                &format!("\"global_affiliate_percentage\": {text}"),
            )
            .replace(
                "\"metadata\": {}",
                &format!("\"metadata\": {{\"n\": {text}}}"),
            );
        let decoded: Product = serde_json::from_str(&json).expect("decodes");
        let metadata = decoded.metadata.expect("metadata is set");
        assert_eq!(
            (decoded.global_affiliate_percentage, metadata["n"].as_f64()),
            (Some(exact), Some(exact)),
            "{text}"
        );
    }
}

/// Found by the properties above: Unix seconds outside the years 0000 to 9999 used to decode into
/// a `Timestamp` that encoded as text that is not RFC 3339 (so not a `date-time`, and not
/// decodable by the client itself). They are now refused.
#[test]
fn timestamps_outside_rfc3339_years_are_refused() {
    for seconds in [-62_167_219_201_i64, -377_705_116_800, 253_402_300_800] {
        let decoded: Result<Timestamp, _> = serde_json::from_str(&seconds.to_string());
        assert!(decoded.is_err(), "{seconds} must not decode: {decoded:?}");
        assert_eq!(Timestamp::from_unix(seconds), None);
    }
    // The edges of the range still decode, and encode as RFC 3339 that decodes again.
    for seconds in [-62_167_219_200_i64, 253_402_300_799] {
        let decoded: Timestamp = serde_json::from_str(&seconds.to_string()).expect("in range");
        let encoded = serde_json::to_string(&decoded).unwrap();
        let again: Timestamp = serde_json::from_str(&encoded).expect("RFC 3339 decodes");
        assert_eq!(again, decoded, "{seconds} encodes as {encoded}");
    }
}
