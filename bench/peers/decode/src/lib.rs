//! Empty: the comparison lives in `benches/decode.rs`.
