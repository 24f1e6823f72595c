//! `multipart/form-data` request bodies (RFC 7578), built in memory so a
//! retried request sends exactly the same bytes.

use bytes::Bytes;
use serde::Serialize;

use super::encoding::{scalar_text, to_json};

/// A file (binary part) of a multipart form: its bytes, and optionally a file
/// name and a content type (`application/octet-stream` when not given).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilePart {
    /// The content.
    pub bytes: Vec<u8>,
    /// The `filename` sent in the part's `Content-Disposition`.
    pub file_name: Option<String>,
    /// The part's `Content-Type`.
    pub content_type: Option<String>,
}

impl FilePart {
    /// A part holding `bytes`, without a file name.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// A body that writes itself as multipart form parts (implemented by
/// generated form types).
pub trait MultipartBody {
    /// Appends this value's parts to `form`.
    fn write_parts(&self, form: &mut Multipart);
}

/// A multipart form being built: parts in the order added.
#[derive(Debug, Clone)]
pub struct Multipart {
    boundary: String,
    body: Vec<u8>,
    error: Option<(String, String)>,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty form with a random boundary.
    pub fn new() -> Self {
        Self::with_boundary(format!("openapi-runtime-{}", uuid::Uuid::new_v4().simple()))
    }

    /// An empty form with this boundary (which must not occur in any part).
    pub fn with_boundary(boundary: impl Into<String>) -> Self {
        Self {
            boundary: boundary.into(),
            body: Vec::new(),
            error: None,
        }
    }

    /// The boundary between parts.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// Adds a text part with a scalar value (strings unquoted, numbers and
    /// booleans as in JSON, enums by their wire name); `None`/null adds
    /// nothing, and a list adds one part per element.
    pub fn text<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        let texts = to_json(value).and_then(|json| match json {
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|item| scalar_text(item).transpose())
                .collect::<Result<Vec<_>, _>>(),
            other => Ok(scalar_text(&other)?.into_iter().collect()),
        });
        match texts {
            Ok(texts) => {
                for text in texts {
                    self.part(name, None, None, text.as_bytes());
                }
            }
            Err(message) => self.fail(name, message),
        }
        self
    }

    /// Adds a part holding `value` as JSON (`Content-Type: application/json`).
    pub fn json<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        match serde_json::to_vec(value) {
            Ok(bytes) => self.part(name, None, Some("application/json"), &bytes),
            Err(err) => self.fail(name, err.to_string()),
        }
        self
    }

    /// Adds a file part.
    pub fn file(&mut self, name: &str, file: &FilePart) -> &mut Self {
        let content_type = file
            .content_type
            .as_deref()
            .unwrap_or("application/octet-stream");
        if content_type.contains(['\r', '\n']) {
            self.fail(name, "a part's content type must not contain CR or LF");
            return self;
        }
        self.part(
            name,
            Some(file.file_name.as_deref().unwrap_or("")),
            Some(content_type),
            &file.bytes,
        );
        self
    }

    /// The `Content-Type` of the finished body and its bytes, or the first
    /// problem met (the part name and a message).
    pub fn finish(mut self) -> Result<(String, Bytes), (String, String)> {
        if let Some(error) = self.error {
            return Err(error);
        }
        self.body.extend_from_slice(b"--");
        self.body.extend_from_slice(self.boundary.as_bytes());
        self.body.extend_from_slice(b"--\r\n");
        let content_type = format!("multipart/form-data; boundary={}", self.boundary);
        Ok((content_type, Bytes::from(self.body)))
    }

    fn part(
        &mut self,
        name: &str,
        file_name: Option<&str>,
        content_type: Option<&str>,
        data: &[u8],
    ) {
        if data
            .windows(self.boundary.len() + 2)
            .any(|w| w.starts_with(b"--") && &w[2..] == self.boundary.as_bytes())
        {
            self.fail(name, "the part contains the multipart boundary");
            return;
        }
        let body = &mut self.body;
        body.extend_from_slice(b"--");
        body.extend_from_slice(self.boundary.as_bytes());
        body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
        body.extend_from_slice(quote(name).as_bytes());
        body.push(b'"');
        if let Some(file_name) = file_name {
            body.extend_from_slice(b"; filename=\"");
            body.extend_from_slice(quote(file_name).as_bytes());
            body.push(b'"');
        }
        body.extend_from_slice(b"\r\n");
        if let Some(content_type) = content_type {
            body.extend_from_slice(b"Content-Type: ");
            body.extend_from_slice(content_type.as_bytes());
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }

    fn fail(&mut self, name: &str, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some((name.to_owned(), message.into()));
        }
    }
}

/// Escapes a name for a quoted `Content-Disposition` parameter the way
/// browsers do: `"` as `%22`, CR as `%0D`, LF as `%0A`.
fn quote(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}
