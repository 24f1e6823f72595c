//! Credentials: the security schemes an API declares, the credentials a client holds for them,
//! and how each is put on a request.
//!
//! Generated code declares the schemes ([`SchemeDef`], in [`ApiDefaults::schemes`]) and, per
//! operation, which schemes it needs ([`Requirement`]: alternatives, each a list of scheme keys
//! needed together). A call uses the first alternative whose every scheme has a credential; an
//! empty alternative (the spec's `{}`) only when no other can be met; an empty requirement (the
//! spec's `security: []`) sends no credential. When none can be met the call fails with
//! [`Error::Config`] naming the setters and environment variables, before anything is sent.
//!
//! [`ApiDefaults::schemes`]: super::ApiDefaults::schemes

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};
use tokio::time::Instant;

use super::error::Error;
use super::request::header_value;
use super::secret::Secret;

/// Which security schemes an operation needs: alternatives, each the keys of the schemes it
/// needs together (`&[]`: no credential).
pub type Requirement = &'static [&'static [&'static str]];

/// An error returned by a [`TokenProvider`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How a security scheme puts its credential on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: http `bearer`, `oauth2` and `openIdConnect`.
    Bearer,
    /// `Authorization: Basic <base64 of username:password>`: http `basic`.
    Basic,
    /// An API key in the request header of this name.
    Header(&'static str),
    /// An API key in the query parameter of this name.
    Query(&'static str),
    /// An API key in the cookie of this name.
    Cookie(&'static str),
}

/// A security scheme of an API, as the generated client declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemeDef {
    /// Its key under `components.securitySchemes`.
    pub key: &'static str,
    /// How its credential is sent.
    pub kind: SchemeKind,
    /// The builder method that sets its credential (named in error messages).
    pub setter: &'static str,
    /// The environment variables it is read from when the builder sets none: the token, or
    /// the username and the password (an unset password is empty).
    pub env: &'static [&'static str],
}

/// An access token from a [`TokenProvider`], with how long it stays valid when known.
#[derive(Clone)]
pub struct AccessToken {
    secret: Secret,
    expires_in: Option<Duration>,
}

impl AccessToken {
    /// A token without a known lifetime: the provider is asked again for every call.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            secret: Secret::new(token),
            expires_in: None,
        }
    }

    /// Says the token is valid for `lifetime` from now: it is reused until
    /// [`REFRESH_MARGIN`] before that, then the provider is asked again.
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        self.expires_in = Some(lifetime);
        self
    }
}

impl From<String> for AccessToken {
    fn from(token: String) -> Self {
        Self::new(token)
    }
}

impl From<&str> for AccessToken {
    fn from(token: &str) -> Self {
        Self::new(token)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &self.secret)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// How long before its expiry a cached [`AccessToken`] is replaced.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<AccessToken, BoxError>> + Send + 'a>>;

/// Supplies OAuth 2 / OpenID Connect access tokens, for instance by running a client-credentials
/// or refresh-token exchange.
///
/// It is asked before a call is sent (its first attempt; retries reuse the token). A token
/// returned with [`AccessToken::expires_in`] is cached and reused until [`REFRESH_MARGIN`]
/// before it expires; one without is asked for on every call. One refresh runs at a time:
/// concurrent calls wait for it rather than asking the provider too. A 401 answer to a call
/// that sent a provider's token drops that token and sends the call once more with a fresh
/// one (request bodies are buffered, so every call can be sent again); a second 401 is the
/// call's error. An error fails the call with [`Error::TokenProvider`]. Any
/// `Fn() -> impl Future<Output = Result<T, E>>` closure is a provider (`T: Into<AccessToken>`,
/// `E: Into<BoxError>`).
pub trait TokenProvider: Send + Sync {
    /// A valid access token.
    fn token(&self) -> TokenFuture<'_>;
}

impl<F, Fut, T, E> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: Into<AccessToken>,
    E: Into<BoxError>,
{
    fn token(&self) -> TokenFuture<'_> {
        let future = self();
        Box::pin(async move { future.await.map(Into::into).map_err(Into::into) })
    }
}

/// A credential for one security scheme, as a builder setter takes it. `Debug` never shows the
/// secret part.
#[derive(Clone)]
pub enum Credential {
    /// A token or key (bearer, apiKey, oauth2, openIdConnect).
    Token(Secret),
    /// A username and password (http basic).
    Basic {
        /// The username (sent, base64-encoded, with the password).
        username: String,
        /// The password.
        password: Secret,
    },
    /// Access tokens from a provider (oauth2, openIdConnect).
    Provider(Arc<dyn TokenProvider>),
}

impl Credential {
    /// A token or key.
    pub fn token(token: impl Into<String>) -> Self {
        Self::Token(Secret::new(token))
    }

    /// A username and password.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self::Basic {
            username: username.into(),
            password: Secret::new(password),
        }
    }

    /// Tokens from `provider`.
    pub fn provider(provider: impl TokenProvider + 'static) -> Self {
        Self::Provider(Arc::new(provider))
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Token(secret) => f.debug_tuple("Token").field(secret).finish(),
            Self::Basic { username, password } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", password)
                .finish(),
            Self::Provider(_) => f.write_str("Provider(..)"),
        }
    }
}

/// A credential ready to send.
enum Ready {
    /// A header value, marked sensitive: bearer, basic or a header API key.
    Header(HeaderName, HeaderValue),
    /// A query parameter API key.
    Query(&'static str, Secret),
    /// A cookie API key, as `name=value`.
    Cookie(Secret),
    /// Bearer tokens from a provider, with the cached one.
    Provider(Arc<Cached>),
}

/// A token provider and its last token.
struct Cached {
    provider: Arc<dyn TokenProvider>,
    /// The last token's `Authorization` value and when it stops being reused.
    last: tokio::sync::Mutex<Option<(HeaderValue, Instant)>>,
}

impl Cached {
    /// The `Authorization` value to send: the cached one while it is fresh, else a new one.
    async fn authorization(&self) -> Result<HeaderValue, BoxError> {
        let mut last = self.last.lock().await;
        if let Some((value, until)) = &*last {
            if Instant::now() < *until {
                return Ok(value.clone());
            }
        }
        let token = self.provider.token().await?;
        let value = bearer(token.secret.expose())
            .map_err(|message| format!("the access token from the provider {message}"))?;
        *last = token.expires_in.and_then(|lifetime| {
            let until = Instant::now() + lifetime.checked_sub(REFRESH_MARGIN)?;
            Some((value.clone(), until))
        });
        Ok(value)
    }

    /// Drops the cached token when it is still `sent` (the server refused it), so that the
    /// next call asks the provider; a token another call fetched since is kept.
    async fn drop_token(&self, sent: &HeaderValue) {
        let mut last = self.last.lock().await;
        if last.as_ref().is_some_and(|(value, _)| value == sent) {
            *last = None;
        }
    }
}

/// What one call adds to its request for authentication.
#[derive(Default)]
pub(super) struct Applied {
    /// Headers (sensitive values).
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    /// Query pairs (secret values).
    pub(super) query: Vec<(&'static str, Secret)>,
    /// Cookies, each `name=value`.
    pub(super) cookies: Vec<Secret>,
    /// The token providers whose tokens were sent, with the `Authorization` value sent.
    provided: Vec<(Arc<Cached>, HeaderValue)>,
}

impl Applied {
    /// After a 401 answer: drops the tokens from providers this call sent, so that applying
    /// the credentials again asks the providers for fresh ones. `false` when no token came from
    /// a provider (sending again would send the same credentials).
    pub(super) async fn drop_provided_tokens(&self) -> bool {
        for (cached, sent) in &self.provided {
            cached.drop_token(sent).await;
        }
        !self.provided.is_empty()
    }
}

/// The schemes of an API and the credentials the client holds for them.
pub(super) struct Auth {
    schemes: &'static [SchemeDef],
    /// The credential of each scheme (same order), when configured.
    ready: Vec<Option<Ready>>,
    /// The requirement of operations that declare none of their own.
    default: Requirement,
}

impl Auth {
    /// Prepares `credentials` (set on the builder) for `schemes`, reading the environment for
    /// the schemes without one (`env` looks a variable up); fails with a message when a
    /// credential names no scheme or cannot be sent. With `required`, at least one credential
    /// must be configured.
    pub(super) fn new(
        schemes: &'static [SchemeDef],
        default: Requirement,
        required: bool,
        credentials: Vec<(String, Credential)>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let mut given: Vec<Option<Credential>> = vec![None; schemes.len()];
        for (key, credential) in credentials {
            let Some(i) = schemes.iter().position(|s| s.key == key) else {
                return Err(format!("no security scheme `{key}` in this API"));
            };
            given[i] = Some(credential);
        }
        let mut ready = Vec::with_capacity(schemes.len());
        for (scheme, credential) in schemes.iter().zip(given) {
            let credential = credential.or_else(|| from_env(scheme, env));
            let prepared = match credential {
                None => None,
                Some(credential) => Some(prepare(scheme, credential).map_err(|message| {
                    format!("the credential of `{}` {message}", scheme.setter)
                })?),
            };
            ready.push(prepared);
        }
        if required && ready.iter().all(Option::is_none) {
            return Err(format!("no credentials: {}", ways(schemes.iter(), "; or ")));
        }
        Ok(Self {
            schemes,
            ready,
            default,
        })
    }

    /// The credentials a call of an operation needing `requirement` (`None`: the API's) sends.
    pub(super) async fn apply<E>(
        &self,
        requirement: Option<Requirement>,
        operation: impl Fn() -> String,
    ) -> Result<Applied, Error<E>> {
        let requirement = requirement.unwrap_or(self.default);
        let held = |key: &str| {
            self.schemes
                .iter()
                .position(|s| s.key == key)
                .and_then(|i| self.ready[i].as_ref())
        };
        let chosen = requirement
            .iter()
            .find(|keys| !keys.is_empty() && keys.iter().all(|key| held(key).is_some()))
            .or_else(|| requirement.iter().find(|keys| keys.is_empty()));
        let keys: &[&str] = match (requirement.is_empty(), chosen) {
            (true, _) => &[],
            (false, Some(keys)) => keys,
            (false, None) => {
                let missing = requirement.iter().map(|keys| {
                    ways(
                        self.schemes
                            .iter()
                            .filter(|s| keys.contains(&s.key) && held(s.key).is_none()),
                        ", and ",
                    )
                });
                let missing: Vec<String> = missing.collect();
                return Err(Error::Config(format!(
                    "{} needs credentials: {}",
                    operation(),
                    missing.join("; or ")
                )));
            }
        };
        let mut applied = Applied::default();
        for key in keys {
            match held(key) {
                Some(Ready::Header(name, value)) => {
                    applied.headers.push((name.clone(), value.clone()))
                }
                Some(Ready::Query(name, value)) => applied.query.push((name, value.clone())),
                Some(Ready::Cookie(pair)) => applied.cookies.push(pair.clone()),
                Some(Ready::Provider(cached)) => {
                    let value = cached.authorization().await.map_err(Error::TokenProvider)?;
                    applied.provided.push((Arc::clone(cached), value.clone()));
                    applied.headers.push((AUTHORIZATION, value));
                }
                None => {}
            }
        }
        Ok(applied)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let configured: Vec<&str> = self
            .schemes
            .iter()
            .zip(&self.ready)
            .filter(|(_, ready)| ready.is_some())
            .map(|(scheme, _)| scheme.key)
            .collect();
        f.debug_struct("Auth")
            .field("configured", &configured)
            .finish_non_exhaustive()
    }
}

/// How to give the credentials of `schemes`: "call `api_key(..)` on the builder or set
/// `X_API_KEY`", one per scheme, joined with `joiner`.
fn ways<'a>(schemes: impl Iterator<Item = &'a SchemeDef>, joiner: &str) -> String {
    let ways: Vec<String> = schemes
        .map(|s| {
            let vars: Vec<String> = s.env.iter().map(|v| format!("`{v}`")).collect();
            if vars.is_empty() {
                format!("call `{}(..)` on the builder", s.setter)
            } else {
                format!(
                    "call `{}(..)` on the builder or set {}",
                    s.setter,
                    vars.join(" and ")
                )
            }
        })
        .collect();
    ways.join(joiner)
}

/// The credential of `scheme` from the environment, when its variables are set.
fn from_env(scheme: &SchemeDef, env: &dyn Fn(&str) -> Option<String>) -> Option<Credential> {
    match (scheme.kind, scheme.env) {
        (SchemeKind::Basic, [user, rest @ ..]) => {
            let password = rest.first().and_then(|name| env(name)).unwrap_or_default();
            Some(Credential::basic(env(user)?, password))
        }
        (_, [token, ..]) => Some(Credential::token(env(token)?)),
        (_, []) => None,
    }
}

/// Checks a credential against its scheme and puts it in the form it is sent in.
fn prepare(scheme: &SchemeDef, credential: Credential) -> Result<Ready, String> {
    match (scheme.kind, credential) {
        (SchemeKind::Bearer, Credential::Token(token)) => {
            Ok(Ready::Header(AUTHORIZATION, bearer(token.expose())?))
        }
        (SchemeKind::Bearer, Credential::Provider(provider)) => {
            Ok(Ready::Provider(Arc::new(Cached {
                provider,
                last: tokio::sync::Mutex::new(None),
            })))
        }
        (SchemeKind::Basic, Credential::Basic { username, password }) => {
            if username.contains(':') {
                return Err(
                    "has a username with `:`, which basic authentication cannot send".into(),
                );
            }
            let pair = format!("{username}:{}", password.expose());
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            Ok(Ready::Header(
                AUTHORIZATION,
                sensitive(&format!("Basic {encoded}"))?,
            ))
        }
        (SchemeKind::Header(name), Credential::Token(key)) => {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("goes in `{name}`, which is not a valid header name"))?;
            Ok(Ready::Header(name, sensitive(key.expose())?))
        }
        (SchemeKind::Query(name), Credential::Token(key)) => Ok(Ready::Query(name, key)),
        (SchemeKind::Cookie(name), Credential::Token(key)) => {
            let value = key.expose();
            if value.is_empty()
                || value.chars().any(|c| {
                    matches!(c, ';' | ',' | '"' | '\\') || c.is_whitespace() || c.is_control()
                })
            {
                return Err(
                    "is not a valid cookie value (empty, or with `;`, `,`, `\"`, `\\`, spaces or control characters)"
                        .into(),
                );
            }
            Ok(Ready::Cookie(Secret::new(format!("{name}={value}"))))
        }
        (kind, credential) => Err(format!(
            "is of the wrong kind for this scheme ({kind:?}): {credential:?}"
        )),
    }
}

/// `Bearer <token>`, marked sensitive.
fn bearer(token: &str) -> Result<HeaderValue, String> {
    sensitive(&format!("Bearer {token}"))
}

/// A checked header value, marked sensitive so that `http`'s `Debug` output hides it.
fn sensitive(text: &str) -> Result<HeaderValue, String> {
    let mut value =
        header_value(text).map_err(|_| "contains characters not allowed in a header".to_owned())?;
    value.set_sensitive(true);
    Ok(value)
}
