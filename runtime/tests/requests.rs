//! URL building, parameter encoding and request headers.

mod common;

use common::{get, ok_server, only_request, refused};
use openapi_runtime::reqwest::Method;
use openapi_runtime::{Call, Error, RequestParts, Timestamp};
use serde::Serialize;

async fn send(server_url: &str, parts: RequestParts) -> Result<serde_json::Value, Error> {
    let core = common::core(server_url);
    Call::<serde_json::Value>::new(&core, parts).await
}

#[tokio::test]
async fn joins_base_path_and_request_path() {
    for (base, literal) in [
        ("/api/v1", "/products"),
        ("/api/v1/", "/products"),
        ("/api/v1/", "products"),
        ("/api/v1", "products"),
    ] {
        let server = ok_server().await;
        send(&format!("{}{base}", server.uri()), get(literal))
            .await
            .unwrap();
        let request = only_request(&server).await;
        assert_eq!(request.url.path(), "/api/v1/products", "{base} + {literal}");
    }
}

#[tokio::test]
async fn root_base_url_and_multi_segment_literals() {
    let server = ok_server().await;
    let mut parts = get("/v2/stores/");
    parts.path_param("s1").path_literal("/items");
    send(&format!("{}/", server.uri()), parts).await.unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/v2/stores/s1/items"
    );
}

#[tokio::test]
async fn path_param_is_one_encoded_segment() {
    for (value, expected) in [
        ("../x?y#z", "/api/items/..%2Fx%3Fy%23z/tail"),
        ("a/b", "/api/items/a%2Fb/tail"),
        ("100%", "/api/items/100%25/tail"),
        ("hé llo", "/api/items/h%C3%A9%20llo/tail"),
        ("prod_123-x.y~z", "/api/items/prod_123-x.y~z/tail"),
    ] {
        let server = ok_server().await;
        let mut parts = get("/items/");
        parts.path_param(value).path_literal("/tail");
        send(&format!("{}/api", server.uri()), parts).await.unwrap();
        let request = only_request(&server).await;
        assert_eq!(request.url.path(), expected, "value {value:?}");
        assert_eq!(request.url.query(), None, "value {value:?}");
        assert_eq!(request.url.fragment(), None, "value {value:?}");
    }
}

#[tokio::test]
async fn empty_and_dot_path_params_are_refused_without_sending() {
    for value in ["", ".", ".."] {
        let mut parts = get("/items/");
        parts.path_param(value);
        let err = refused(parts).await;
        assert!(
            matches!(err, Error::Validation { ref field, .. } if field == "path"),
            "{value:?}: {err:?}"
        );
    }
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Order {
    CreatedAt,
}

#[tokio::test]
async fn query_scalars_lists_and_none() {
    let server = ok_server().await;
    let mut parts = get("/search");
    parts
        .query("q", "hello world & more")
        .query("limit", &10)
        .query("ratio", &0.5)
        .query("active", &true)
        .query("order", &Order::CreatedAt)
        .query("after", &Timestamp::from_unix(1_701_406_800).unwrap())
        .query("cursor", &None::<String>)
        .query("page", &Some(2))
        .query_each("visibilities[]", &["public", "private"])
        .query_each("ids", &[1, 2])
        .query("tags", &vec!["x", "y"])
        .query("filter", &serde_json::json!({"name": "n"}));
    send(&server.uri(), parts).await.unwrap();
    let request = only_request(&server).await;
    let pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let expected: Vec<(String, String)> = [
        ("q", "hello world & more"),
        ("limit", "10"),
        ("ratio", "0.5"),
        ("active", "true"),
        ("order", "created_at"),
        ("after", "2023-12-01T05:00:00Z"),
        ("page", "2"),
        ("visibilities[]", "public"),
        ("visibilities[]", "private"),
        ("ids", "1"),
        ("ids", "2"),
        ("tags", "x"),
        ("tags", "y"),
        ("filter[name]", "n"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn only_none_query_adds_no_query_string() {
    let server = ok_server().await;
    let mut parts = get("/list");
    parts
        .query("cursor", &None::<u32>)
        .query_each::<Option<u8>>("x", &[None]);
    send(&server.uri(), parts).await.unwrap();
    let request = only_request(&server).await;
    assert!(request.url.query().unwrap_or("").is_empty());
}

#[tokio::test]
async fn header_values_with_cr_or_lf_are_refused() {
    for value in ["a\r\nX-Injected: 1", "a\nb", "a\rb"] {
        let mut parts = get("/x");
        parts.header("X-Thing", value);
        let err = refused(parts).await;
        assert!(
            matches!(err, Error::Validation { ref field, .. } if field == "X-Thing"),
            "{err:?}"
        );
    }

    let server = ok_server().await;
    let core = common::core(&server.uri());
    let err = Call::<serde_json::Value>::new(&core, get("/x"))
        .header("X-Other", "v\n")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// The `(field, message)` of a validation error.
fn invalid(err: Error) -> (String, String) {
    match err {
        Error::Validation { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_bad_header_and_a_bad_idempotency_key_are_refused_alike_at_the_setter() {
    let server = ok_server().await;
    let core = common::core(&server.uri());
    for (value, expected) in [
        (
            "a\r\nX-Injected: 1",
            "header values must not contain CR or LF",
        ),
        ("a\nb", "header values must not contain CR or LF"),
        (
            "nul\0byte",
            "header values must not contain control characters",
        ),
        (
            "del\u{7f}",
            "header values must not contain control characters",
        ),
    ] {
        let header = Call::<serde_json::Value>::new(&core, get("/x")).header("X-Thing", value);
        let key = Call::<serde_json::Value>::new(&core, common::request(Method::POST, "/x"))
            .idempotency_key(value);
        // Recorded by the setters, before the calls are awaited.
        assert_eq!(
            header.parts().invalid(),
            Some(("X-Thing", expected)),
            "{value:?}"
        );
        assert_eq!(
            key.parts().invalid(),
            Some(("Idempotency-Key", expected)),
            "{value:?}"
        );
        assert_eq!(
            invalid(header.await.unwrap_err()),
            ("X-Thing".to_owned(), expected.to_owned())
        );
        assert_eq!(
            invalid(key.await.unwrap_err()),
            ("Idempotency-Key".to_owned(), expected.to_owned())
        );
        // Header parameters set by generated code say the same.
        let mut parts = get("/x");
        parts.header("X-Param", value);
        assert_eq!(
            invalid(refused(parts).await),
            ("X-Param".to_owned(), expected.to_owned())
        );
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn a_valid_idempotency_key_is_sent_as_given_on_any_method() {
    let server = ok_server().await;
    let core = common::core(&server.uri());
    let call = Call::<serde_json::Value>::new(&core, get("/x")).idempotency_key("order-42");
    assert_eq!(call.parts().invalid(), None);
    call.await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.headers.get("idempotency-key").unwrap(), "order-42");
}

#[tokio::test]
async fn first_validation_error_wins() {
    let mut parts = get("/x");
    parts
        .header("Bad Name", "v")
        .query("nested", &serde_json::json!([[1]]))
        .path_param("");
    let err = refused(parts).await;
    match err {
        Error::Validation { field, message } => {
            assert_eq!(field, "Bad Name");
            assert!(message.contains("header name"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn standard_headers_are_sent() {
    let server = ok_server().await;
    let core = common::builder(&server.uri())
        .default_header("X-Default", "d")
        .default_header("X-Overridden", "default")
        .build()
        .unwrap()
        .core;
    let mut parts = get("/h");
    parts
        .header("X-Param", &42)
        .header("X-Absent", &None::<&str>);
    Call::<serde_json::Value>::new(&core, parts)
        .header("X-Overridden", "per-request")
        .await
        .unwrap();
    let request = only_request(&server).await;
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        header("authorization").as_deref(),
        Some("Bearer sk-test-very-secret-key")
    );
    assert_eq!(header("user-agent").as_deref(), Some("test-sdk/1.0"));
    assert_eq!(header("accept").as_deref(), Some("application/json"));
    assert_eq!(header("x-retry-count").as_deref(), Some("0"));
    assert_eq!(header("x-default").as_deref(), Some("d"));
    assert_eq!(header("x-overridden").as_deref(), Some("per-request"));
    assert_eq!(header("x-param").as_deref(), Some("42"));
    assert_eq!(header("x-absent"), None);
    assert_eq!(
        header("idempotency-key"),
        None,
        "GET has no idempotency key"
    );
    assert_eq!(header("content-type"), None);
}

#[tokio::test]
async fn user_agent_can_be_overridden() {
    let server = ok_server().await;
    let core = common::builder(&server.uri())
        .user_agent("my-app/2.0")
        .build()
        .unwrap()
        .core;
    Call::<serde_json::Value>::new(&core, get("/ua"))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.headers.get("user-agent").unwrap(), "my-app/2.0");
}

#[derive(Serialize)]
struct NewProduct<'a> {
    name: &'a str,
    price: u32,
}

#[tokio::test]
async fn json_body_is_sent_with_content_type() {
    let server = ok_server().await;
    let mut parts = common::request(Method::POST, "/products");
    parts.json_body(&NewProduct {
        name: "Lamp",
        price: 1999,
    });
    send(&server.uri(), parts).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/json"
    );
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, serde_json::json!({"name": "Lamp", "price": 1999}));
}

#[tokio::test]
async fn methods_without_a_constant_are_sent_by_name() {
    for name in ["QUERY", "LINK", "PURGE"] {
        let mut parts = RequestParts::with_method(name);
        parts.path_literal("/things");
        let request = common::sent(parts).await;
        assert_eq!(request.method.as_str(), name);
        assert_eq!(request.url.path(), "/things");
    }
    let mut parts = RequestParts::with_method("NOT A METHOD");
    parts.path_literal("/things");
    let err = refused(parts).await;
    assert!(
        matches!(&err, Error::Validation { .. }),
        "a name that is no token is refused before sending: {err:?}"
    );
}

#[tokio::test]
async fn a_whole_query_string_as_a_form_or_as_json() {
    let mut parts = get("/search");
    parts.query_string_form(
        "filter",
        &serde_json::json!({"foo": "a + b", "bar": true, "tags": ["x", "y"]}),
    );
    let request = common::sent(parts).await;
    assert_eq!(
        request.url.query(),
        Some("bar=true&foo=a+%2B+b&tags=x&tags=y")
    );
    let mut parts = get("/search");
    parts.query_string_json("q", &serde_json::json!({"numbers": [1, 2], "flag": null}));
    let request = common::sent(parts).await;
    assert_eq!(
        request.url.query(),
        Some("%7B%22flag%22%3Anull%2C%22numbers%22%3A%5B1%2C2%5D%7D")
    );
    let mut parts = get("/search");
    parts.query_string_form("filter", &Option::<serde_json::Value>::None);
    parts.query_string_json("q", &Option::<serde_json::Value>::None);
    assert_eq!(common::sent(parts).await.url.query(), None);
    let mut parts = get("/search");
    parts.query_string_form("filter", &3);
    assert!(matches!(
        refused(parts).await,
        Error::Validation { field, .. } if field == "filter"
    ));
}
