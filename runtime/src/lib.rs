//! Runtime support shared by every generated API client: configuration,
//! request building, sending with retries, error and value types.

pub mod auth;
pub mod binary;
#[cfg(feature = "blocking")]
pub mod blocking;
pub mod call;
pub mod config;
pub mod error;
pub mod multipart;
pub mod nullable;
pub mod open_enum;
pub mod paginate;
pub mod prelude;
pub mod request;
pub mod response;
pub mod secret;
pub mod sequence;
pub mod timestamp;
pub mod union;
pub mod validate;

mod attempt;
mod body;
mod decode;
mod encoding;
mod excerpt;
mod retry;

pub use auth::{AccessToken, Credential, Requirement, SchemeDef, SchemeKind, TokenProvider};
pub use binary::{Base64, Binary};
pub use call::{Call, Response};
pub use config::{ApiDefaults, ClientBuilder, Core};
pub use encoding::{FormField, Style};
pub use error::{ApiError, ApiErrorKind, Error};
pub use multipart::{FilePart, Multipart, MultipartBody};
pub use nullable::Nullable;
pub use paginate::ItemStream;
pub use request::RequestParts;
pub use response::{DecodeError, FromResponse};
pub use sequence::Sequence;
pub use timestamp::Timestamp;

pub use futures_util;
pub use reqwest;
pub use time;
pub use uuid;
