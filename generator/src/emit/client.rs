//! `src/client.rs`: the `Client`, its configuration constants, and one handle per resource with
//! one method per operation. Every method only describes the request; sending, retries and
//! decoding are the shipped runtime's job.

use super::{deprecated_attr, doc_attrs, doc_lines, type_tokens, Site};
use crate::model::{
    Api, Operation, Pagination, ParamLocation, PathPart, Presence, Resource, TypeRef,
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
    let error_ty = type_tokens(&api.error_type, Site::Outside);
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
    let resources = api.resources.iter().map(resource);
    let client_doc = format!(
        "A client of the {}.\n\nCheap to clone: clones share one connection pool.",
        api.title
    );
    let client_doc = doc_lines(&client_doc);
    let env_doc =
        format!(" A client configured from the environment: `{env_key}`, and `{env_url}` if set.");
    quote! {
        //! The client and its operations.

        use crate::models;
        use crate::runtime::reqwest::Method;
        use crate::runtime::{ApiDefaults, Call, Core, RequestParts};

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
    }
}

fn resource(r: &Resource) -> TokenStream {
    let ty = ident(&r.type_name);
    let doc = if r.doc.description.is_some() {
        doc_attrs(&r.doc)
    } else {
        doc_lines(&format!("The `{}` operations.", r.type_name))
    };
    let methods = r.operations.iter().map(operation);
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

fn operation(op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let doc = doc_attrs(&op.doc);
    let dep = deprecated_attr(op.deprecated);
    let method = ident(&op.http_method);
    let response = type_tokens(&op.response, Site::Outside);

    let mut args = Vec::new();
    let mut steps = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => steps.push(quote!(req.path_literal(#text);)),
            PathPart::Param(i) => {
                let p = &op.path_params[*i];
                let id = ident(&p.rust_name);
                if p.ty == TypeRef::String {
                    steps.push(quote!(req.path_param(#id);));
                } else {
                    steps.push(quote!(req.path_param(&#id.to_string());));
                }
            }
        }
    }
    for p in &op.path_params {
        let id = ident(&p.rust_name);
        let ty = if p.ty == TypeRef::String {
            quote!(&str)
        } else {
            type_tokens(&p.ty, Site::Outside)
        };
        args.push(quote!(#id: #ty));
    }
    for (header, value) in &op.default_headers {
        steps.push(quote!(req.header(#header, #value);));
    }
    if let Some(ps) = &op.params {
        let ty = ident(&ps.type_name);
        args.push(quote!(params: &models::#ty));
        for p in &ps.params {
            let id = ident(&p.rust_name);
            let wire = &p.wire_name;
            let setter = match (p.location, &p.ty) {
                (ParamLocation::Query, TypeRef::List(_)) => {
                    quote!(req.query_each(#wire, &params.#id);)
                }
                (ParamLocation::Header, TypeRef::List(_)) => {
                    quote!(req.header(#wire, &params.#id);)
                }
                (ParamLocation::Query, _) if p.required => quote!(req.query(#wire, &params.#id);),
                (ParamLocation::Header, _) if p.required => quote!(req.header(#wire, &params.#id);),
                (ParamLocation::Query, _) => {
                    quote!(if let Some(value) = &params.#id { req.query(#wire, value); })
                }
                (_, _) => quote!(if let Some(value) = &params.#id { req.header(#wire, value); }),
            };
            steps.push(setter);
        }
    }
    if let Some(body) = &op.body {
        let ty = type_tokens(&body.ty, Site::Outside);
        let check = if body.validate {
            quote!(req.validate(body);)
        } else {
            quote!()
        };
        if body.required {
            args.push(quote!(body: &#ty));
            steps.push(quote!(#check req.json_body(body);));
        } else {
            args.push(quote!(body: Option<&#ty>));
            steps.push(quote!(if let Some(body) = body { #check req.json_body(body); }));
        }
    }
    let pager = op
        .pagination
        .as_ref()
        .map(|p| pager(op, p))
        .unwrap_or_default();
    quote! {
        #doc
        #dep
        pub fn #name(&self, #(#args),*) -> ApiCall<'a, #response> {
            let mut req = RequestParts::new(Method::#method);
            #(#steps)*
            Call::new(self.core, req)
        }
        #pager
    }
}

/// `<method>_all`: a `Stream` of every item across pages, following the next cursor.
fn pager(op: &Operation, p: &Pagination) -> TokenStream {
    let Some(params) = &op.params else {
        return TokenStream::new();
    };
    let name = ident(&format!("{}_all", op.method_name));
    let list = ident(&op.method_name);
    let params_ty = ident(&params.type_name);
    let item = type_tokens(&p.item_type, Site::Outside);
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
            params: &models::#params_ty,
        ) -> impl crate::runtime::futures_util::Stream<Item = Result<#item>> + 'a {
            let this = *self;
            let params = params.clone();
            crate::runtime::paginate::stream(params.#cursor.clone(), move |cursor| {
                let mut params = params.clone();
                params.#cursor = cursor;
                async move {
                    let page = this.#list(&params).await?;
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
