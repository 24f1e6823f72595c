//! The intermediate model: the spec with every `$ref` resolved and every Rust name decided.
//! Emitters read only this; nothing here refers back to `openapiv3`.

/// One API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`: the API version the client pins.
    pub version: String,
    /// The spec's documentation site (`externalDocs.url` of the document, when absolute): links
    /// in its text relative to it are resolved against it, else shown as plain text.
    pub docs_url: Option<String>,
    /// Servers, first is the default base URL.
    pub servers: Vec<Server>,
    /// Prefix of the environment variables the client reads (`WHOP` -> `WHOP_API_KEY`).
    pub env_prefix: String,
    /// The security schemes some operation uses, in `components.securitySchemes` order.
    pub schemes: Vec<SecurityScheme>,
    /// The requirement of operations that declare none (the document's `security`).
    pub security: Requirement,
    /// Whether every operation needs a credential (there is at least one operation, and none
    /// accepts a call without credentials).
    pub credentials_required: bool,
    /// Named types, in a deterministic order (component order, inline types after their parent);
    /// a [`TypeId`] is an index into it.
    pub types: Vec<TypeDef>,
    /// Operations grouped by resource, in spec order.
    pub resources: Vec<Resource>,
    /// The body type of error responses shared by every operation (`Json` when they differ).
    pub error_type: TypeRef,
    /// Constructs mapped by a fallback (usually `serde_json::Value`), for the caller to show.
    pub warnings: Vec<crate::Warning>,
    /// Cargo features per resource, when the crate is split by them.
    pub features: Option<TagFeatures>,
}

/// A crate split into cargo features, one per resource: a user enables the resources they call
/// and compiles only those and the types they reach.
#[derive(Debug, Clone, PartialEq)]
pub struct TagFeatures {
    /// The feature of each resource, by index into [`Api::resources`].
    pub resources: Vec<String>,
    /// The feature of the types no operation reaches (webhook payloads, the spec's vocabulary).
    pub unreached: String,
    /// The feature enabling every resource and the unreached types (on by default).
    pub all: String,
    /// The features any of which compiles a type, by [`TypeId`] index; empty: always compiled
    /// (reached from what every operation shares, such as the error body).
    pub types: Vec<Vec<String>>,
}

/// A security scheme with its setter and environment variable names.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its key under `components.securitySchemes`.
    pub key: String,
    /// How its credential is sent.
    pub kind: SchemeKind,
    /// The builder method setting its credential (`api_key`, `basic_auth`, ...).
    pub setter: String,
    /// The builder method setting a token provider (oauth2, openIdConnect).
    pub provider_setter: Option<String>,
    /// The environment variables it is read from: the token, or the username and password.
    pub env: Vec<String>,
    /// Its description.
    pub description: Option<String>,
}

/// How a security scheme's credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// http `bearer`: `Authorization: Bearer <token>`.
    Bearer,
    /// http `basic`: `Authorization: Basic ...`.
    Basic,
    /// `apiKey` in a header, the query or a cookie, under this name.
    ApiKey(KeyLocation, String),
    /// `oauth2` or `openIdConnect`: a bearer token, or a token provider.
    OAuth,
}

/// Where an `apiKey` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A security requirement: alternatives, each the schemes (indices into [`Api::schemes`]) it
/// needs together; no alternative: no credential.
pub type Requirement = Vec<Vec<usize>>;

/// A server URL with a Rust constant name.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// SHOUTY_SNAKE constant name.
    pub const_name: String,
    /// The URL, each `{variable}` replaced by the variable's `default`.
    pub url: String,
    /// Its description.
    pub description: Option<String>,
}

/// Documentation gathered for one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// Title or summary line.
    pub summary: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// Facts appended as a list: limits, formats, defaults, examples.
    pub facts: Vec<String>,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: String,
    /// Its documentation.
    pub doc: Doc,
    /// JSON pointer of the schema it comes from.
    pub source: crate::pointer::Pointer,
    /// What it is.
    pub kind: TypeKind,
    /// Whether it is (part of) a request body, so it gets a constructor.
    pub in_request: bool,
    /// Whether it has documented limits to check before sending (its own or its fields').
    pub validated: bool,
    /// `#[deprecated]`.
    pub deprecated: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Vec<Field>),
    /// A string enum; open (unknown values are kept).
    Enum(Vec<Variant>),
    /// Another name for a type (`pub type X = ...`).
    Alias(TypeRef),
    /// An integer enum; open (unknown values are kept).
    IntEnum(Vec<IntVariant>),
    /// `oneOf` / `anyOf`: a value of one of several types.
    Union(Union),
}

/// One value of an integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntVariant {
    /// The value on the wire.
    pub value: i64,
    /// Rust variant name.
    pub rust_name: String,
}

/// A `oneOf` / `anyOf`: a value of one of several types.
#[derive(Debug, Clone, PartialEq)]
pub enum Union {
    /// No discriminator: decoding tries the variants in order and keeps the first that fits.
    Untagged(Vec<UnionVariant>),
    /// Chosen by a discriminator property.
    Tagged(TaggedUnion),
}

impl Union {
    /// The variants, in spec order.
    pub fn variants(&self) -> Vec<&UnionVariant> {
        match self {
            Union::Untagged(variants) => variants.iter().collect(),
            Union::Tagged(t) => t.members.iter().map(|m| &m.variant).collect(),
        }
    }

    /// [`Self::variants`], mutable.
    pub fn variants_mut(&mut self) -> Vec<&mut UnionVariant> {
        match self {
            Union::Untagged(variants) => variants.iter_mut().collect(),
            Union::Tagged(t) => t.members.iter_mut().map(|m| &mut m.variant).collect(),
        }
    }
}

/// A union tagged by a discriminator property.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedUnion {
    /// The discriminator property.
    pub property: String,
    /// The members, in spec order.
    pub members: Vec<TaggedMember>,
    /// The variant keeping a value whose tag is unknown, as JSON.
    pub unknown: String,
}

/// One member of a tagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedMember {
    /// Its variant.
    pub variant: UnionVariant,
    /// How a value is recognised as this member.
    pub selector: Selector,
}

/// How a value of a tagged union is recognised as one member.
#[derive(Debug, Clone, PartialEq)]
pub enum Selector {
    /// By these discriminator values (at least one; the first is written when encoding a value
    /// that lacks the property).
    Tags(Vec<String>),
    /// The member is not an object (an array, a string, ...), so it has no tag property: it is
    /// decoded by shape when the value is not an object (such members are tried in order, the
    /// first that fits wins) and encoded as itself, with no tag written.
    Shape,
}

/// One member of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// Its payload type.
    pub ty: TypeRef,
    /// Whether its payload has limits to check before sending.
    pub validated: bool,
    /// Whether the union gets `From<payload>` (no other variant has the same type, aliases
    /// expanded, and the payload is not the union itself).
    pub from_impl: bool,
}

/// `readOnly` / `writeOnly`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Sent and received.
    #[default]
    ReadWrite,
    /// Only in responses: never serialized by types used in requests.
    ReadOnly,
    /// Only in requests: never required when decoding.
    WriteOnly,
}

/// A field's spec `default`, used when the field is missing and by constructors.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDefault {
    /// Name of the module-level function returning it (`#[serde(default = "...")]`).
    pub fn_name: String,
    /// The value.
    pub value: DefaultValue,
}

/// A default value that can be written as a Rust expression.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// `true` / `false`.
    Bool(bool),
    /// An integer (typed by the field).
    Int(i64),
    /// A floating-point number (typed by the field).
    Float(f64),
    /// A string.
    Str(String),
    /// A variant of the field's enum type (Rust variant name).
    Variant(String),
    /// An empty list.
    EmptyList,
}

/// One property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name on the wire.
    pub json_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Its documentation.
    pub doc: Doc,
    /// Its type, without the presence wrapper.
    pub ty: TypeRef,
    /// Required / nullable combination.
    pub presence: Presence,
    /// Documented limits.
    pub limits: Limits,
    /// Whether its value (a named type or a list of them) has limits of its own to check.
    pub nested_validated: bool,
    /// `#[deprecated]`.
    pub deprecated: bool,
    /// `readOnly` / `writeOnly`.
    pub access: Access,
    /// Whether constructors take it as an argument (required, or write-only and required).
    pub ctor_arg: bool,
    /// The spec default, when the field decodes to it when missing.
    pub default: Option<FieldDefault>,
    /// Whether it collects the object's other properties (`#[serde(flatten)]`; `ty` is a map).
    pub flatten: bool,
}

/// Whether a field must be present and whether it may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Present, never null: `T`.
    Required,
    /// Present, may be null: `Option<T>` (missing also decodes as `None`).
    RequiredNullable,
    /// May be absent, never null: `Option<T>`, omitted when `None`.
    Optional,
    /// May be absent or null: `Nullable<T>`, three states.
    OptionalNullable,
}

/// Documented value limits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limits {
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `pattern`, as documented.
    pub pattern: Option<String>,
    /// Regexes that together check `pattern` (leading lookaheads split off); empty when the
    /// pattern cannot be checked locally.
    pub pattern_checks: Vec<String>,
}

impl Limits {
    /// Whether there is anything to check.
    pub fn is_empty(&self) -> bool {
        self.min_length.is_none() && self.max_length.is_none() && self.pattern_checks.is_empty()
    }
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The value on the wire.
    pub wire: String,
    /// Rust variant name.
    pub rust_name: String,
}

/// A reference to a Rust type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `String`.
    String,
    /// A date-time that also accepts Unix seconds.
    Timestamp,
    /// A calendar date.
    Date,
    /// `format: uuid`.
    Uuid,
    /// `format: byte`: base64 text holding bytes.
    Bytes,
    /// `format: binary`: raw bytes (as text inside JSON).
    Binary,
    /// Any JSON value.
    Json,
    /// A JSON object of arbitrary values.
    JsonObject,
    /// No body.
    Unit,
    /// A named type of this API.
    Named(TypeId),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// A tuple `(A, B, ...)`: an array of exactly these items, by position (JSON Schema
    /// `prefixItems` with `items: false`).
    Tuple(Vec<TypeRef>),
    /// A string-keyed map.
    Map(Box<TypeRef>),
    /// A value that may be JSON `null`: `Option<T>` (array items, map values, aliases, variants).
    OrNull(Box<TypeRef>),
    /// `Box<T>`: breaks a cycle of types containing each other.
    Boxed(Box<TypeRef>),
}

/// The identity of a named type: its index in [`Api::types`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub(crate) u32);

impl TypeId {
    /// The position of the type in [`Api::types`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Debug for TypeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// How a value holds a named type met inside a [`TypeRef`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// In place (itself, or under `Option`): a type holding itself this way has infinite size.
    Inline,
    /// Behind a `Vec`, a map or a `Box`.
    Indirect,
}

impl TypeRef {
    /// Calls `visit` with every named type inside `self`, and how a value holds it. The one walk
    /// of a type reference: every pass over the type graph goes through it.
    pub fn for_each_named(&self, visit: &mut impl FnMut(TypeId, Held)) {
        self.walk(Held::Inline, visit);
    }

    fn walk(&self, held: Held, visit: &mut impl FnMut(TypeId, Held)) {
        match self {
            TypeRef::Named(id) => visit(*id, held),
            TypeRef::OrNull(t) => t.walk(held, visit),
            TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Boxed(t) => t.walk(Held::Indirect, visit),
            TypeRef::Tuple(members) => members.iter().for_each(|t| t.walk(held, visit)),
            _ => {}
        }
    }

    /// The named types inside `self`, in order.
    pub fn named(&self) -> Vec<TypeId> {
        let mut out = Vec::new();
        self.for_each_named(&mut |id, _| out.push(id));
        out
    }

    /// Replaces every named type inside `self` by `f` of it.
    pub fn map_named(&mut self, f: &mut impl FnMut(TypeId) -> TypeId) {
        match self {
            TypeRef::Named(id) => *id = f(*id),
            TypeRef::OrNull(t) | TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Boxed(t) => {
                t.map_named(f)
            }
            TypeRef::Tuple(members) => members.iter_mut().for_each(|t| t.map_named(f)),
            _ => {}
        }
    }
}

impl TypeKind {
    /// The type references a definition is made of: field types, variant payloads, the aliased
    /// type (enums have none). The edges of the type graph.
    pub fn refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants().into_iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
        }
    }

    /// [`Self::refs`], mutable.
    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(fields) => fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::Union(u) => u.variants_mut().into_iter().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
        }
    }
}

impl Api {
    /// Where a crate split by resource would not compile with some features off: a type named
    /// by a type, an operation or the error body, but not compiled whenever they are. Empty for a
    /// sound split, and for a crate that is not split.
    pub fn gate_violations(&self) -> Vec<String> {
        let Some(split) = &self.features else {
            return Vec::new();
        };
        let gate = |id: TypeId| &split.types[id.index()];
        // `inner` is compiled whenever `outer` is: always, or under every feature of `outer`'s.
        let covers = |inner: &Vec<String>, outer: &[String]| {
            inner.is_empty() || (!outer.is_empty() && outer.iter().all(|f| inner.contains(f)))
        };
        let mut out = Vec::new();
        for (i, def) in self.types.iter().enumerate() {
            for named in def.kind.refs().into_iter().flat_map(TypeRef::named) {
                if !covers(gate(named), &split.types[i]) {
                    out.push(format!("{} names {}", def.name, self.ty(named).name));
                }
            }
        }
        for (r, feature) in self.resources.iter().zip(&split.resources) {
            for op in &r.operations {
                for named in op.named_types() {
                    if !covers(gate(named), std::slice::from_ref(feature)) {
                        let (res, ty) = (&r.type_name, &self.ty(named).name);
                        out.push(format!("{res}.{} names {ty}", op.method_name));
                    }
                }
            }
        }
        for named in self.error_type.named() {
            if !gate(named).is_empty() {
                out.push(format!("the error body {} is gated", self.ty(named).name));
            }
        }
        out
    }

    /// The definition of a named type.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.index()]
    }

    /// The groups of types with the same shape ([`TypeDef::shape`]), each group in model order
    /// and the groups in the order of their first type; types of a shape of their own are in
    /// none. Shapes compare the types they refer to by identity, so types that differ only in
    /// referring to two look-alike types are found once those two are merged.
    pub fn same_shapes(&self) -> Vec<Vec<TypeId>> {
        let mut by_shape: std::collections::BTreeMap<String, Vec<TypeId>> = Default::default();
        for (i, def) in self.types.iter().enumerate() {
            by_shape
                .entry(def.shape())
                .or_default()
                .push(TypeId(i as u32));
        }
        let mut groups: Vec<Vec<TypeId>> = by_shape.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        groups
    }
}

impl TypeDef {
    /// What the type is on the wire and in Rust, apart from its name, documentation and source
    /// (and the names of its default functions, which follow from its name), as a comparable key:
    /// two types with the same shape can stand in for each other.
    pub fn shape(&self) -> String {
        let mut kind = self.kind.clone();
        if let TypeKind::Struct(fields) = &mut kind {
            for f in fields {
                f.doc = Doc::default();
                if let Some(d) = &mut f.default {
                    d.fn_name.clear();
                }
            }
        }
        format!("{:?}/{kind:?}", self.deprecated)
    }
}

/// Operations sharing a tag: `client.products()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Accessor method name (`products`).
    pub accessor: String,
    /// Handle type name (`Products`).
    pub type_name: String,
    /// The tag's description.
    pub doc: Doc,
    /// Its operations.
    pub operations: Vec<Operation>,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Method name on the resource (`create`).
    pub method_name: String,
    /// `GET`, `POST`, ...
    pub http_method: String,
    /// The template split into literal text and parameters.
    pub path: Vec<PathPart>,
    /// Its documentation.
    pub doc: Doc,
    /// Path parameters, in template order; positional arguments.
    pub path_params: Vec<Param>,
    /// Query and header parameters the caller sets, gathered in a struct.
    pub params: Option<ParamsStruct>,
    /// Header parameters sent with their spec default unless overridden per request.
    pub default_headers: Vec<(String, String)>,
    /// The request body.
    pub body: Option<Body>,
    /// What a successful response decodes into.
    pub response: Success,
    /// The `Accept` header to send when the success bodies are not (only) JSON.
    pub accept: Option<String>,
    /// Cursor pagination, when the operation pages through a list.
    pub pagination: Option<Pagination>,
    /// `#[deprecated]`.
    pub deprecated: bool,
    /// Its own security requirement, when it differs from the API's ([`Api::security`]).
    pub security: Option<Requirement>,
}

impl Operation {
    /// The named types the operation refers to directly (parameters, body, parts, responses,
    /// pagination items), in [`Operation::for_each_type_ref_mut`]'s order.
    pub fn named_types(&self) -> Vec<TypeId> {
        let mut copy = self.clone();
        let mut ids = Vec::new();
        copy.for_each_type_ref_mut(&mut |t| ids.extend(t.named()));
        ids
    }

    /// Calls `f` with every type reference of the operation: parameters, body (and multipart
    /// parts), responses and the pagination item type.
    pub fn for_each_type_ref_mut(&mut self, f: &mut impl FnMut(&mut TypeRef)) {
        let params = self.params.iter_mut().flat_map(|p| p.params.iter_mut());
        for p in self.path_params.iter_mut().chain(params) {
            f(&mut p.ty);
        }
        if let Some(body) = &mut self.body {
            f(&mut body.ty);
            if let BodyKind::Multipart(form) = &mut body.kind {
                for part in &mut form.fields {
                    if let PartKind::Text(t) | PartKind::Json(t) = &mut part.kind {
                        f(t);
                    }
                }
            }
        }
        match &mut self.response {
            Success::One(Payload::Json(t)) => f(t),
            Success::One(_) => {}
            Success::Stream(stream) => f(&mut stream.item),
            Success::Enum(e) => {
                for v in &mut e.variants {
                    if let Payload::Json(t) = &mut v.payload {
                        f(t);
                    }
                }
            }
        }
        if let Some(p) = &mut self.pagination {
            f(&mut p.item_type);
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text, sent as is.
    Literal(String),
    /// The path parameter at this index of `path_params`.
    Param(usize),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// The whole query string (OpenAPI 3.2 `in: querystring`): `Form` (an object written as
    /// `application/x-www-form-urlencoded`) or `Json` (the percent-encoded JSON text).
    QueryString,
    /// In a header.
    Header,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire (`visibilities[]`).
    pub wire_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type (without `Option`).
    pub ty: TypeRef,
    /// Required by the spec.
    pub required: bool,
    /// Its documentation.
    pub doc: Doc,
    /// How the value is written (`style`, with the location's default).
    pub style: ParamStyle,
    /// `explode`, with the style's default.
    pub explode: bool,
    /// Whether the value is an object (written key by key in form and deepObject styles).
    pub is_object: bool,
    /// An optional styled list, held as a plain `Vec`: empty means not sent.
    pub empty_is_absent: bool,
    /// The value the generated operation tests send.
    pub sample: Sample,
}

/// A value for the generated operation tests to send, as JSON: the spec's example, else one
/// built from the schema; or why none could be built (the operation is then listed as not
/// exercised).
pub type Sample = Result<serde_json::Value, String>;

/// The request body values the generated operation tests send.
#[derive(Debug, Clone, PartialEq)]
pub struct BodySamples {
    /// With the required properties only (built from the schema).
    pub required: Sample,
    /// With every property: the media type's example, else built from the schema.
    pub all: Sample,
}

/// The OpenAPI `style` of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `simple`: path and header default.
    Simple,
    /// `label`: `.value` in a path.
    Label,
    /// `matrix`: `;name=value` in a path.
    Matrix,
    /// `form`: query default.
    Form,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`.
    DeepObject,
    /// Not a style: `content: application/json`, the value as JSON text.
    Json,
}

/// The struct of an operation's query and header parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamsStruct {
    /// Type name (`ListProductsParams`).
    pub type_name: String,
    /// The parameters.
    pub params: Vec<Param>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Its serde type (`Json`, `Form`), `String` (`Text`), or `Unit` (`Bytes`, `Base64`: sent as `&[u8]`;
    /// `Multipart`, whose form type is in its kind).
    pub ty: TypeRef,
    /// How it is encoded.
    pub kind: BodyKind,
    /// Whether the spec requires it.
    pub required: bool,
    /// Whether its type has limits to check before sending.
    pub validate: bool,
    /// Its documentation.
    pub doc: Doc,
    /// The values the generated operation tests send.
    pub samples: BodySamples,
}

/// The encoding of a request body, chosen from the spec's content types in this order.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// JSON with this content type.
    Json(String),
    /// `application/x-www-form-urlencoded`, with the properties whose `encoding` says how they
    /// are written (the others are written the runtime's default way).
    Form(Vec<FormEncoding>),
    /// `multipart/form-data`: the fields of the generated form type.
    Multipart(MultipartForm),
    /// Raw bytes with this content type (`application/octet-stream`).
    Bytes(String),
    /// Raw bytes sent base64-encoded with this content type (a non-JSON type whose schema is
    /// `type: string, format: byte`, or 3.1 `contentEncoding: base64`).
    Base64(String),
    /// Text with this content type (`text/plain`).
    Text(String),
}

/// How one property of a form body is written: its `encoding` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FormEncoding {
    /// The property's name in the body.
    pub name: String,
    /// `Form`, `SpaceDelimited`, `PipeDelimited`, `DeepObject`, or `Json` (`contentType:
    /// application/json`).
    pub style: ParamStyle,
    /// OpenAPI `explode` (given, or the style's default).
    pub explode: bool,
    /// OpenAPI `allowReserved`.
    pub allow_reserved: bool,
}

/// A generated type for a `multipart/form-data` body: one field per part.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartForm {
    /// Type name.
    pub type_name: String,
    /// Its documentation.
    pub doc: Doc,
    /// The parts, in spec order.
    pub fields: Vec<PartField>,
}

/// One field of a multipart form.
#[derive(Debug, Clone, PartialEq)]
pub struct PartField {
    /// The part name on the wire.
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Its documentation.
    pub doc: Doc,
    /// Whether the spec requires it (else `Option`, or an empty list).
    pub required: bool,
    /// What the part holds.
    pub kind: PartKind,
    /// Documented limits of a plain string part.
    pub limits: Limits,
    /// Whether its value has limits of its own type to check before sending.
    pub validated: bool,
}

/// The content of a multipart part.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// One file (`format: binary`): `runtime::FilePart`.
    File,
    /// Several files (array of `format: binary`): one part each.
    Files,
    /// A scalar (or list of scalars, one part each) written as text.
    Text(TypeRef),
    /// Anything else, written as JSON.
    Json(TypeRef),
}

/// What a successful response decodes into.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// Every success status has this body.
    One(Payload),
    /// Distinct bodies per status: a generated enum.
    Enum(ResponseEnum),
    /// A sequential body (OpenAPI 3.2 `itemSchema`) read item by item as it arrives.
    Stream(ItemStream),
}

/// A response read as a stream of typed items.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStream {
    /// The type of each item.
    pub item: TypeRef,
    /// How the body is split into items.
    pub sequence: Sequence,
    /// The content type, as the spec wrote it.
    pub content_type: String,
}

/// How a sequential body is split into items (the runtime's `Sequence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sequence {
    /// `text/event-stream`: each item is an event (`data`, `event`, `id`, `retry`).
    ServerSentEvents,
    /// `application/jsonl`, `application/x-ndjson`: a JSON value per line.
    JsonLines,
    /// `application/json-seq` (RFC 7464): JSON values after record separators.
    JsonSeq,
}

impl Sequence {
    /// How a content type is split when the client reads it as a stream of items: `None` for
    /// content types it does not stream.
    pub fn of_content_type(mime: &str) -> Option<Self> {
        let essence = mime
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/event-stream" => Some(Self::ServerSentEvents),
            "application/jsonl" | "application/x-ndjson" | "application/x-jsonlines" => {
                Some(Self::JsonLines)
            }
            e if e == "application/json-seq" || e.ends_with("+json-seq") => Some(Self::JsonSeq),
            _ => None,
        }
    }
}

/// The body of one response.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// JSON decoded into this type.
    Json(TypeRef),
    /// Text: `String`.
    Text,
    /// Raw bytes: `Vec<u8>`.
    Bytes,
    /// Base64 text decoded into its bytes: `Vec<u8>` (a non-JSON body whose schema is
    /// `format: byte`).
    Base64,
    /// No body: `()`.
    Empty,
}

/// The response enum of an operation with several success bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseEnum {
    /// Type name.
    pub type_name: String,
    /// Its documentation.
    pub doc: Doc,
    /// One variant per documented success status, in spec order.
    pub variants: Vec<ResponseVariant>,
}

/// One variant of a response enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// Which statuses select it.
    pub status: StatusMatch,
    /// Its body.
    pub payload: Payload,
    /// Its documentation (the response's description).
    pub doc: Doc,
}

/// The statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// A range such as `2XX` (the first digit).
    Range(u16),
    /// `default`: any other success status.
    Default,
}

/// How an operation pages: the cursor parameter it takes and where the response keeps the items
/// and the next cursor (Relay-style `page_info`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Name of the stream method (`list_all`).
    pub stream_method: String,
    /// The operation's params struct, which holds the cursor.
    pub params_type: String,
    /// Rust name of the cursor field in the params struct (`after`).
    pub cursor_param: String,
    /// Rust name of the items field of the response (`data`).
    pub items_field: String,
    /// The item type.
    pub item_type: TypeRef,
    /// Rust name of the page-info field of the response (`page_info`).
    pub page_info_field: String,
    /// The next-cursor field of the page info (`end_cursor`) and its presence.
    pub next_cursor: (String, Presence),
    /// The has-more flag of the page info (`has_next_page`), if any, and its presence.
    pub has_more: Option<(String, Presence)>,
}
