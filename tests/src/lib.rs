//! Downstream tests of the generated `whop-products` crate; the tests live in `tests/tests/`.
//!
//! The README's examples are compiled here as doctests, so the README cannot drift from the API.

#[doc = include_str!("../../README.md")]
mod readme {}
