//! Building the method, path, query, headers and body of one operation call.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use serde::Serialize;

use super::auth::Requirement;
use super::encoding::{
    encode_component, encode_path_segment, form_pairs, form_urlencode, push_query_pairs,
    push_styled_query, scalar_text, styled_header, styled_path, to_json, FormField, Style,
};
use super::multipart::{Multipart, MultipartBody};

/// The parts of a request, filled in by generated code.
///
/// Every method is infallible and chainable; the first invalid value is
/// remembered and reported as [`Error::Validation`](super::Error::Validation)
/// when the request is sent.
#[derive(Clone)]
pub struct RequestParts {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) query: Vec<(String, String)>,
    /// A whole query string, already percent-encoded (an OpenAPI 3.2 `in: querystring`
    /// parameter written as JSON), appended after `query`.
    pub(super) raw_query: Option<String>,
    pub(super) headers: HeaderMap,
    pub(super) body: Option<Bytes>,
    pub(super) error: Option<(String, String)>,
    /// The operation's own security requirement (`None`: the API's).
    pub(super) security: Option<Requirement>,
}

impl RequestParts {
    /// Starts a request with this method and an empty path.
    pub fn new(method: Method) -> Self {
        Self {
            method,
            path: String::new(),
            query: Vec::new(),
            raw_query: None,
            headers: HeaderMap::new(),
            body: None,
            error: None,
            security: None,
        }
    }

    /// Starts a request with the method named `name` as it is sent (`QUERY`, `LINK`, ...): any
    /// HTTP token, also one [`Method`] has no constant for. A name that is not a token is
    /// reported as [`Error::Validation`](super::Error::Validation) when the request is sent
    /// (nothing goes out).
    pub fn with_method(name: &str) -> Self {
        match Method::from_bytes(name.as_bytes()) {
            Ok(method) => Self::new(method),
            Err(_) => {
                let mut parts = Self::new(Method::GET);
                parts.fail("method", format!("{name:?} is not an HTTP method name"));
                parts
            }
        }
    }

    /// Sets the security requirement of this operation, when it is not the API's: the
    /// alternatives of scheme keys it accepts (`&[]`: it needs no credential).
    pub fn security(&mut self, requirement: Requirement) -> &mut Self {
        self.security = Some(requirement);
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path so far, relative to the base URL (path parameters encoded).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Appends a literal piece of the path template, e.g. `/products/`.
    pub fn path_literal(&mut self, literal: &str) -> &mut Self {
        self.path.push_str(literal);
        self
    }

    /// Appends a path parameter as exactly one percent-encoded segment, so
    /// values like `../x?y#z` or `a/b` can never change the path. Empty
    /// values, `.` and `..` are refused.
    pub fn path_param(&mut self, value: &str) -> &mut Self {
        if value.is_empty() || value == "." || value == ".." {
            let message = format!(
                "path parameter after `{}` must not be empty, `.` or `..` (got `{value}`)",
                self.path
            );
            self.fail("path", message);
            return self;
        }
        self.path.push_str(&encode_path_segment(value));
        self
    }

    /// Appends a path parameter written in `style` (`Simple`, `Label` or
    /// `Matrix`; `explode` as in OpenAPI). Every piece is percent-encoded;
    /// `null` is refused, as is an empty, `.` or `..` simple segment.
    pub fn path_styled<V: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &V,
        style: Style,
        explode: bool,
    ) -> &mut Self {
        match to_json(value).and_then(|json| styled_path(name, &json, style, explode)) {
            Ok(Some(text))
                if style != Style::Simple || !matches!(text.as_str(), "" | "." | "..") =>
            {
                self.path.push_str(&text);
            }
            Ok(_) => {
                let message = format!("path parameter `{name}` must not be empty, `.` or `..`");
                self.fail(name, message);
            }
            Err(message) => self.fail(name, message),
        }
        self
    }

    /// Adds a query parameter written in `style` with `explode` as in
    /// OpenAPI: `Form` repeats the key for each list element (exploded) or
    /// joins them with commas, `SpaceDelimited`/`PipeDelimited` join with a
    /// space or `|`, `DeepObject` writes `name[key]=value` (nested keys and
    /// list indexes bracketed: `name[a][0]=x`; a scalar as `name=value`). An exploded
    /// form object writes its own keys. `None`/null and empty lists add nothing.
    pub fn query_styled<V: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &V,
        style: Style,
        explode: bool,
    ) -> &mut Self {
        let result = to_json(value)
            .and_then(|json| push_styled_query(&mut self.query, name, &json, style, explode));
        if let Err(message) = result {
            self.fail(name, message);
        }
        self
    }

    /// Adds a query parameter. Strings are sent unquoted, numbers and
    /// booleans as in JSON, enums by their serde name, [`Timestamp`]s as RFC
    /// 3339; `None`/null adds nothing. A list repeats the key, an object
    /// becomes `name[key]=value` pairs.
    ///
    /// [`Timestamp`]: super::Timestamp
    pub fn query<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        let result = to_json(value).and_then(|json| push_query_pairs(&mut self.query, name, &json));
        if let Err(message) = result {
            self.fail(name, message);
        }
        self
    }

    /// Adds one `name=value` pair per element, repeating the key verbatim
    /// (e.g. `tags[]=a&tags[]=b`). Null elements are skipped.
    pub fn query_each<V: Serialize>(&mut self, name: &str, values: &[V]) -> &mut Self {
        for value in values {
            match to_json(value).and_then(|json| scalar_text(&json)) {
                Ok(Some(text)) => self.query.push((name.to_owned(), text)),
                Ok(None) => {}
                Err(message) => {
                    self.fail(name, message);
                    break;
                }
            }
        }
        self
    }

    /// Writes the whole query string from `value` as `application/x-www-form-urlencoded`
    /// (an OpenAPI 3.2 `in: querystring` parameter): an object whose keys are written as a
    /// form body's (scalars as for [`query`](Self::query), lists repeat the key, objects
    /// `key[name]`); `None`/null writes nothing; anything but an object is refused.
    pub fn query_string_form<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        let result = to_json(value).and_then(|json| match json {
            serde_json::Value::Object(fields) => {
                for (key, value) in &fields {
                    push_query_pairs(&mut self.query, key, value)?;
                }
                Ok(())
            }
            serde_json::Value::Null => Ok(()),
            _ => Err("a form query string must be an object".to_owned()),
        });
        if let Err(message) = result {
            self.fail(name, message);
        }
        self
    }

    /// Writes the whole query string as the JSON text of `value`, percent-encoded (an OpenAPI
    /// 3.2 `in: querystring` parameter with `content: application/json`): `?%7B%22a%22%3A1%7D`.
    /// `None`/null writes nothing.
    pub fn query_string_json<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        // Straight to text, so a struct's fields keep their order.
        match serde_json::to_string(value) {
            Ok(json) if json == "null" => {}
            Ok(json) => self.raw_query = Some(encode_component(&json)),
            Err(err) => self.fail(name, err.to_string()),
        }
        self
    }

    /// Sets a header from a value (scalars as for [`query`](Self::query),
    /// lists comma-joined, objects as `key,value,...`); `None`/null and
    /// empty lists set nothing. Values containing CR or LF are refused.
    /// Replaces an earlier value of the same header.
    pub fn header<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        self.header_styled(name, value, false)
    }

    /// Sets a header to `value` as JSON text (a parameter with
    /// `content: application/json`); `None`/null sets nothing.
    pub fn header_json<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        match to_json(value) {
            Ok(json) if json.is_null() => {}
            Ok(json) => self.set_header(name, &json.to_string()),
            Err(message) => self.fail(name, message),
        }
        self
    }

    /// Like [`header`](Self::header); with `explode`, objects are written as
    /// `key=value,...`.
    pub fn header_styled<V: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &V,
        explode: bool,
    ) -> &mut Self {
        let text = match to_json(value).and_then(|json| styled_header(&json, explode)) {
            Ok(Some(text)) => text,
            Ok(None) => return self,
            Err(message) => {
                self.fail(name, message);
                return self;
            }
        };
        self.set_header(name, &text);
        self
    }

    /// Inserts a checked header, or records why it cannot be sent (with the same message for
    /// the same fault wherever the header comes from: [`header_pair`]).
    pub(super) fn set_header(&mut self, name: &str, text: &str) {
        match header_pair(name, text) {
            Ok((name, value)) => {
                self.headers.insert(name, value);
            }
            Err(message) => self.fail(name, message),
        }
    }

    /// Serializes `body` as the JSON request body, with
    /// `Content-Type: application/json`.
    pub fn json_body<B: Serialize + ?Sized>(&mut self, body: &B) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Some(Bytes::from(bytes));
                self.headers
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            Err(err) => self.fail("body", err.to_string()),
        }
        self
    }

    /// Serializes `body` as JSON sent with this `Content-Type` (such as
    /// `application/merge-patch+json`).
    pub fn json_body_as<B: Serialize + ?Sized>(
        &mut self,
        body: &B,
        content_type: &str,
    ) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.raw_body(content_type, bytes);
            }
            Err(err) => self.fail("body", err.to_string()),
        }
        self
    }

    /// Sends `body` (an object) as `application/x-www-form-urlencoded`, keys in sorted order:
    /// scalars as `key=value`, lists of scalars by repeating the key, nested objects as
    /// `key[field]=value`, lists of lists or objects as `key[0][field]=value`; `None`/null fields
    /// are left out.
    pub fn form_body<B: Serialize + ?Sized>(&mut self, body: &B) -> &mut Self {
        self.form_body_with(body, &[])
    }

    /// Like [`form_body`](Self::form_body), with the properties listed in `fields` written in
    /// their own style (a form body's OpenAPI `encoding`): `DeepObject` as `key[field][sub]=v`
    /// with list items indexed (`key[0]=v`, `key[0][field]=v`), `Form` / `SpaceDelimited` /
    /// `PipeDelimited` with `explode` as for [`query_styled`](Self::query_styled), `Json` as
    /// `key=<JSON text>`.
    pub fn form_body_with<B: Serialize + ?Sized>(
        &mut self,
        body: &B,
        fields: &[FormField<'_>],
    ) -> &mut Self {
        match to_json(body).and_then(|json| form_pairs(&json, fields)) {
            Ok(pairs) => {
                self.raw_body("application/x-www-form-urlencoded", form_urlencode(&pairs));
            }
            Err(message) => self.fail("body", message),
        }
        self
    }

    /// Sends `body` as `multipart/form-data`.
    pub fn multipart_body<B: MultipartBody + ?Sized>(&mut self, body: &B) -> &mut Self {
        let mut form = Multipart::new();
        body.write_parts(&mut form);
        self.multipart(form)
    }

    /// Sends a finished multipart form.
    pub fn multipart(&mut self, form: Multipart) -> &mut Self {
        match form.finish() {
            Ok((content_type, bytes)) => {
                self.raw_body(&content_type, bytes);
            }
            Err((part, message)) => self.fail(&part, message),
        }
        self
    }

    /// Uses `bytes` as the request body with the given `Content-Type`.
    pub fn raw_body(&mut self, content_type: &str, bytes: impl Into<Bytes>) -> &mut Self {
        match header_value(content_type) {
            Ok(value) => {
                self.body = Some(bytes.into());
                self.headers.insert(CONTENT_TYPE, value);
            }
            Err(message) => self.fail("Content-Type", message),
        }
        self
    }

    /// Sends `bytes` base64-encoded (standard alphabet, padded) with the given `Content-Type`: a
    /// body whose schema is `type: string, format: byte` under a non-JSON content type.
    pub fn base64_body(&mut self, content_type: &str, bytes: &[u8]) -> &mut Self {
        use base64::Engine as _;
        let text = base64::engine::general_purpose::STANDARD.encode(bytes);
        self.raw_body(content_type, text)
    }

    /// Checks a request value's documented limits; a failure is reported when the call is sent,
    /// before anything goes over the network.
    pub fn validate<V: super::validate::Validate + ?Sized>(&mut self, value: &V) -> &mut Self {
        if let Err(invalid) = value.validate() {
            self.fail(&invalid.field, invalid.message);
        }
        self
    }

    /// The first invalid value recorded so far, as `(field, message)`: a call of these parts
    /// fails with it ([`Error::Validation`](super::Error::Validation)) before sending anything.
    pub fn invalid(&self) -> Option<(&str, &str)> {
        self.error
            .as_ref()
            .map(|(field, message)| (field.as_str(), message.as_str()))
    }

    fn fail(&mut self, field: &str, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some((field.to_owned(), message.into()));
        }
    }
}

/// Validates a header name and value. Every header a caller or generated code sets goes
/// through here (or [`header_value`]): header parameters, per-call headers, the idempotency key,
/// default headers, so one fault gets one message wherever it comes from.
pub(super) fn header_pair(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let value = header_value(value)?;
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    Ok((name, value))
}

/// Validates a header value: CR and LF (which would start a new header) and other control
/// characters are refused.
pub(super) fn header_value(value: &str) -> Result<HeaderValue, String> {
    if value.contains(['\r', '\n']) {
        return Err("header values must not contain CR or LF".to_owned());
    }
    HeaderValue::from_str(value)
        .map_err(|_| "header values must not contain control characters".to_owned())
}

impl fmt::Debug for RequestParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestParts")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("raw_query", &self.raw_query)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .field("error", &self.error)
            .field("security", &self.security)
            .finish()
    }
}
