//! Reads a product as JSON on stdin, decodes it into the client's product type and prints it.

use std::io::Read;

use whop_products::models::Product;

fn main() {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .expect("read stdin");
    let product: Product = serde_json::from_slice(&input).expect("a product");
    println!("{product:#?}");
}
