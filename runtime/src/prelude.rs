//! The names every generated client crate re-exports at its root (`pub use runtime::prelude::*`):
//! the value types its models use, the response wrapper, and what a caller matches errors and
//! responses on, so none of them needs a path through `runtime` or `reqwest`.
//!
//! A glob re-export never clashes with the client's own root names: an item the client defines
//! or names explicitly at its root takes precedence over one of these.

pub use super::call::Response;
pub use super::error::ApiErrorKind;
pub use super::nullable::Nullable;
pub use super::timestamp::Timestamp;
pub use reqwest::header::HeaderMap;
pub use reqwest::StatusCode;
