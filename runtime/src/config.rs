//! Client configuration: per-API defaults, the builder, and the shared core.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::Url;

use super::auth::{Auth, Credential, Requirement, SchemeDef};
use super::error::Error;
use super::request::{header_pair, header_value};

/// Default per-attempt timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default limit on the size of a response body (32 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Per-API constants passed in by generated code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiDefaults {
    /// Base URL used when neither the builder nor the environment sets one.
    pub base_url: &'static str,
    /// Environment variable that overrides the base URL.
    pub env_base_url: &'static str,
    /// Default `User-Agent`.
    pub user_agent: &'static str,
    /// The security schemes operations use (`components.securitySchemes`), with the builder
    /// setter and environment variables of each.
    pub schemes: &'static [SchemeDef],
    /// The security requirement of operations that declare none of their own (the document's
    /// `security`).
    pub security: Requirement,
    /// Whether building fails when no credential at all is configured: true when every
    /// operation needs one.
    pub credentials_required: bool,
}

/// Builds a client of type `C` from a [`Core`] (`C: From<Core>`, or `TryFrom<Core>` when making
/// the client can fail, as starting a blocking client's runtime can); `E` is the API's error body
/// type, so a configuration error has the same type as every other error of that API.
pub struct ClientBuilder<C, E = serde_json::Value> {
    defaults: ApiDefaults,
    credentials: Vec<(String, Credential)>,
    base_url: Option<String>,
    timeout: Duration,
    total_timeout: Option<Duration>,
    max_retries: u32,
    default_headers: Vec<(String, String)>,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
    max_response_bytes: usize,
    client: PhantomData<fn() -> (C, E)>,
}

impl<C, E> ClientBuilder<C, E>
where
    C: TryFrom<Core>,
    <C as TryFrom<Core>>::Error: fmt::Display,
{
    /// A builder with the API's defaults.
    pub fn new(defaults: ApiDefaults) -> Self {
        Self {
            defaults,
            credentials: Vec::new(),
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            total_timeout: None,
            max_retries: DEFAULT_MAX_RETRIES,
            default_headers: Vec::new(),
            user_agent: None,
            http_client: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            client: PhantomData,
        }
    }

    /// Sets the credential of the security scheme `scheme` (its key under
    /// `components.securitySchemes`), replacing an earlier one; a scheme without one is read from
    /// its environment variables when the client is built. The client's named setters call this.
    pub fn credential(mut self, scheme: &str, credential: Credential) -> Self {
        self.credentials.retain(|(key, _)| key != scheme);
        self.credentials.push((scheme.to_owned(), credential));
        self
    }

    /// Sets the base URL (otherwise from the environment, then the default).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sets the timeout of each attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets an overall limit on each call: its attempts, retries and the waits between them
    /// together (default: none, so a call can take `max_retries + 1` timeouts plus waits). When
    /// it passes, the call fails with [`Error::TotalTimeout`]; a retry whose wait would end after
    /// it is not made, and the call fails at once with the last error instead.
    pub fn total_timeout(mut self, total_timeout: Duration) -> Self {
        self.total_timeout = Some(total_timeout);
        self
    }

    /// Sets how many times a failed request is retried (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Adds a header sent with every request (checked in [`build`](Self::build)).
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        self.default_headers
            .push((name.to_owned(), value.to_owned()));
        self
    }

    /// Overrides the `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses this `reqwest` client (connection pool, proxy, TLS settings).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Sets the largest response body accepted, in bytes (default 32 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Builds the client. Fails with [`Error::Config`] when a credential cannot be sent, when
    /// none is configured (set or in the environment) but every operation needs one, when the
    /// base URL or a header is invalid, or when the client cannot be made from the core.
    pub fn build(self) -> Result<C, Error<E>> {
        self.assemble().map_err(Error::Config)
    }

    /// Builds the core, or says what is wrong with the configuration.
    fn assemble(self) -> Result<C, String> {
        let auth = Auth::new(
            self.defaults.schemes,
            self.defaults.security,
            self.defaults.credentials_required,
            self.credentials,
            &env_var,
        )?;

        let base_url = self
            .base_url
            .or_else(|| env_var(self.defaults.env_base_url))
            .unwrap_or_else(|| self.defaults.base_url.to_owned());
        let base_url = parse_base_url(&base_url)?;

        let user_agent = self
            .user_agent
            .as_deref()
            .unwrap_or(self.defaults.user_agent);
        let user_agent = header_value(user_agent)
            .map_err(|message| format!("invalid User-Agent {user_agent:?}: {message}"))?;

        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let (name, value) = header_pair(name, value)
                .map_err(|message| format!("default header `{name}`: {message}"))?;
            default_headers.append(name, value);
        }

        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .build()
                .map_err(|err| format!("cannot create the HTTP client: {err}"))?,
        };

        let core = Core {
            inner: Arc::new(CoreInner {
                http,
                base_url,
                auth,
                user_agent,
                default_headers,
                timeout: self.timeout,
                total_timeout: self.total_timeout,
                max_retries: self.max_retries,
                max_response_bytes: self.max_response_bytes,
            }),
        };
        C::try_from(core).map_err(|err| format!("cannot create the client: {err}"))
    }
}

impl<C, E> fmt::Debug for ClientBuilder<C, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("max_retries", &self.max_retries)
            .field(
                "default_headers",
                &self
                    .default_headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("user_agent", &self.user_agent)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// A non-empty environment variable.
fn env_var(name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    std::env::var(name)
        .ok()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

fn parse_base_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text.trim()).map_err(|err| format!("invalid base URL `{text}`: {err}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(format!(
            "invalid base URL `{text}`: expected an http or https URL"
        ));
    }
    Ok(url)
}

/// The configured connection shared by every resource of a client.
/// Cheap to clone.
#[derive(Clone)]
pub struct Core {
    pub(super) inner: Arc<CoreInner>,
}

pub(super) struct CoreInner {
    pub(super) http: reqwest::Client,
    pub(super) base_url: Url,
    /// The security schemes and the credentials held for them.
    pub(super) auth: Auth,
    pub(super) user_agent: HeaderValue,
    pub(super) default_headers: HeaderMap,
    pub(super) timeout: Duration,
    pub(super) total_timeout: Option<Duration>,
    pub(super) max_retries: u32,
    pub(super) max_response_bytes: usize,
}

impl Core {
    /// The base URL every request path is appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The timeout of each attempt.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The overall limit on each call (attempts, retries and waits), if one is set.
    pub fn total_timeout(&self) -> Option<Duration> {
        self.inner.total_timeout
    }

    /// How many times a failed request is retried.
    pub fn max_retries(&self) -> u32 {
        self.inner.max_retries
    }

    /// The largest response body accepted, in bytes.
    pub fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }

    /// The underlying `reqwest` client.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Core")
            .field("base_url", &inner.base_url.as_str())
            .field("auth", &inner.auth)
            .field("user_agent", &inner.user_agent)
            .field(
                "default_headers",
                &inner.default_headers.keys().collect::<Vec<_>>(),
            )
            .field("timeout", &inner.timeout)
            .field("total_timeout", &inner.total_timeout)
            .field("max_retries", &inner.max_retries)
            .field("max_response_bytes", &inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Defines a generated client's builder, `client_builder!(Name, Client, ErrorBody)`: the struct
/// `Name<C = Client>`, the runtime's [`ClientBuilder`] with the API's error body type, with
/// every setting but the credentials (the generated code adds one named setter per security
/// scheme, each calling `credential`). `C` is the client built (the blocking one, say).
///
/// The builder starts from the runtime's: `ClientBuilder::from(runtime::ClientBuilder::new(DEFAULTS))`.
#[macro_export]
macro_rules! client_builder {
    ($name:ident, $client:ty, $error:ty) => {
        #[doc = concat!("Configures and builds a [`", stringify!($client), "`] (or another client type `C`).")]
        pub struct $name<C = $client> {
            inner: $crate::ClientBuilder<C, $error>,
        }

        impl<C> From<$crate::ClientBuilder<C, $error>> for $name<C> {
            fn from(inner: $crate::ClientBuilder<C, $error>) -> Self {
                Self { inner }
            }
        }

        impl<C> ::std::fmt::Debug for $name<C> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.inner, f)
            }
        }

        impl<C> $name<C>
        where
            C: TryFrom<$crate::Core>,
            <C as TryFrom<$crate::Core>>::Error: ::std::fmt::Display,
        {
            /// Sets the base URL (otherwise from the environment, then the default).
            pub fn base_url(self, url: impl Into<String>) -> Self {
                Self { inner: self.inner.base_url(url) }
            }

            /// Sets the timeout of each attempt (default 60 s).
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                Self { inner: self.inner.timeout(timeout) }
            }

            /// Sets an overall limit on each call: its attempts, retries and the waits between
            /// them together (default: none). When it passes, the call fails with
            /// `Error::TotalTimeout`; a retry whose wait would end after it is not made.
            pub fn total_timeout(self, total_timeout: ::std::time::Duration) -> Self {
                Self { inner: self.inner.total_timeout(total_timeout) }
            }

            /// Sets how many times a failed request is retried (default 2).
            pub fn max_retries(self, max_retries: u32) -> Self {
                Self { inner: self.inner.max_retries(max_retries) }
            }

            /// Adds a header sent with every request (checked in [`build`](Self::build)).
            pub fn default_header(self, name: &str, value: &str) -> Self {
                Self { inner: self.inner.default_header(name, value) }
            }

            /// Overrides the `User-Agent`.
            pub fn user_agent(self, user_agent: impl Into<String>) -> Self {
                Self { inner: self.inner.user_agent(user_agent) }
            }

            /// Uses this `reqwest` client (connection pool, proxy, TLS settings: a client
            /// certificate for mutual TLS goes here).
            pub fn http_client(self, client: $crate::reqwest::Client) -> Self {
                Self { inner: self.inner.http_client(client) }
            }

            /// Sets the largest response body accepted, in bytes (default 32 MiB).
            pub fn max_response_bytes(self, limit: usize) -> Self {
                Self { inner: self.inner.max_response_bytes(limit) }
            }

            /// Sets the credential of the security scheme `scheme` (its key in the spec); the
            /// named setters are the usual way.
            pub fn credential(self, scheme: &str, credential: $crate::Credential) -> Self {
                Self { inner: self.inner.credential(scheme, credential) }
            }

            /// Builds the client. Fails with `Error::Config` when a credential cannot be sent,
            /// when none is configured but every operation needs one, when the base URL or a
            /// header is invalid, or when the client cannot be made.
            pub fn build(self) -> ::std::result::Result<C, $crate::Error<$error>> {
                self.inner.build()
            }
        }
    };
}
