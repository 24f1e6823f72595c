//! The same program as `downstream-ours` (its source, included), built with the generated
//! crate's `native-tls` feature instead of rustls.

include!("../../downstream-ours/src/main.rs");
