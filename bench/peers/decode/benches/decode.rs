//! Decoding the same bytes into each client's types: ours (`whop_products`), the official
//! `whop_sdk`, and progenitor's types generated from `spec/products.yaml`; floor:
//! `serde_json::from_slice::<serde_json::Value>`.
//!
//! Inputs: the seed product (`tests/fixtures/seed001_product_object.json`) with
//! `"marketplace_status"` added, because `whop_sdk`'s `Product` requires it (the others ignore
//! it), and the 100-item list page of the client bench (`tests/benches/support/page.rs`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;

#[path = "../../../../tests/benches/support/page.rs"]
mod page;

const SEED: &str = include_str!("../../../../tests/fixtures/seed001_product_object.json");

fn product_bytes() -> Vec<u8> {
    let mut value: Value = serde_json::from_str(SEED).expect("the seed is JSON");
    value
        .as_object_mut()
        .expect("an object")
        .insert("marketplace_status".into(), "not_available".into());
    serde_json::to_vec(&value).expect("encodes")
}

/// Decodes `bytes` as `T`, panicking with the decoder's message: never time an error path.
fn check<T: serde::de::DeserializeOwned>(label: &str, bytes: &[u8]) {
    if let Err(e) = serde_json::from_slice::<T>(bytes) {
        panic!("{label} cannot decode the input: {e}");
    }
}

macro_rules! group {
    ($c:expr, $name:literal, $bytes:expr, $ours:ty, $sdk:ty, $progenitor:ty) => {{
        let bytes: &[u8] = $bytes;
        check::<$ours>("ours", bytes);
        check::<$sdk>("whop_sdk", bytes);
        check::<$progenitor>("progenitor", bytes);
        let mut g = $c.benchmark_group($name);
        g.bench_function("floor_value", |b| {
            b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).expect("decodes"))
        });
        g.bench_function("ours", |b| {
            b.iter(|| serde_json::from_slice::<$ours>(black_box(bytes)).expect("decodes"))
        });
        g.bench_function("whop_sdk", |b| {
            b.iter(|| serde_json::from_slice::<$sdk>(black_box(bytes)).expect("decodes"))
        });
        g.bench_function("progenitor", |b| {
            b.iter(|| serde_json::from_slice::<$progenitor>(black_box(bytes)).expect("decodes"))
        });
        g.finish();
    }};
}

fn decode(c: &mut Criterion) {
    let product = product_bytes();
    let page = page::list_page();
    group!(
        c,
        "peers_decode_product",
        &product,
        whop_products::models::Product,
        whop_sdk::api::Product,
        progenitor_products::types::Product
    );
    group!(
        c,
        "peers_decode_page",
        &page,
        whop_products::models::ProductListResponse,
        whop_sdk::api::ListProductsResponse,
        progenitor_products::types::ProductListResponse
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    targets = decode
}
criterion_main!(benches);
