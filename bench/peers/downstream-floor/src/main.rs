//! Reads a product as JSON on stdin, decodes it into a hand-written product type and prints it.
//! With `WHOP_API_KEY` set, it first builds an HTTP client with that key (no request is sent), as
//! `downstream-ours` does through the generated crate.

use std::io::Read;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use serde::Deserialize;

/// A few of the product's fields; the others are ignored.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read through `Debug` only
struct Product {
    id: String,
    title: String,
    route: String,
    visibility: String,
    headline: Option<String>,
    member_count: i64,
    created_at: String,
    company: Company,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read through `Debug` only
struct Company {
    id: String,
    title: String,
}

fn main() {
    if let Ok(key) = std::env::var("WHOP_API_KEY") {
        let mut headers = HeaderMap::new();
        let mut bearer = HeaderValue::from_str(&format!("Bearer {key}")).expect("a header value");
        bearer.set_sensitive(true);
        headers.insert(AUTHORIZATION, bearer);
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(tokio::time::Duration::from_secs(60))
            .build()
            .expect("an HTTP client");
        drop(client);
        eprintln!("client ready");
    }
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .expect("read stdin");
    let product: Product = serde_json::from_slice(&input).expect("a product");
    println!("{product:#?}");
}
