//! `src/client.rs`: the `Client`, its configuration constants, and one handle per resource with
//! one method per operation. Every method only describes the request; sending, retries and
//! decoding are the shipped runtime's job.

use super::{deprecated_attr, doc_attrs, doc_lines, type_tokens, Site};
use crate::model::{
    Api, Body, BodyKind, MultipartForm, Operation, Pagination, Param, ParamLocation, ParamStyle,
    PartKind, PathPart, Payload, Presence, Resource, ResponseEnum, ResponseVariant, StatusMatch,
    Success, TypeRef,
};
use crate::naming::ident;
use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::quote;

/// The whole client module.
pub(crate) fn emit(api: &Api) -> TokenStream {
    let servers = api.servers.iter().map(|s| {
        let name = ident(&s.const_name);
        let url = &s.url;
        let doc = doc_lines(s.description.as_deref().unwrap_or("A server of the API."));
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
    let prefix = api.env_prefix.to_shouty_snake_case();
    let env_key = format!("{prefix}_API_KEY");
    let env_url = format!("{prefix}_BASE_URL");
    let error_ty = type_tokens(api, &api.error_type, Site::Outside);
    let accessors = api.resources.iter().map(|r| {
        let acc = ident(&r.accessor);
        let ty = ident(&r.type_name);
        let doc = format!(" The `{}` operations.", r.type_name);
        quote! {
            #[doc = #doc]
            pub fn #acc(&self) -> #ty<'_> {
                #ty { core: &self.core }
            }
        }
    });
    let resources = api.resources.iter().map(|r| resource(api, r));
    let client_doc = format!(
        "A client of the {}.\n\nCheap to clone: clones share one connection pool.",
        api.title
    );
    let client_doc = doc_lines(&client_doc);
    let env_doc =
        format!(" A client configured from the environment: `{env_key}`, and `{env_url}` if set.");
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
            env_api_key: #env_key,
            env_base_url: #env_url,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
        };

        /// The error of every operation, carrying the API's error body when it sent one.
        pub type Error = crate::runtime::Error<#error_ty>;

        /// `Result` with this API's [`Error`].
        pub type Result<T, E = Error> = std::result::Result<T, E>;

        /// A pending request: `.await` it, or set per-request options first.
        pub type ApiCall<'a, T> = Call<'a, T, #error_ty>;

        /// Configures and builds a [`Client`].
        pub type ClientBuilder = crate::runtime::ClientBuilder<Client, #error_ty>;

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
            /// A client with this API key and every other setting at its default.
            pub fn new(api_key: impl Into<String>) -> Result<Self> {
                Self::builder().api_key(api_key).build()
            }

            #[doc = #env_doc]
            pub fn from_env() -> Result<Self> {
                Self::builder().build()
            }

            /// A builder for every setting: base URL, timeout, retries, headers, HTTP client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(DEFAULTS)
            }

            /// The shared runtime state: base URL and settings.
            pub fn core(&self) -> &Core {
                &self.core
            }

            #(#accessors)*
        }

        #(#resources)*
    };
    let imports = imports(&body);
    quote! {
        //! The client and its operations.

        #imports

        #body
    }
}

/// The `use` lines of the client module, without the ones `body` does not need: a spec without
/// operations, or whose operations name no model, must not produce unused imports.
fn imports(body: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    if mentions(body, "models") {
        out.extend(quote! { use crate::models; });
    }
    if mentions(body, "Method") {
        out.extend(quote! { use crate::runtime::reqwest::Method; });
    }
    out.extend(if mentions(body, "RequestParts") {
        quote! { use crate::runtime::{ApiDefaults, Call, Core, RequestParts}; }
    } else {
        quote! { use crate::runtime::{ApiDefaults, Call, Core}; }
    });
    out
}

/// Whether the identifier `name` appears anywhere in `tokens`.
fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(i) => i == name,
        proc_macro2::TokenTree::Group(g) => mentions(&g.stream(), name),
        _ => false,
    })
}

fn resource(api: &Api, r: &Resource) -> TokenStream {
    let ty = ident(&r.type_name);
    let doc = if r.doc.description.is_some() {
        doc_attrs(&r.doc)
    } else {
        doc_lines(&format!("The `{}` operations.", r.type_name))
    };
    let methods = r.operations.iter().map(|op| operation(api, op));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            core: &'a Core,
        }

        impl<'a> #ty<'a> {
            #(#methods)*
        }
    }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let doc = doc_attrs(&op.doc);
    let dep = deprecated_attr(op.deprecated);
    let method = ident(&op.http_method);
    let (response, constructor) = match &op.response {
        Success::One(Payload::Json(ty)) => (type_tokens(api, ty, Site::Outside), quote!(new)),
        Success::One(Payload::Empty) => (quote!(()), quote!(new)),
        Success::One(Payload::Text) => (quote!(String), quote!(text)),
        Success::One(Payload::Bytes) => (quote!(Vec<u8>), quote!(bytes)),
        Success::Enum(e) => {
            let id = ident(&e.type_name);
            (quote!(models::#id), quote!(new))
        }
    };

    let mut args = Vec::new();
    let mut steps = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => steps.push(quote!(req.path_literal(#text);)),
            PathPart::Param(i) => steps.push(path_step(api, &op.path_params[*i])),
        }
    }
    for p in &op.path_params {
        let id = ident(&p.rust_name);
        let ty = path_arg_type(api, &p.ty).0;
        args.push(quote!(#id: #ty));
    }
    for (header, value) in &op.default_headers {
        steps.push(quote!(req.header(#header, #value);));
    }
    if let Some(accept) = &op.accept {
        steps.push(quote!(req.header("Accept", #accept);));
    }
    if let Some(ps) = &op.params {
        let ty = ident(&ps.type_name);
        args.push(quote!(params: &models::#ty));
        steps.extend(ps.params.iter().map(param_step));
    }
    if let Some(body) = &op.body {
        let (ty, write) = body_parts(api, body);
        let check = if body.validate {
            quote!(req.validate(body);)
        } else {
            quote!()
        };
        if body.required {
            args.push(quote!(body: #ty));
            steps.push(quote!(#check #write));
        } else {
            args.push(quote!(body: Option<#ty>));
            steps.push(quote!(if let Some(body) = body { #check #write }));
        }
    }
    let pager = op
        .pagination
        .as_ref()
        .map(|p| pager(api, op, p))
        .unwrap_or_default();
    quote! {
        #doc
        #dep
        pub fn #name(&self, #(#args),*) -> ApiCall<'a, #response> {
            let mut req = RequestParts::new(Method::#method);
            #(#steps)*
            Call::#constructor(self.core, req)
        }
        #pager
    }
}

/// The argument type of a path parameter and whether the argument is already a reference.
fn path_arg_type(api: &Api, ty: &TypeRef) -> (TokenStream, bool) {
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
        if p.location == ParamLocation::Query {
            let form_exploded = p.style == ParamStyle::Form && p.explode;
            if form_exploded && list {
                quote!(req.query_each(#wire, #value);)
            } else if (form_exploded && !p.is_object) || p.style == ParamStyle::DeepObject {
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
        BodyKind::Form => (quote!(&#ty), quote!(req.form_body(body);)),
        BodyKind::Multipart(form) => {
            let form = ident(&form.type_name);
            (quote!(&models::#form), quote!(req.multipart_body(body);))
        }
        BodyKind::Bytes(ct) => (quote!(&[u8]), quote!(req.raw_body(#ct, body.to_vec());)),
        BodyKind::Text(ct) => (quote!(&str), quote!(req.raw_body(#ct, body.to_owned());)),
    }
}

/// The types an operation adds to `models.rs`: its multipart form and response enum.
pub(crate) fn operation_types(api: &Api, op: &Operation) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(Body {
        kind: BodyKind::Multipart(form),
        ..
    }) = &op.body
    {
        out.extend(multipart_form(api, form));
    }
    if let Success::Enum(e) = &op.response {
        out.extend(response_enum(api, e));
    }
    out
}

/// A multipart form type and how it writes its parts.
fn multipart_form(api: &Api, form: &MultipartForm) -> TokenStream {
    let name = ident(&form.type_name);
    let doc = doc_attrs(&form.doc);
    let mut fields = Vec::new();
    let mut writes = Vec::new();
    let mut ctor_args = Vec::new();
    let mut ctor_fields = Vec::new();
    for f in &form.fields {
        let id = ident(&f.rust_name);
        let wire = &f.wire_name;
        let fdoc = doc_attrs(&f.doc);
        let (inner, many) = match &f.kind {
            PartKind::File => (quote!(crate::runtime::FilePart), false),
            PartKind::Files => (quote!(Vec<crate::runtime::FilePart>), true),
            PartKind::Text(ty) | PartKind::Json(ty) => (type_tokens(api, ty, Site::Models), false),
        };
        let ty = if f.required || many {
            inner
        } else {
            quote!(Option<#inner>)
        };
        fields.push(quote!(#fdoc pub #id: #ty,));
        if f.required {
            ctor_args.push(quote!(#id: #ty));
            ctor_fields.push(quote!(#id));
        } else {
            ctor_fields.push(quote!(#id: Default::default()));
        }
        writes.push(match (&f.kind, f.required) {
            (PartKind::Files, _) => quote!(for file in &self.#id { form.file(#wire, file); }),
            (PartKind::Text(_), _) => quote!(form.text(#wire, &self.#id);),
            (PartKind::File, true) => quote!(form.file(#wire, &self.#id);),
            (PartKind::File, false) => {
                quote!(if let Some(file) = &self.#id { form.file(#wire, file); })
            }
            (PartKind::Json(_), true) => quote!(form.json(#wire, &self.#id);),
            (PartKind::Json(_), false) => {
                quote!(if let Some(value) = &self.#id { form.json(#wire, value); })
            }
        });
    }
    let checks: Vec<TokenStream> = form
        .fields
        .iter()
        .filter(|f| f.validated || !f.limits.is_empty())
        .map(|f| {
            let id = ident(&f.rust_name);
            let wire = &f.wire_name;
            if f.limits.is_empty() {
                return quote!(crate::runtime::validate::Validate::validate(&self.#id).map_err(|e| e.within(#wire))?;);
            }
            let body = super::models::limit_checks(wire, &f.limits);
            if f.required {
                quote!({ let value = &self.#id; #(#body)* })
            } else {
                quote!(if let Some(value) = &self.#id { #(#body)* })
            }
        })
        .collect();
    let validate = if checks.is_empty() {
        quote!()
    } else {
        quote! {
            impl crate::runtime::validate::Validate for #name {
                fn validate(&self) -> Result<(), crate::runtime::validate::Invalid> {
                    #(#checks)*
                    Ok(())
                }
            }
        }
    };
    let (derive_default, ctor) = if ctor_args.is_empty() {
        (quote!(Default,), quote!())
    } else {
        let ctor_doc = format!(
            " A `{}` with the required parts; the others are left out.",
            form.type_name
        );
        (
            quote!(),
            quote! {
                impl #name {
                    #[doc = #ctor_doc]
                    pub fn new(#(#ctor_args),*) -> Self {
                        Self { #(#ctor_fields),* }
                    }
                }
            },
        )
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #name {
            #(#fields)*
        }

        #ctor

        impl crate::runtime::MultipartBody for #name {
            fn write_parts(&self, form: &mut crate::runtime::Multipart) {
                #(#writes)*
            }
        }

        #validate
    }
}

/// A response enum and its decoding by status.
fn response_enum(api: &Api, e: &ResponseEnum) -> TokenStream {
    let name = ident(&e.type_name);
    let doc = doc_attrs(&e.doc);
    let variants = e.variants.iter().map(|v| {
        let id = ident(&v.rust_name);
        let vdoc = doc_attrs(&v.doc);
        match &v.payload {
            Payload::Empty => quote!(#vdoc #id,),
            Payload::Text => quote!(#vdoc #id(String),),
            Payload::Bytes => quote!(#vdoc #id(Vec<u8>),),
            Payload::Json(ty) => {
                let t = type_tokens(api, ty, Site::Models);
                quote!(#vdoc #id(#t),)
            }
        }
    });
    let decode = |v: &ResponseVariant| {
        let id = ident(&v.rust_name);
        match &v.payload {
            Payload::Empty => quote!(Ok(Self::#id)),
            Payload::Text => quote!(crate::runtime::response::text(body).map(Self::#id)),
            Payload::Bytes => quote!(Ok(Self::#id(crate::runtime::response::bytes(body)))),
            Payload::Json(_) => quote!(crate::runtime::response::json(body).map(Self::#id)),
        }
    };
    let mut arms = Vec::new();
    for v in &e.variants {
        if let StatusMatch::Code(c) = v.status {
            let c = proc_macro2::Literal::u16_unsuffixed(c);
            let d = decode(v);
            arms.push(quote!(#c => #d,));
        }
    }
    for v in &e.variants {
        if let StatusMatch::Range(r) = v.status {
            let lo = proc_macro2::Literal::u16_unsuffixed(r * 100);
            let hi = proc_macro2::Literal::u16_unsuffixed(r * 100 + 99);
            let d = decode(v);
            arms.push(quote!(#lo..=#hi => #d,));
        }
    }
    let fallback = match e.variants.iter().find(|v| v.status == StatusMatch::Default) {
        Some(v) => decode(v),
        None => quote!(Err(crate::runtime::response::unexpected_status(status))),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl crate::runtime::FromResponse for #name {
            fn from_response(
                status: crate::runtime::reqwest::StatusCode,
                _headers: &crate::runtime::reqwest::header::HeaderMap,
                body: &[u8],
            ) -> Result<Self, crate::runtime::DecodeError> {
                match status.as_u16() {
                    #(#arms)*
                    _ => #fallback,
                }
            }
        }
    }
}

/// `<method>_all`: a `Stream` of every item across pages, following the next cursor.
fn pager(api: &Api, op: &Operation, p: &Pagination) -> TokenStream {
    let name = ident(&p.stream_method);
    let list = ident(&op.method_name);
    let params_ty = ident(&p.params_type);
    // Path parameters are taken like the page method takes them, owned by the stream, and
    // lent to each page's call.
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
        pub fn #name(
            &self,
            #(#args,)*
            params: &models::#params_ty,
        ) -> impl crate::runtime::futures_util::Stream<Item = Result<#item>> + 'a {
            let this = *self;
            let params = params.clone();
            #(#owned)*
            crate::runtime::paginate::stream(params.#cursor.clone(), move |cursor| {
                let mut params = params.clone();
                params.#cursor = cursor;
                #(#per_page)*
                async move {
                    let page = this.#list(#(#passed,)* &params).await?;
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
