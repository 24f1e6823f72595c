//! `tests/operations.rs`: one test per operation and call variant (required parameters only, and
//! every parameter), sending the model's samples (`model::Sample`: the spec's examples, else
//! values built from its schemas) to a mock server of the spec whose base URL is the
//! environment variable `TEST_API_BASE_URL` (Prism: it refuses a request that breaks the spec,
//! and answers from the spec's examples or schemas). Each test prints one line: `exercised:`,
//! `not exercised:` with the reason, or `skipped:` when the variable is unset.

use super::client::{mentions, path_arg_type};
use super::output::{File, Output};
use super::{features, type_tokens, Site};
use crate::model::{
    Api, Body, BodyKind, BodySamples, Operation, PartKind, Resource, Sample, SchemeKind,
};
use crate::naming::{self, ident};
use crate::Settings;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The environment variable naming the mock server's base URL.
const BASE_URL_VAR: &str = "TEST_API_BASE_URL";

/// Which parameters a test call sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// The required ones.
    Required,
    /// Every one.
    All,
}

impl Variant {
    /// How a call is described in the test output.
    fn describe(self) -> &'static str {
        match self {
            Variant::Required => "required parameters",
            Variant::All => "all parameters",
        }
    }
}

/// Pushes `tests/operations.rs` when the API has operations.
pub(crate) fn push<'a>(api: &'a Api, settings: &'a Settings, out: &mut Output<'a>) {
    if api.resources.iter().all(|r| r.operations.is_empty()) {
        return;
    }
    out.whole(File::OperationTests, move || file(api, settings));
}

fn file(api: &Api, settings: &Settings) -> TokenStream {
    let ops: Vec<(usize, &Resource, &Operation)> = api
        .resources
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.operations.iter().map(move |op| (i, r, op)))
        .collect();
    let keys: Vec<(&str, &str)> = ops
        .iter()
        .map(|(_, r, op)| (r.accessor.as_str(), op.method_name.as_str()))
        .collect();
    let names = naming::operation_test_names(&keys, &["required", "all"]);
    let mut tests = Vec::new();
    for ((i, r, op), names) in ops.iter().zip(&names) {
        let gate = features::resource_attr(api, *i);
        let gated_test = |name: &str, body| {
            let test = test(name, body);
            quote!(#gate #test)
        };
        tests.push(gated_test(&names[0], call(api, r, op, Variant::Required)));
        // A second test only when it sends something the first does not.
        let args = |v| {
            let built = arguments(api, op, v).map(|(l, a)| quote!(#(#l)* #(#a)*).to_string());
            format!("{built:?}")
        };
        if args(Variant::Required) != args(Variant::All) {
            tests.push(gated_test(&names[1], call(api, r, op, Variant::All)));
        }
    }
    let body = quote!(#(#tests)*);
    let helpers = helpers(api, &body);
    let krate = ident(&naming::crate_ident(&settings.crate_name));
    let mut imports = Vec::new();
    for name in ["models", "runtime", "Client", "Error", "Response"] {
        if mentions(&body, name) || mentions(&helpers, name) {
            imports.push(ident(name));
        }
    }
    let doc = format!(
        " One test per operation of the client (with its required parameters, and with all of \
         them), against a mock server of the API's OpenAPI description whose base URL is \
         `{BASE_URL_VAR}` (such as `prism mock <spec>`, which refuses any request the \
         description does not allow). Without `{BASE_URL_VAR}` every test says it is skipped \
         and passes. Each test prints `exercised:`, `not exercised:` with the reason, or \
         `skipped:`."
    );
    let imports = if imports.is_empty() {
        quote!()
    } else {
        quote!(use #krate::{#(#imports),*};)
    };
    // With some resources disabled, helpers and imports only their tests use are unused.
    let allow = if api.features.is_some() {
        quote!(#![allow(deprecated, dead_code, unused_imports)])
    } else {
        quote!(#![allow(deprecated)])
    };
    quote! {
        #![doc = #doc]
        #allow

        #imports

        #helpers

        #body
    }
}

/// One `#[tokio::test]`.
fn test(name: &str, body: TokenStream) -> TokenStream {
    let name = ident(name);
    quote! {
        #[tokio::test]
        async fn #name() {
            #body
        }
    }
}

/// The body of one test: build the arguments from the samples, call, check the response; or
/// say why the operation is not exercised.
fn call(api: &Api, r: &Resource, op: &Operation, variant: Variant) -> TokenStream {
    let label = format!(
        "{} {} ({}.{}, {})",
        op.http_method,
        path_text(op),
        r.accessor,
        op.method_name,
        variant.describe()
    );
    match arguments(api, op, variant) {
        Ok((lets, args)) => {
            let acc = ident(&r.accessor);
            let method = ident(&op.method_name);
            // A stream of items is read to its first few, each decoded.
            let finish = if matches!(op.response, crate::model::Success::Stream(_)) {
                quote! {
                    let result = request.collect_first(STREAM_ITEMS).await;
                    check_items(call, result);
                }
            } else {
                quote! {
                    let result = request.send_with_response().await;
                    check(call, result);
                }
            };
            // Short statements, and long literals alone in a `let`: rustfmt and prettyplease
            // write them alike, so the file passes `cargo fmt --check` as generated.
            quote! {
                let call = #label;
                let client = match base_url(call) {
                    Some(url) => client(url),
                    None => return,
                };
                #(#lets)*
                let resource = client.#acc();
                let request = resource.#method(#(#args),*);
                #finish
            }
        }
        Err(reason) => {
            let line = format!("{label}: {reason}");
            quote! {
                let why = #line;
                not_exercised(why);
            }
        }
    }
}

/// The path template as the spec writes it.
fn path_text(op: &Operation) -> String {
    op.path
        .iter()
        .map(|part| match part {
            crate::model::PathPart::Literal(text) => text.clone(),
            crate::model::PathPart::Param(i) => format!("{{{}}}", op.path_params[*i].wire_name),
        })
        .collect()
}

/// The `let` statements building a call's arguments, and the arguments; or why a value is
/// missing.
fn arguments(
    api: &Api,
    op: &Operation,
    variant: Variant,
) -> Result<(Vec<TokenStream>, Vec<TokenStream>), String> {
    let (mut lets, mut args) = (Vec::new(), Vec::new());
    for p in &op.path_params {
        let id = ident(&naming::test_argument(&p.rust_name));
        let ty = type_tokens(api, &p.ty, Site::Tests);
        let value = sample(&p.sample, &p.wire_name)?;
        lets.push(quote!(let #id: #ty = #value;));
        args.push(if path_arg_type(api, &p.ty).1 {
            quote!(&#id)
        } else {
            quote!(#id)
        });
    }
    if let Some(ps) = &op.params {
        let ty = ident(&ps.type_name);
        let mut fields = Vec::new();
        for p in &ps.params {
            let id = ident(&p.rust_name);
            let value = if p.required || variant == Variant::All {
                let value = sample(&p.sample, &p.wire_name)?;
                if p.required || p.empty_is_absent {
                    value
                } else {
                    quote!(Some(#value))
                }
            } else {
                quote!(Default::default())
            };
            fields.push(quote!(#id: #value));
        }
        lets.push(quote!(let params = models::#ty { #(#fields),* };));
        args.push(quote!(&params));
    }
    if let Some(body) = &op.body {
        if body.required || variant == Variant::All {
            let (value, arg, ty) = body_value(api, body, variant)?;
            match ty {
                Some(ty) => {
                    lets.push(quote!(let json = #value;));
                    lets.push(quote!(let body: #ty = sample(json);));
                }
                None => lets.push(quote!(let body = #value;)),
            }
            args.push(if body.required {
                arg
            } else {
                quote!(Some(#arg))
            });
        } else {
            args.push(quote!(None));
        }
    }
    Ok((lets, args))
}

/// The body value, the argument passing it, and the type to declare it with (when the value
/// does not name it).
fn body_value(
    api: &Api,
    body: &Body,
    variant: Variant,
) -> Result<(TokenStream, TokenStream, Option<TokenStream>), String> {
    let BodySamples { required, all } = &body.samples;
    let json = match variant {
        Variant::Required => required,
        Variant::All => all,
    }
    .as_ref()
    .map_err(|why| format!("request body: {why}"))?;
    Ok(match &body.kind {
        BodyKind::Json(_) | BodyKind::Form(_) => {
            let ty = type_tokens(api, &body.ty, Site::Tests);
            let value = json_literal(json);
            (value, quote!(&body), Some(ty))
        }
        // Any bytes will do for a base64 body: the client encodes them.
        BodyKind::Bytes(_) | BodyKind::Base64(_) => {
            let text = text_of(json);
            (quote!(#text.as_bytes()), quote!(body), None)
        }
        BodyKind::Text(_) => {
            let text = text_of(json);
            (quote!(#text), quote!(body), None)
        }
        BodyKind::Multipart(form) => {
            let ty = ident(&form.type_name);
            let mut fields = Vec::new();
            for f in &form.fields {
                let id = ident(&f.rust_name);
                let value = match json.get(&f.wire_name) {
                    None if f.required => {
                        return Err(format!("no value for the required part {:?}", f.wire_name))
                    }
                    None => quote!(Default::default()),
                    Some(v) => {
                        let value = match &f.kind {
                            PartKind::File => {
                                let text = text_of(v);
                                quote!(runtime::FilePart::new(#text))
                            }
                            PartKind::Files => {
                                let text =
                                    text_of(v.as_array().and_then(|a| a.first()).unwrap_or(v));
                                quote!(vec![runtime::FilePart::new(#text)])
                            }
                            PartKind::Json(_) => {
                                return Err(format!(
                                    "the multipart part {:?} is JSON, which mock servers such as \
                                     Prism read as text and cannot check",
                                    f.wire_name
                                ))
                            }
                            PartKind::Text(_) => {
                                let value = json_literal(v);
                                quote!(sample(#value))
                            }
                        };
                        if f.required || matches!(f.kind, PartKind::Files) {
                            value
                        } else {
                            quote!(Some(#value))
                        }
                    }
                };
                fields.push(quote!(#id: #value));
            }
            (quote!(models::#ty { #(#fields),* }), quote!(&body), None)
        }
    })
}

/// `sample(r#"<json>"#)` for a sample value, or why there is none.
fn sample(s: &Sample, name: &str) -> Result<TokenStream, String> {
    match s {
        Ok(v) => {
            let value = json_literal(v);
            Ok(quote!(sample(#value)))
        }
        Err(why) => Err(format!("parameter {name:?}: {why}")),
    }
}

/// A JSON value as a (raw, when it can be) string literal of its compact text.
fn json_literal(v: &Value) -> TokenStream {
    let text = v.to_string();
    let hashes = (0..8)
        .map(|n| "#".repeat(n + 1))
        .find(|h| !text.contains(&format!("\"{h}")))
        .unwrap_or_default();
    if hashes.is_empty() {
        let lit = proc_macro2::Literal::string(&text);
        return quote!(#lit);
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| {
            let lit = proc_macro2::Literal::string(&text);
            quote!(#lit)
        })
}

/// A sample as text: a string's own text, any other value's JSON.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The helpers the tests use (`client`, `sample`, `check`), each only when used.
fn helpers(api: &Api, body: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    if mentions(body, "client") {
        // A placeholder for every scheme: a mock checks that credentials are present, and each
        // operation sends those of its own requirement.
        let credentials = api.schemes.iter().map(|s| {
            let setter = ident(&s.setter);
            match s.kind {
                SchemeKind::Basic => quote!(.#setter("test-user", "test-password")),
                _ => quote!(.#setter("test-credential")),
            }
        });
        let skipped = format!("skipped: {{operation}}: {BASE_URL_VAR} is not set");
        out.extend(quote! {
            /// The mock server's base URL, `TEST_API_BASE_URL`; `None` when it is unset, and the
            /// test (`operation`) says it is skipped.
            fn base_url(operation: &str) -> Option<String> {
                match std::env::var(#BASE_URL_VAR) {
                    Ok(url) if !url.is_empty() => Some(url),
                    _ => {
                        println!(#skipped);
                        None
                    }
                }
            }

            /// The client under test, talking to `base_url`: the one place a client is built,
            /// with placeholder credentials.
            fn client(base_url: String) -> Client {
                Client::builder()
                    #(#credentials)*
                    .base_url(base_url)
                    .max_retries(0)
                    .build()
                    .expect("the client builds")
            }

        });
    }
    if mentions(body, "check") {
        out.extend(quote! {
            /// Passes when the response decoded and the server reported no violation of the
            /// API description (Prism's `sl-violations` header); otherwise fails saying why.
            fn check<T>(operation: &str, result: Result<Response<T>, Error>) {
                match result {
                    Ok(response) => {
                        if let Some(violations) = response.headers.get("sl-violations") {
                            panic!(
                                "{operation}: the server reported violations: {}",
                                String::from_utf8_lossy(violations.as_bytes())
                            );
                        }
                        println!("exercised: {operation}: {}", response.status);
                    }
                    Err(Error::Api(api)) => {
                        let violations = api
                            .headers
                            .get("sl-violations")
                            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                            .unwrap_or_default();
                        panic!(
                            "{operation}: the server refused the request ({}); violations: {violations}; body: {}",
                            api.status, api.raw
                        );
                    }
                    Err(err) => panic!("{operation}: {err}"),
                }
            }
        });
    }
    if mentions(body, "check_items") {
        out.extend(quote! {
            /// How many items of a streamed response a test reads.
            const STREAM_ITEMS: usize = 3;

            /// Passes when the streamed items read decoded; otherwise fails saying why.
            fn check_items<T>(operation: &str, result: Result<Vec<T>, Error>) {
                match result {
                    Ok(items) => println!("exercised: {operation}: {} items", items.len()),
                    Err(err) => panic!("{operation}: {err}"),
                }
            }
        });
    }
    if mentions(body, "not_exercised") {
        out.extend(quote! {
            /// Says that a call is not made, and why (`what`: the call, then the reason).
            fn not_exercised(what: &str) {
                println!("not exercised: {what}");
            }
        });
    }
    if mentions(body, "sample") {
        out.extend(quote! {
            /// A value of `T` from its JSON text (an example of the API description, or a value
            /// built from its schema).
            fn sample<T: serde::de::DeserializeOwned>(json: &str) -> T {
                serde_json::from_str(json)
                    .unwrap_or_else(|err| panic!("the sample {json} does not decode: {err}"))
            }
        });
    }
    out
}
