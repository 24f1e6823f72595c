//! `src/client.rs`: the `Client`, its configuration constants, and one handle per resource with
//! one method per operation. Every method only describes the request; sending, retries and
//! decoding are the shipped runtime's job.

use super::output::{File, Output, Section};
use super::{
    deprecated_attr, doc_attrs, doc_lines, features, multipart, params, responses, spec_doc_lines,
    type_tokens, Site,
};
use crate::model::{
    Api, Body, BodyKind, KeyLocation, Operation, Pagination, Param, ParamLocation, ParamStyle,
    PathPart, Payload, Presence, Requirement, Resource, SchemeKind, SecurityScheme, Sequence,
    Success, TypeRef,
};
use crate::naming::{self, ident};
use proc_macro2::TokenStream;
use quote::quote;

/// Pushes the client module, and into `models.rs` the types each operation adds: its parameter
/// struct, multipart form and response enum.
pub(crate) fn push<'a>(api: &'a Api, out: &mut Output<'a>) {
    out.whole(File::Client, move || module(api));
    for (i, r) in api.resources.iter().enumerate() {
        let gate = move || features::resource_attr(api, i);
        for op in &r.operations {
            if let Some(p) = &op.params {
                let weight = 1 + p.params.len();
                out.push(File::Models, Section::Params, weight, move || {
                    features::gate(params::params_struct(api, p), gate())
                });
            }
            if let Some(Body {
                kind: BodyKind::Multipart(form),
                ..
            }) = &op.body
            {
                let weight = 1 + form.fields.len();
                out.push(File::Models, Section::OperationTypes, weight, move || {
                    features::gate(multipart::form(api, form), gate())
                });
            }
            if let Success::Enum(e) = &op.response {
                let weight = 1 + e.variants.len();
                out.push(File::Models, Section::OperationTypes, weight, move || {
                    features::gate(responses::response_enum(api, e), gate())
                });
            }
        }
    }
}

/// The whole client module.
fn module(api: &Api) -> TokenStream {
    let servers = api.servers.iter().map(|s| {
        let name = ident(&s.const_name);
        let url = &s.url;
        let doc = spec_doc_lines(
            api,
            s.description.as_deref().unwrap_or("A server of the API."),
        );
        quote!(#doc pub const #name: &str = #url;)
    });
    let default_server = match api.servers.first() {
        Some(s) => {
            let name = ident(&s.const_name);
            quote!(servers::#name)
        }
        None => quote!("/"),
    };
    let version = &api.version;
    let env_url = naming::env_var(&api.env_prefix, "BASE_URL");
    let schemes = api.schemes.iter().map(scheme_def);
    let security = requirement_tokens(api, &api.security);
    let credentials_required = api.credentials_required;
    let setters = credential_setters(api);
    let (new_args, new_call, new_doc) = new_constructor(api);
    let error_ty = type_tokens(api, &api.error_type, Site::Outside);
    let accessors = api.resources.iter().enumerate().map(|(i, r)| {
        let acc = ident(&r.accessor);
        let ty = ident(&r.type_name);
        let doc = format!(" The `{}` operations.", r.type_name);
        let gate = features::resource_attr(api, i);
        quote! {
            #[doc = #doc]
            #gate
            pub fn #acc(&self) -> #ty<'_> {
                #ty { core: &self.core }
            }
        }
    });
    let streams = api
        .resources
        .iter()
        .flat_map(|r| &r.operations)
        .any(|op| matches!(op.response, Success::Stream(_)));
    let stream_doc = if streams {
        quote! {
            /// Every item of a paginated list, page after page (`<method>_all`), or of a streamed
            /// response, as it arrives: `next().await`, `collect_all(max_items).await`, or any
            /// `StreamExt` method. It owns a clone of the client, so it can be kept and moved, and
            /// it is `Unpin`.
        }
    } else {
        quote! {
            /// Every item of a paginated list, page after page (`<method>_all`): `next().await`,
            /// `collect_all(max_items).await`, or any `StreamExt` method. It owns a clone of the
            /// client, so it can be kept and moved, and it is `Unpin`.
        }
    };
    let resources = api
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| resource(api, r, features::resource_attr(api, i)));
    let blocking = blocking_module(api, &error_ty);
    let client_doc = format!(
        "A client of the {}.\n\nCheap to clone: clones share one connection pool.",
        api.title
    );
    let client_doc = doc_lines(&client_doc);
    let env_vars: Vec<String> = api
        .schemes
        .iter()
        .flat_map(|s| &s.env)
        .map(|v| format!("`{v}`"))
        .collect();
    let env_doc = if env_vars.is_empty() {
        format!(" A client configured from the environment: `{env_url}` if set.")
    } else {
        format!(
            " A client configured from the environment: {}, and `{env_url}` if set.",
            list(&env_vars)
        )
    };
    let new = new_args.as_ref().map(|args| {
        quote! {
            #new_doc
            pub fn new(#args) -> Result<Self> {
                Self::builder()#new_call.build()
            }
        }
    });
    let body = quote! {
        /// Base URLs of the API's servers.
        pub mod servers {
            #(#servers)*
        }

        /// The API version this client was generated from and pins in every request.
        pub const API_VERSION: &str = #version;

        /// Defaults of this API: base URL, environment variable names, user agent.
        pub const DEFAULTS: ApiDefaults = ApiDefaults {
            base_url: #default_server,
            env_base_url: #env_url,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            schemes: &[#(#schemes),*],
            security: #security,
            credentials_required: #credentials_required,
        };

        /// The error of every operation, carrying the API's error body when it sent one.
        pub type Error = crate::runtime::Error<#error_ty>;

        /// `Result` with this API's [`Error`].
        pub type Result<T, E = Error> = std::result::Result<T, E>;

        /// A pending request: `.await` it, or set per-request options first.
        pub type ApiCall<'a, T> = Call<'a, T, #error_ty>;

        #stream_doc
        pub type ApiStream<T> = crate::runtime::paginate::ItemStream<T, #error_ty>;

        crate::runtime::client_builder!(ClientBuilder, Client, #error_ty);

        #setters

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: Core,
        }

        impl From<Core> for Client {
            fn from(core: Core) -> Self {
                Self { core }
            }
        }

        impl Client {
            #new

            #[doc = #env_doc]
            pub fn from_env() -> Result<Self> {
                Self::builder().build()
            }

            /// A builder for every setting: base URL, timeout, retries, headers, HTTP client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::from(crate::runtime::ClientBuilder::new(DEFAULTS))
            }

            /// The shared runtime state: base URL and settings.
            pub fn core(&self) -> &Core {
                &self.core
            }

            #(#accessors)*
        }

        #(#resources)*

        #blocking
    };
    let imports = imports(&body, api.features.is_some());
    quote! {
        //! The client and its operations.

        #imports

        #body
    }
}

/// The `use` lines of the client module, without the ones `body` does not need: a spec without
/// operations, or whose operations name no model, must not produce unused imports. In a crate
/// `split` by resource they may be unused when no resource is enabled, and say so.
fn imports(body: &TokenStream, split: bool) -> TokenStream {
    let mut lines = Vec::new();
    if mentions(body, "models") {
        lines.push(quote! { use crate::models; });
    }
    if mentions(body, "Method") {
        lines.push(quote! { use crate::runtime::reqwest::Method; });
    }
    lines.push(if mentions(body, "RequestParts") {
        quote! { use crate::runtime::{ApiDefaults, Call, Core, RequestParts}; }
    } else {
        quote! { use crate::runtime::{ApiDefaults, Call, Core}; }
    });
    let allow = if split {
        quote!(#[allow(unused_imports)])
    } else {
        TokenStream::new()
    };
    lines.iter().map(|line| quote!(#allow #line)).collect()
}

/// Whether the identifier `name` appears anywhere in `tokens`.
pub(super) fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(i) => i == name,
        proc_macro2::TokenTree::Group(g) => mentions(&g.stream(), name),
        _ => false,
    })
}

/// A resource's handle type and its methods, gated by `gate` when the crate is split.
fn resource(api: &Api, r: &Resource, gate: Option<TokenStream>) -> TokenStream {
    let ty = ident(&r.type_name);
    let doc = if r.doc.summary.is_some() || r.doc.description.is_some() || !r.doc.facts.is_empty() {
        doc_attrs(api, &r.doc)
    } else {
        doc_lines(&format!("The `{}` operations.", r.type_name))
    };
    let methods = r
        .operations
        .iter()
        .map(|op| operation(api, &r.type_name, op));
    quote! {
        #doc
        #gate
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            core: &'a Core,
        }

        #gate
        impl<'a> #ty<'a> {
            #(#methods)*
        }
    }
}

/// The methods `reqwest::Method` has a constant for; others are started by name.
const STANDARD_METHODS: &[&str] = &[
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "CONNECT", "PATCH", "TRACE",
];

/// One operation's method. Every operation method is `#[inline]`: it only describes the request,
/// and inline, it and the decoding and encoding it instantiates (serde for its types, the
/// runtime's generic send) are compiled in the crate that calls it, for the operations that
/// crate calls, not all of them in this one (the generated crate's debug build is then about
/// its `cargo check`).
fn operation(api: &Api, resource: &str, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let doc = doc_attrs(api, &op.doc);
    let security_doc = security_doc(api, op);
    let dep = deprecated_attr(op.deprecated);
    let start = if STANDARD_METHODS.contains(&op.http_method.as_str()) {
        let method = ident(&op.http_method);
        quote!(RequestParts::new(Method::#method))
    } else {
        let method = &op.http_method;
        quote!(RequestParts::with_method(#method))
    };
    let response = response_type(api, op);
    let constructor = match &op.response {
        Success::One(Payload::Text) => quote!(text),
        Success::One(Payload::Bytes) => quote!(bytes),
        Success::One(Payload::Base64) => quote!(base64),
        _ => quote!(new),
    };

    let (args, _) = arguments(api, op);
    let mut steps = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => steps.push(quote!(req.path_literal(#text);)),
            PathPart::Param(i) => steps.push(path_step(api, &op.path_params[*i])),
        }
    }
    if let Some(security) = &op.security {
        let security = requirement_tokens(api, security);
        steps.push(quote!(req.security(#security);));
    }
    for (header, value) in &op.default_headers {
        steps.push(quote!(req.header(#header, #value);));
    }
    if let Some(accept) = &op.accept {
        steps.push(quote!(req.header("Accept", #accept);));
    }
    if let Some(ps) = &op.params {
        steps.extend(ps.params.iter().map(param_step));
    }
    if let Some(body) = &op.body {
        let write = body_parts(api, body).1;
        let check = if body.validate {
            quote!(req.validate(body);)
        } else {
            quote!()
        };
        if body.required {
            steps.push(quote!(#check #write));
        } else {
            steps.push(quote!(if let Some(body) = body { #check #write }));
        }
    }
    let pager = op
        .pagination
        .as_ref()
        .map(|p| pager(api, resource, op, p))
        .unwrap_or_default();
    if let Success::Stream(stream) = &op.response {
        let item = type_tokens(api, &stream.item, Site::Outside);
        let sequence = sequence_tokens(stream.sequence);
        return quote! {
            #doc
            #dep
            #[inline]
            pub fn #name(&self, #(#args),*) -> ApiStream<#item> {
                let mut req = #start;
                #(#steps)*
                crate::runtime::sequence::stream(self.core, req, #sequence)
            }
        };
    }
    quote! {
        #doc
        #security_doc
        #dep
        #[inline]
        pub fn #name(&self, #(#args),*) -> ApiCall<'a, #response> {
            let mut req = #start;
            #(#steps)*
            Call::#constructor(self.core, req)
        }
        #pager
    }
}

/// The runtime's name for how a sequential body is split.
fn sequence_tokens(sequence: Sequence) -> TokenStream {
    let name = match sequence {
        Sequence::ServerSentEvents => quote!(ServerSentEvents),
        Sequence::JsonLines => quote!(JsonLines),
        Sequence::JsonSeq => quote!(JsonSeq),
    };
    quote!(crate::runtime::Sequence::#name)
}

/// The type an operation's call decodes a success into.
fn response_type(api: &Api, op: &Operation) -> TokenStream {
    match &op.response {
        Success::One(Payload::Json(ty)) => type_tokens(api, ty, Site::Outside),
        Success::One(Payload::Empty) => quote!(()),
        Success::One(Payload::Text) => quote!(String),
        Success::One(Payload::Bytes | Payload::Base64) => quote!(Vec<u8>),
        Success::Enum(e) => {
            let id = ident(&e.type_name);
            quote!(models::#id)
        }
        Success::Stream(stream) => type_tokens(api, &stream.item, Site::Outside),
    }
}

/// An operation method's arguments (`name: type`: path parameters, the params struct, the body)
/// and their names, in order.
fn arguments(api: &Api, op: &Operation) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let (mut args, mut names) = (Vec::new(), Vec::new());
    for p in &op.path_params {
        let id = ident(&p.rust_name);
        let ty = path_arg_type(api, &p.ty).0;
        args.push(quote!(#id: #ty));
        names.push(quote!(#id));
    }
    if let Some(ps) = &op.params {
        let ty = ident(&ps.type_name);
        args.push(quote!(params: &models::#ty));
        names.push(quote!(params));
    }
    if let Some(body) = &op.body {
        let ty = body_parts(api, body).0;
        if body.required {
            args.push(quote!(body: #ty));
        } else {
            args.push(quote!(body: Option<#ty>));
        }
        names.push(quote!(body));
    }
    (args, names)
}

/// The argument type of a path parameter and whether the argument is already a reference.
pub(super) fn path_arg_type(api: &Api, ty: &TypeRef) -> (TokenStream, bool) {
    match ty {
        TypeRef::String => (quote!(&str), true),
        TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 => {
            (type_tokens(api, ty, Site::Outside), false)
        }
        TypeRef::List(item) => {
            let t = type_tokens(api, item, Site::Outside);
            (quote!(&[#t]), true)
        }
        other => {
            let t = type_tokens(api, other, Site::Outside);
            (quote!(&#t), true)
        }
    }
}

/// The runtime's name for a parameter style.
fn style_tokens(style: ParamStyle) -> TokenStream {
    let name = match style {
        ParamStyle::Simple => quote!(Simple),
        ParamStyle::Label => quote!(Label),
        ParamStyle::Matrix => quote!(Matrix),
        ParamStyle::Form => quote!(Form),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
        ParamStyle::Json => quote!(Json),
    };
    quote!(crate::runtime::Style::#name)
}

/// Appends one path parameter: plain strings as one segment, anything else in its style.
fn path_step(api: &Api, p: &Param) -> TokenStream {
    let id = ident(&p.rust_name);
    if p.ty == TypeRef::String && p.style == ParamStyle::Simple {
        return quote!(req.path_param(#id););
    }
    let value = if path_arg_type(api, &p.ty).1 {
        quote!(#id)
    } else {
        quote!(&#id)
    };
    let wire = &p.wire_name;
    let style = style_tokens(p.style);
    let explode = p.explode;
    quote!(req.path_styled(#wire, #value, #style, #explode);)
}

/// Writes one query or header parameter from the params struct.
fn param_step(p: &Param) -> TokenStream {
    let id = ident(&p.rust_name);
    let wire = &p.wire_name;
    let list = matches!(p.ty, TypeRef::List(_));
    // A params struct holds only query and header parameters.
    let write = |value: TokenStream| {
        if p.location == ParamLocation::QueryString {
            if p.style == ParamStyle::Json {
                quote!(req.query_string_json(#wire, #value);)
            } else {
                quote!(req.query_string_form(#wire, #value);)
            }
        } else if p.location == ParamLocation::Query {
            let form_exploded = p.style == ParamStyle::Form && p.explode;
            if form_exploded && list {
                quote!(req.query_each(#wire, #value);)
            } else if form_exploded && !p.is_object {
                quote!(req.query(#wire, #value);)
            } else {
                let style = style_tokens(p.style);
                let explode = p.explode;
                quote!(req.query_styled(#wire, #value, #style, #explode);)
            }
        } else if p.style == ParamStyle::Json {
            quote!(req.header_json(#wire, #value);)
        } else if p.is_object && p.explode {
            quote!(req.header_styled(#wire, #value, true);)
        } else {
            quote!(req.header(#wire, #value);)
        }
    };
    if p.required || p.empty_is_absent {
        write(quote!(&params.#id))
    } else {
        let inner = write(quote!(value));
        quote!(if let Some(value) = &params.#id { #inner })
    }
}

/// The argument type of a body and the statement that writes it.
fn body_parts(api: &Api, body: &Body) -> (TokenStream, TokenStream) {
    let ty = type_tokens(api, &body.ty, Site::Outside);
    match &body.kind {
        BodyKind::Json(ct) if ct == "application/json" => {
            (quote!(&#ty), quote!(req.json_body(body);))
        }
        BodyKind::Json(ct) => (quote!(&#ty), quote!(req.json_body_as(body, #ct);)),
        BodyKind::Form(fields) if fields.is_empty() => (quote!(&#ty), quote!(req.form_body(body);)),
        BodyKind::Form(fields) => {
            let fields = fields.iter().map(|f| {
                let (name, style, explode, reserved) =
                    (&f.name, style_tokens(f.style), f.explode, f.allow_reserved);
                quote!(crate::runtime::FormField::new(#name, #style, #explode, #reserved))
            });
            (
                quote!(&#ty),
                quote!(req.form_body_with(body, &[#(#fields),*]);),
            )
        }
        BodyKind::Multipart(form) => {
            let form = ident(&form.type_name);
            (quote!(&models::#form), quote!(req.multipart_body(body);))
        }
        BodyKind::Bytes(ct) => (quote!(&[u8]), quote!(req.raw_body(#ct, body.to_vec());)),
        BodyKind::Base64(ct) => (quote!(&[u8]), quote!(req.base64_body(#ct, body);)),
        BodyKind::Text(ct) => (quote!(&str), quote!(req.raw_body(#ct, body.to_owned());)),
    }
}

/// `<method>_all`: a `Stream` of every item across pages, following the next cursor.
fn pager(api: &Api, resource: &str, op: &Operation, p: &Pagination) -> TokenStream {
    let name = ident(&p.stream_method);
    let list = ident(&op.method_name);
    let resource = ident(resource);
    let params_ty = ident(&p.params_type);
    // Path parameters are taken like the page method takes them, owned by the stream, and
    // lent to each page's call; so is a clone of the core (an `Arc`): the stream borrows nothing.
    let (mut args, mut owned, mut per_page, mut passed) = (vec![], vec![], vec![], vec![]);
    for pp in &op.path_params {
        let id = ident(&pp.rust_name);
        let (ty, by_ref) = path_arg_type(api, &pp.ty);
        args.push(quote!(#id: #ty));
        if by_ref {
            owned.push(quote!(let #id = #id.to_owned();));
            per_page.push(quote!(let #id = #id.clone();));
            passed.push(quote!(&#id));
        } else {
            passed.push(quote!(#id));
        }
    }
    let item = type_tokens(api, &p.item_type, Site::Outside);
    let cursor = ident(&p.cursor_param);
    let items = ident(&p.items_field);
    let info = ident(&p.page_info_field);
    let next = ident(&p.next_cursor.0);
    let next_value = match p.next_cursor.1 {
        Presence::Required => quote!(Some(page.#info.#next)),
        Presence::OptionalNullable => quote!(page.#info.#next.into_option()),
        _ => quote!(page.#info.#next),
    };
    let has_more = match &p.has_more {
        None => quote!(None),
        Some((field, presence)) => {
            let f = ident(field);
            match presence {
                Presence::Required => quote!(Some(page.#info.#f)),
                Presence::OptionalNullable => quote!(page.#info.#f.into_option()),
                _ => quote!(page.#info.#f),
            }
        }
    };
    let doc = doc_lines(&format!(
        "Every item of [`Self::{}`], page after page, as a `Stream`.\n\nFollows `{}` from each page into `{}`; stops after an empty page, a missing cursor, a page that says there are no more, a cursor already seen, or the first error.",
        op.method_name, p.next_cursor.0, p.cursor_param
    ));
    quote! {
        #doc
        #[inline]
        pub fn #name(
            &self,
            #(#args,)*
            params: &models::#params_ty,
        ) -> ApiStream<#item> {
            let core = self.core.clone();
            let params = params.clone();
            #(#owned)*
            crate::runtime::paginate::stream(params.#cursor.clone(), move |cursor| {
                let core = core.clone();
                let mut params = params.clone();
                params.#cursor = cursor;
                #(#per_page)*
                async move {
                    let page = #resource { core: &core }.#list(#(#passed,)* &params).await?;
                    Ok(crate::runtime::paginate::Page {
                        items: page.#items,
                        next_cursor: #next_value,
                        has_more: #has_more,
                    })
                }
            })
        }
    }
}

/// `mod blocking` (feature `blocking`): the client for programs without an async runtime. Each
/// resource and method is the async one's, wrapped: a method returns the runtime's generic
/// blocking `Call` around the async call, a `<method>_all` its `Items` iterator around the
/// stream; requests, retries, validation and errors are the async client's own. Every runtime
/// name is written out in full, so no resource name can clash with an import.
fn blocking_module(api: &Api, error_ty: &TokenStream) -> TokenStream {
    let accessors = api.resources.iter().enumerate().map(|(i, r)| {
        let acc = ident(&r.accessor);
        let ty = ident(&r.type_name);
        let doc = format!(" The `{}` operations.", r.type_name);
        let gate = features::resource_attr(api, i);
        quote! {
            #[doc = #doc]
            #gate
            pub fn #acc(&self) -> #ty<'_> {
                #ty { inner: self.client.#acc(), runtime: &self.runtime }
            }
        }
    });
    let resources = api
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| blocking_resource(api, r, features::resource_attr(api, i)));
    let (new_args, new_call, new_doc) = new_constructor(api);
    let new = new_args.as_ref().map(|args| {
        quote! {
            #new_doc
            pub fn new(#args) -> super::Result<Self> {
                Self::builder()#new_call.build()
            }
        }
    });
    let client_doc = doc_lines(&format!(
        "A blocking client of the {}: the async [`super::Client`]'s methods, each call sent \
         with `send()`, which blocks until it ends.\n\nIt runs the calls on a private runtime \
         (one worker thread). Cheap to clone: clones share the runtime and one connection pool. \
         Not for use inside async code: a call made there panics.",
        api.title
    ));
    let body = quote! {
        /// A pending request: set per-request options, then `send()` it (blocking).
        pub type ApiCall<'a, T> = crate::runtime::blocking::Call<'a, T, #error_ty>;

        /// Every item of a paginated list, page after page (`<method>_all`): an `Iterator` that
        /// fetches pages as it goes, or `collect_all(max_items)`.
        pub type ApiItems<T> = crate::runtime::blocking::Items<T, #error_ty>;

        /// Configures and builds a blocking [`Client`]: the async client's builder.
        pub type ClientBuilder = super::ClientBuilder<Client>;

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            client: super::Client,
            runtime: crate::runtime::blocking::Runtime,
        }

        impl TryFrom<crate::runtime::Core> for Client {
            type Error = std::io::Error;

            /// Fails when the runtime cannot be started (its thread, or its I/O driver).
            fn try_from(core: crate::runtime::Core) -> std::io::Result<Self> {
                Ok(Self {
                    client: super::Client::from(core),
                    runtime: crate::runtime::blocking::Runtime::new()?,
                })
            }
        }

        impl Client {
            #new

            /// A client configured from the environment, as [`super::Client::from_env`].
            pub fn from_env() -> super::Result<Self> {
                Self::builder().build()
            }

            /// A builder for every setting: base URL, timeout, retries, headers, HTTP client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::from(crate::runtime::ClientBuilder::new(super::DEFAULTS))
            }

            /// The shared runtime state: base URL and settings.
            pub fn core(&self) -> &crate::runtime::Core {
                self.client.core()
            }

            /// The async client this one wraps (same settings and connection pool): with
            /// [`runtime`](Self::runtime), for what only the async API offers, such as stream
            /// combinators: `client.runtime().block_on(client.async_client()...)`.
            pub fn async_client(&self) -> &super::Client {
                &self.client
            }

            /// The runtime this client's calls run on.
            pub fn runtime(&self) -> &crate::runtime::blocking::Runtime {
                &self.runtime
            }

            #(#accessors)*
        }

        #(#resources)*
    };
    let models = if mentions(&body, "models") {
        let allow = api
            .features
            .is_some()
            .then(|| quote!(#[allow(unused_imports)]));
        quote!(
            #allow
            use crate::models;
        )
    } else {
        quote!()
    };
    quote! {
        /// The client for programs without an async runtime (feature `blocking`): the same
        /// resources and methods, requests, retries, validation and errors as the async client;
        /// each call blocks until it ends.
        #[cfg(feature = "blocking")]
        pub mod blocking {
            #models

            #body
        }
    }
}

/// One resource of the blocking client: the async resource and the runtime to send on.
fn blocking_resource(api: &Api, r: &Resource, gate: Option<TokenStream>) -> TokenStream {
    let ty = ident(&r.type_name);
    let doc = if r.doc.summary.is_some() || r.doc.description.is_some() || !r.doc.facts.is_empty() {
        doc_attrs(api, &r.doc)
    } else {
        doc_lines(&format!("The `{}` operations.", r.type_name))
    };
    let methods = r.operations.iter().map(|op| {
        let name = ident(&op.method_name);
        let doc = doc_attrs(api, &op.doc);
        let security_doc = security_doc(api, op);
        let dep = deprecated_attr(op.deprecated);
        let response = response_type(api, op);
        let (args, names) = arguments(api, op);
        let pager = op.pagination.as_ref().map(|p| {
            let stream = ident(&p.stream_method);
            let params_ty = ident(&p.params_type);
            let item = type_tokens(api, &p.item_type, Site::Outside);
            let (mut args, mut names) = (Vec::new(), Vec::new());
            for pp in &op.path_params {
                let id = ident(&pp.rust_name);
                let ty = path_arg_type(api, &pp.ty).0;
                args.push(quote!(#id: #ty));
                names.push(quote!(#id));
            }
            let doc = doc_lines(&format!(
                "Every item of [`Self::{}`], page after page, as an `Iterator` that fetches each page when it needs it.\n\nFollows `{}` from each page into `{}`; stops after an empty page, a missing cursor, a page that says there are no more, a cursor already seen, or the first error.",
                op.method_name, p.next_cursor.0, p.cursor_param
            ));
            quote! {
                #doc
                #[inline]
                pub fn #stream(
                    &self,
                    #(#args,)*
                    params: &models::#params_ty,
                ) -> ApiItems<#item> {
                    crate::runtime::blocking::Items::new(
                        self.inner.#stream(#(#names,)* params),
                        self.runtime.clone(),
                    )
                }
            }
        });
        if matches!(op.response, Success::Stream(_)) {
            return quote! {
                #doc
                #dep
                #[inline]
                pub fn #name(&self, #(#args),*) -> ApiItems<#response> {
                    crate::runtime::blocking::Items::new(
                        self.inner.#name(#(#names),*),
                        self.runtime.clone(),
                    )
                }
            };
        }
        quote! {
            #doc
            #security_doc
            #dep
            #[inline]
            pub fn #name(&self, #(#args),*) -> ApiCall<'a, #response> {
                crate::runtime::blocking::Call::new(self.inner.#name(#(#names),*), self.runtime)
            }
            #pager
        }
    });
    quote! {
        #doc
        #gate
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            inner: super::#ty<'a>,
            runtime: &'a crate::runtime::blocking::Runtime,
        }

        #gate
        impl<'a> #ty<'a> {
            #(#methods)*
        }
    }
}

/// A doc paragraph naming the credentials of an operation whose requirement is its own (the
/// API's is in the crate docs).
fn security_doc(api: &Api, op: &Operation) -> TokenStream {
    let Some(requirement) = &op.security else {
        return TokenStream::new();
    };
    let text = if requirement.is_empty() {
        "Sends no credentials.".to_owned()
    } else {
        let alternatives: Vec<String> = requirement
            .iter()
            .map(|alt| {
                let setters: Vec<String> = alt
                    .iter()
                    .map(|i| format!("`{}`", api.schemes[*i].setter))
                    .collect();
                if setters.is_empty() {
                    "none".to_owned()
                } else {
                    list(&setters)
                }
            })
            .collect();
        format!("Credentials: {}.", alternatives.join(", or else "))
    };
    let text = format!(" {text}");
    quote!(#[doc = ""] #[doc = #text])
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A scheme's `SchemeDef` in `DEFAULTS`.
fn scheme_def(s: &SecurityScheme) -> TokenStream {
    let key = &s.key;
    let kind = match &s.kind {
        SchemeKind::Bearer | SchemeKind::OAuth => quote!(Bearer),
        SchemeKind::Basic => quote!(Basic),
        SchemeKind::ApiKey(KeyLocation::Header, name) => quote!(Header(#name)),
        SchemeKind::ApiKey(KeyLocation::Query, name) => quote!(Query(#name)),
        SchemeKind::ApiKey(KeyLocation::Cookie, name) => quote!(Cookie(#name)),
    };
    let setter = &s.setter;
    let env = &s.env;
    quote! {
        crate::runtime::SchemeDef {
            key: #key,
            kind: crate::runtime::SchemeKind::#kind,
            setter: #setter,
            env: &[#(#env),*],
        }
    }
}

/// A requirement as the runtime takes it: alternatives of scheme keys.
fn requirement_tokens(api: &Api, requirement: &Requirement) -> TokenStream {
    let alternatives = requirement.iter().map(|alt| {
        let keys = alt.iter().map(|i| &api.schemes[*i].key);
        quote!(&[#(#keys),*])
    });
    quote!(&[#(#alternatives),*])
}

/// What a scheme's credential is called in docs (`API key`, `bearer token`).
fn credential_words(s: &SecurityScheme) -> String {
    s.setter.replace('_', " ").replace("api key", "API key")
}

/// How a scheme's credential is sent, for its setter's doc.
pub(super) fn sent_as(s: &SecurityScheme) -> String {
    match &s.kind {
        SchemeKind::Bearer | SchemeKind::OAuth => format!("`Authorization: Bearer <{}>`", s.setter),
        SchemeKind::Basic => "`Authorization: Basic <base64 of username:password>`".to_owned(),
        SchemeKind::ApiKey(KeyLocation::Header, name) => format!("the `{name}` header"),
        SchemeKind::ApiKey(KeyLocation::Query, name) => format!("the query parameter `{name}`"),
        SchemeKind::ApiKey(KeyLocation::Cookie, name) => format!("the cookie `{name}`"),
    }
}

/// One setter per security scheme on `ClientBuilder` (and a token provider setter for oauth2
/// and openIdConnect); nothing for an API without security schemes.
fn credential_setters(api: &Api) -> TokenStream {
    if api.schemes.is_empty() {
        return TokenStream::new();
    }
    let setters = api.schemes.iter().map(|s| {
        let key = &s.key;
        let setter = ident(&s.setter);
        let env: Vec<String> = s.env.iter().map(|v| format!("`{v}`")).collect();
        let env = list(&env);
        let description = s
            .description
            .as_deref()
            .map(|d| format!("\n\n{d}"))
            .unwrap_or_default();
        let main = match s.kind {
            SchemeKind::Basic => {
                let doc = doc_lines(&format!(
                    "Sets the username and password of the `{key}` scheme, sent as {} (otherwise read from {env}; an unset password is empty).{description}",
                    sent_as(s)
                ));
                quote! {
                    #doc
                    pub fn #setter(self, username: impl Into<String>, password: impl Into<String>) -> Self {
                        self.credential(#key, crate::runtime::Credential::basic(username, password))
                    }
                }
            }
            _ => {
                let doc = doc_lines(&format!(
                    "Sets the {} of the `{key}` scheme, sent as {} (otherwise read from {env}).{description}",
                    credential_words(s),
                    sent_as(s)
                ));
                quote! {
                    #doc
                    pub fn #setter(self, #setter: impl Into<String>) -> Self {
                        self.credential(#key, crate::runtime::Credential::token(#setter))
                    }
                }
            }
        };
        let provider = s.provider_setter.as_ref().map(|p| {
            let name = ident(p);
            let doc = doc_lines(&format!(
                "Gets the bearer tokens of the `{key}` scheme from `provider` (instead of one fixed token): asked before each call, and a token returned with an expiry is reused until shortly before it; a 401 answer drops the token and sends the call once more with a fresh one (see `runtime::TokenProvider`). An async closure returning `Result<String, E>` is a provider."
            ));
            quote! {
                #doc
                pub fn #name(self, provider: impl crate::runtime::TokenProvider + 'static) -> Self {
                    self.credential(#key, crate::runtime::Credential::provider(provider))
                }
            }
        });
        quote!(#main #provider)
    });
    quote! {
        /// Credentials, one setter per security scheme of the API.
        impl<C> ClientBuilder<C>
        where
            C: TryFrom<Core>,
            <C as TryFrom<Core>>::Error: std::fmt::Display,
        {
            #(#setters)*
        }
    }
}

/// `Client::new`'s arguments, the builder calls they make and its doc: no argument without
/// security schemes, the credential of the one scheme, none (no `new`) with several.
fn new_constructor(api: &Api) -> (Option<TokenStream>, TokenStream, TokenStream) {
    match api.schemes.as_slice() {
        [] => (
            Some(quote!()),
            quote!(),
            doc_lines("A client with every setting at its default."),
        ),
        [s] if s.kind == SchemeKind::Basic => {
            let setter = ident(&s.setter);
            (
                Some(quote!(username: impl Into<String>, password: impl Into<String>)),
                quote!(.#setter(username, password)),
                doc_lines("A client with this username and password and every other setting at its default."),
            )
        }
        [s] => {
            let setter = ident(&s.setter);
            (
                Some(quote!(#setter: impl Into<String>)),
                quote!(.#setter(#setter)),
                doc_lines(&format!(
                    "A client with this {} and every other setting at its default.",
                    credential_words(s)
                )),
            )
        }
        _ => (None, quote!(), quote!()),
    }
}
