//! `servers`: one constant per server, its URL with every `{variable}` replaced by the
//! variable's `default` (what the URL is when no other value is chosen).

use crate::error::{Located, Res};
use crate::model::Server;
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use indexmap::IndexMap;
use openapiv3::ServerVariable;

/// The servers of the spec, in spec order.
pub(super) fn servers(servers: &[openapiv3::Server]) -> Res<Vec<Server>> {
    let mut names = Scope::default();
    servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let ptr = Pointer::root().join_all(&["servers", &i.to_string()]);
            let base = naming::server_const(s.description.as_deref(), &s.url, i);
            Ok(Server {
                url: substitute(&s.url, s.variables.as_ref(), &ptr)?,
                const_name: names.claim(&base),
                description: s.description.clone(),
            })
        })
        .collect()
}

/// `url` with each `{name}` replaced by the default of the variable `name` of the server at
/// `ptr`; naming an undeclared variable, or leaving a `{` unclosed, is an error at the URL.
fn substitute(
    url: &str,
    variables: Option<&IndexMap<String, ServerVariable>>,
    ptr: &Pointer,
) -> Res<String> {
    let url_ptr = ptr.join_all(&["url"]);
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            Located::new(&url_ptr, format!("unclosed `{{` in server URL {url:?}"))
        })?;
        let name = &after[..close];
        let variable = variables.and_then(|v| v.get(name)).ok_or_else(|| {
            Located::new(
                &url_ptr,
                format!("server URL {url:?} names `{{{name}}}`, which is not one of the server's `variables`"),
            )
        })?;
        out.push_str(&variable.default);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> IndexMap<String, ServerVariable> {
        pairs
            .iter()
            .map(|(k, v)| {
                let var = ServerVariable {
                    default: (*v).to_owned(),
                    ..ServerVariable::default()
                };
                ((*k).to_owned(), var)
            })
            .collect()
    }

    #[test]
    fn every_variable_takes_its_default() {
        let v = vars(&[("region", "eu"), ("version", "v2")]);
        let url = substitute(
            "https://{region}.api.test/{version}/{region}",
            Some(&v),
            &crate::pointer::Pointer::parse("#/servers/0").unwrap(),
        );
        assert_eq!(url.unwrap(), "https://eu.api.test/v2/eu");
    }

    #[test]
    fn a_url_without_variables_is_kept() {
        assert_eq!(
            substitute(
                "https://api.test/v1",
                None,
                &crate::pointer::Pointer::parse("#/servers/0").unwrap()
            )
            .unwrap(),
            "https://api.test/v1"
        );
    }

    #[test]
    fn an_undeclared_variable_is_an_error_at_the_url() {
        let v = vars(&[("region", "eu")]);
        let e = substitute(
            "https://{zone}.api.test",
            Some(&v),
            &crate::pointer::Pointer::parse("#/servers/1").unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.pointer, "#/servers/1/url");
        assert!(e.message.contains("`{zone}`"), "{}", e.message);
        let e = substitute(
            "https://{zone}.api.test",
            None,
            &crate::pointer::Pointer::parse("#/servers/1").unwrap(),
        )
        .unwrap_err();
        assert!(e.message.contains("not one of the server's `variables`"));
    }

    #[test]
    fn an_unclosed_brace_is_an_error_at_the_url() {
        let e = substitute(
            "https://{region.api.test",
            None,
            &crate::pointer::Pointer::parse("#/servers/0").unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.pointer, "#/servers/0/url");
        assert!(e.message.contains("unclosed"), "{}", e.message);
    }
}
