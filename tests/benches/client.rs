//! Client-side costs of `whop-products`: decoding responses, encoding request bodies, and one
//! request/response round trip against an in-process HTTP/1.1 server on 127.0.0.1.
//!
//! Floors, measured in the same run on the same bytes / same server / same runtime:
//! decode -> `serde_json::from_slice::<serde_json::Value>`; encode -> `serde_json::to_vec` of the
//! same body as a `serde_json::Value`; round trip -> the same request (method, URL and header
//! set, checked on the server before timing) made with a bare `reqwest::Client` +
//! `serde_json::from_slice::<Product>`.
//! Run with `cargo bench -p whop-products-tests --bench client`.

use std::future::IntoFuture;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use criterion::{criterion_main, Criterion};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use whop_products::models::{
    CreateProductRequest, Product, ProductListResponse, UpdateProductRequest,
};
use whop_products::Client;

#[path = "support/page.rs"]
mod page;

const PRODUCT: &str = include_str!("../fixtures/seed001_product_object.json");

fn create_body() -> Value {
    json!({
        "company_id": "biz_xxxxxxxxxxxxxx",
        "title": "Pickaxe Analytics",
        "collect_shipping_address": true,
        "custom_cta": "get_access",
        "custom_cta_url": "https://example.com/signup",
        "custom_statement_descriptor": "PICKAXE",
        "description": "Track your revenue, members, and growth in real time.",
        "experience_ids": ["exp_xxxxxxxxxxxxx1", "exp_xxxxxxxxxxxxx2", "exp_xxxxxxxxxxxxx3"],
        "global_affiliate_percentage": 6.9,
        "global_affiliate_status": "enabled",
        "headline": "Real-time data analytics for creators",
        "member_affiliate_percentage": 4.2,
        "member_affiliate_status": "disabled",
        "plan_options": {
            "base_currency": "usd",
            "billing_period": 30,
            "initial_price": 19.99,
            "renewal_price": 9.99,
            "plan_type": "renewal",
            "release_method": "buy_now",
            "visibility": "visible"
        },
        "product_tax_code_id": "ptc_xxxxxxxxxxxxxx",
        "redirect_purchase_url": "https://example.com/thanks",
        "route": "pickaxe-analytics",
        "send_welcome_message": true,
        "visibility": "visible"
    })
}

fn update_body() -> Value {
    json!({
        "banner_image": {"direct_upload_id": "upl_xxxxxxxxxxxxx"},
        "business_type": "software",
        "collect_shipping_address": false,
        "custom_cta": "join",
        "custom_cta_url": "https://example.com/join",
        "custom_statement_descriptor": "PICKAXE PRO",
        "description": "Track your revenue, members, and growth in real time.",
        "global_affiliate_percentage": 10.0,
        "global_affiliate_status": "enabled",
        "headline": "Real-time data analytics for creators",
        "industry_type": "trading",
        "member_affiliate_percentage": 5.5,
        "member_affiliate_status": "enabled",
        "product_tax_code_id": "ptc_xxxxxxxxxxxxxx",
        "redirect_purchase_url": "https://example.com/thanks",
        "route": "pickaxe-pro",
        "title": "Pickaxe Pro",
        "visibility": "hidden",
        "metadata": {"source": "bench", "tier": 2}
    })
}

/// Typed body from JSON, checking that every field survived (the body is fully populated).
fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(label: &str, body: &Value) -> T {
    let value: T = serde_json::from_value(body.clone()).expect("typed body decodes");
    let back = serde_json::to_value(&value).expect("typed body encodes");
    let (given, kept) = (
        body.as_object().map_or(0, |o| o.len()),
        back.as_object().map_or(0, |o| o.len()),
    );
    assert_eq!(
        given, kept,
        "{label}: every field of the body must round-trip"
    );
    value
}

fn decode(c: &mut Criterion) {
    let product = PRODUCT.as_bytes();
    let page = page::list_page();
    // The typed decoders must succeed on these bytes, or the numbers mean nothing.
    serde_json::from_slice::<Product>(product).expect("product decodes");
    let decoded = serde_json::from_slice::<ProductListResponse>(&page).expect("page decodes");
    assert_eq!(decoded.data.len(), 100);
    eprintln!(
        "product: {} bytes; list page: {} bytes",
        product.len(),
        page.len()
    );

    let mut g = c.benchmark_group("client/decode_product");
    g.bench_function("floor_value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(product)).expect("json"))
    });
    g.bench_function("typed", |b| {
        b.iter(|| serde_json::from_slice::<Product>(black_box(product)).expect("product"))
    });
    g.finish();

    let mut g = c.benchmark_group("client/decode_list_page_100");
    g.bench_function("floor_value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&page)).expect("json"))
    });
    g.bench_function("typed", |b| {
        b.iter(|| serde_json::from_slice::<ProductListResponse>(black_box(&page)).expect("page"))
    });
    g.finish();
}

fn encode(c: &mut Criterion) {
    for (label, body) in [("create", create_body()), ("update", update_body())] {
        let mut g = c.benchmark_group(format!("client/encode_{label}"));
        g.bench_function("floor_value", |b| {
            b.iter(|| serde_json::to_vec(black_box(&body)).expect("json"))
        });
        if label == "create" {
            let typed_body: CreateProductRequest = typed(label, &body);
            g.bench_function("typed", |b| {
                b.iter(|| serde_json::to_vec(black_box(&typed_body)).expect("json"))
            });
        } else {
            let typed_body: UpdateProductRequest = typed(label, &body);
            g.bench_function("typed", |b| {
                b.iter(|| serde_json::to_vec(black_box(&typed_body)).expect("json"))
            });
        }
        g.finish();
    }
}

/// The checks `create()` runs before sending: ours (`Validate`, every documented limit of the
/// body) against a floor of just the body's pattern, with its two regexes compiled once.
fn validate(c: &mut Criterion) {
    use whop_products::runtime::validate::Validate;
    let body = create_body();
    let typed_body: CreateProductRequest = typed("create", &body);
    typed_body.validate().expect("the bench body is valid");
    let descriptor = body["custom_statement_descriptor"]
        .as_str()
        .expect("the bench body has a descriptor")
        .to_owned();
    let floor = [r"^(?:.*[A-Za-z])", r#"^[^<>\\'"]{5,22}$"#]
        .map(|source| regex_lite::Regex::new(source).expect("compiles"));
    assert!(floor.iter().all(|re| re.is_match(&descriptor)));
    let mut g = c.benchmark_group("client/validate_create");
    g.bench_function("floor_precompiled_pattern", |b| {
        b.iter(|| floor.iter().all(|re| re.is_match(black_box(&descriptor))))
    });
    g.bench_function("typed", |b| {
        b.iter(|| black_box(&typed_body).validate().expect("valid"))
    });
    g.finish();
}

/// Request heads the server keeps (the first few only), to check that both sides of the round
/// trip send the same request.
type Heads = Arc<Mutex<Vec<String>>>;

/// At most this many request heads are kept.
const KEPT_HEADS: usize = 8;

/// A minimal HTTP/1.1 server: answers every request with the product JSON, keeps connections
/// alive, and keeps the first [`KEPT_HEADS`] request heads in `heads`.
async fn serve(listener: TcpListener, heads: Heads) {
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{PRODUCT}",
        PRODUCT.len()
    );
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            continue;
        };
        let response = response.clone();
        let heads = heads.clone();
        tokio::spawn(async move {
            let mut buf = Vec::with_capacity(4096);
            let mut chunk = [0u8; 4096];
            loop {
                // Answer each complete request head in the buffer (GETs carry no body).
                while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    {
                        let mut kept = heads.lock().expect("heads");
                        if kept.len() < KEPT_HEADS {
                            kept.push(String::from_utf8_lossy(&buf[..end]).into_owned());
                        }
                    }
                    buf.drain(..end + 4);
                    if socket.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
                match socket.read(&mut chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
        });
    }
}

/// A request head's lines (request line and headers), lower-cased and sorted: the same request
/// whatever order the headers were written in.
fn normalized(head: &str) -> Vec<String> {
    let mut lines: Vec<String> = head.lines().map(str::to_ascii_lowercase).collect();
    lines.sort();
    lines
}

fn round_trip(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let heads = Heads::default();
    let addr: SocketAddr = rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(serve(listener, heads.clone()));
        addr
    });
    let base = format!("http://{addr}");
    let client = rt.block_on(async {
        Client::builder()
            .api_key("sk_bench")
            .base_url(base.clone())
            .max_retries(0)
            .build()
            .expect("client builds")
    });
    let bare = reqwest::Client::new();
    let url = format!("{base}/products/prod_1");
    // The floor sends the request the client sends: the same header set (checked below).
    let headers: reqwest::header::HeaderMap = [
        ("authorization", "Bearer sk_bench"),
        ("user-agent", "whop-products/0.1.0"),
        ("accept", "application/json"),
        ("api-version-date", "2026-06-20"),
        ("x-retry-count", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.parse().expect("name"), v.parse().expect("value")))
    .collect();
    let floor_request = || async {
        let resp = bare.get(&url).headers(headers.clone()).send().await;
        let bytes = resp.expect("send").bytes().await.expect("body");
        serde_json::from_slice::<Product>(&bytes).expect("product")
    };

    // Both sides must work, and send the same request, before they are timed.
    let typed = rt
        .block_on(client.products().retrieve("prod_1").into_future())
        .expect("client call");
    let floor = rt.block_on(floor_request());
    assert_eq!(typed, floor);
    {
        let kept = heads.lock().expect("heads");
        assert_eq!(kept.len(), 2, "one request from each side: {kept:?}");
        assert_eq!(
            normalized(&kept[0]),
            normalized(&kept[1]),
            "the floor must send the client's request"
        );
    }

    let mut g = c.benchmark_group("client/round_trip_retrieve");
    g.bench_function("floor_bare_reqwest", |b| {
        b.iter(|| rt.block_on(floor_request()))
    });
    // Diagnostics: the bare request without the client's headers, then with reqwest's
    // per-request timeout inside a tokio timeout.
    g.bench_function("diag_bare_reqwest_no_headers", |b| {
        b.iter(|| {
            rt.block_on(async {
                let resp = bare.get(&url).send().await.expect("send");
                let bytes = resp.bytes().await.expect("body");
                serde_json::from_slice::<Product>(&bytes).expect("product")
            })
        })
    });
    g.bench_function("diag_bare_reqwest_client_headers_timeouts", |b| {
        b.iter(|| {
            rt.block_on(async {
                let limit = Duration::from_secs(60);
                let exchange = async {
                    let request = bare.get(&url).headers(headers.clone()).timeout(limit);
                    let resp = request.send().await.expect("send");
                    resp.bytes().await.expect("body")
                };
                let bytes = tokio::time::timeout(limit, exchange)
                    .await
                    .expect("in time");
                serde_json::from_slice::<Product>(&bytes).expect("product")
            })
        })
    });
    g.bench_function("client_retrieve", |b| {
        b.iter(|| {
            rt.block_on(
                client
                    .products()
                    .retrieve(black_box("prod_1"))
                    .into_future(),
            )
            .expect("call")
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
}

/// Every benchmark of this file with [`config`] (what `criterion_group!` expands to, written out so
/// that it can carry this doc comment).
fn benches() {
    let mut criterion = config().configure_from_args();
    decode(&mut criterion);
    encode(&mut criterion);
    validate(&mut criterion);
    round_trip(&mut criterion);
}

criterion_main!(benches);
