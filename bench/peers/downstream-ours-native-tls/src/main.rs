//! Reads a product as JSON on stdin, decodes it into the client's product type and prints it.
//! With `WHOP_API_KEY` set, it first builds a client with that key (no request is sent), so the
//! HTTP stack is used by the program, not only compiled.

use std::io::Read;

use whop_products::models::Product;

fn main() {
    if let Ok(key) = std::env::var("WHOP_API_KEY") {
        let client = whop_products::Client::new(key).expect("an HTTP client");
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
