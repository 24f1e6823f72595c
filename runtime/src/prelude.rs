//! The names every generated client crate re-exports at its root (`pub use runtime::prelude::*`):
//! the value types its models use, the response wrapper, the traits a paginated list's stream is
//! read with, and what a caller matches errors and responses on, so none of them needs a path
//! through `runtime`, `reqwest` or `futures_util`.
//!
//! A glob re-export never clashes with the client's own root names: an item the client defines
//! or names explicitly at its root takes precedence over one of these.

pub use super::call::Response;
pub use super::error::ApiErrorKind;
pub use super::nullable::Nullable;
pub use super::timestamp::Timestamp;
/// What a paginated list's stream ([`ItemStream`](super::paginate::ItemStream)) is read with,
/// beyond its own methods.
pub use futures_util::{Stream, StreamExt, TryStreamExt};
pub use reqwest::header::HeaderMap;
pub use reqwest::StatusCode;
