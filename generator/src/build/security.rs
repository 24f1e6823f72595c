//! `components.securitySchemes` and `security` (document and operations) -> the schemes the
//! client takes credentials for and each operation's requirement.

use super::Builder;
use crate::error::{Located, Res};
use crate::model::{KeyLocation, Requirement, SchemeKind, SecurityScheme};
use crate::naming::{self, CredentialKind};
use crate::pointer::Pointer;
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement};

/// The declared schemes, by key, in spec order: how each is sent (`None`: not supported, warned
/// about, left out of every requirement) and its description.
#[derive(Debug, Default)]
pub(super) struct Declared {
    schemes: Vec<(String, Option<SchemeKind>, Option<String>)>,
    /// Schemes refused (their error is reported): requirements naming them are not errors too.
    refused: Vec<String>,
}

/// Reads `components.securitySchemes`, following `$ref`s between them. A `$ref` that leads
/// nowhere (or in a circle) and an apiKey without a usable name are errors; an http scheme other
/// than bearer and basic is warned about and left out.
pub(super) fn declare(b: &mut Builder<'_>) -> Declared {
    let spec = b.spec;
    let mut declared = Declared::default();
    let Some(components) = &spec.components else {
        return declared;
    };
    for key in components.security_schemes.keys() {
        let ptr = Pointer::component("securitySchemes", key);
        let Some(scheme) = b.attempt(|_| resolve(spec, key, &ptr)) else {
            declared.refused.push(key.clone());
            continue;
        };
        let kind = match scheme {
            openapiv3::SecurityScheme::HTTP { scheme, .. } => {
                match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => Some(SchemeKind::Bearer),
                    "basic" => Some(SchemeKind::Basic),
                    _ => {
                        b.warnings.push(Located::warning(
                            "auth-scheme-not-sent",
                            ptr.join("scheme"),
                            format!(
                                "the http authentication scheme `{scheme}` is not supported (only bearer and basic): operations are sent without it (a header can be set with `default_header`)"
                            ),
                        ));
                        None
                    }
                }
            }
            openapiv3::SecurityScheme::APIKey { location, name, .. } => {
                let location = match location {
                    APIKeyLocation::Header => KeyLocation::Header,
                    APIKeyLocation::Query => KeyLocation::Query,
                    APIKeyLocation::Cookie => KeyLocation::Cookie,
                };
                let valid = match location {
                    KeyLocation::Header | KeyLocation::Cookie => {
                        !name.is_empty()
                            && name.bytes().all(|c| {
                                c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
                            })
                    }
                    KeyLocation::Query => !name.is_empty(),
                };
                if !valid {
                    b.errors.push(Located::new(
                        ptr.join("name"),
                        format!(
                            "`{name}` cannot name an API key's header, query parameter or cookie"
                        ),
                    ));
                    declared.refused.push(key.clone());
                    continue;
                }
                Some(SchemeKind::ApiKey(location, name.clone()))
            }
            openapiv3::SecurityScheme::OAuth2 { .. }
            | openapiv3::SecurityScheme::OpenIDConnect { .. } => Some(SchemeKind::OAuth),
        };
        let description = match scheme {
            openapiv3::SecurityScheme::HTTP { description, .. }
            | openapiv3::SecurityScheme::APIKey { description, .. }
            | openapiv3::SecurityScheme::OAuth2 { description, .. }
            | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => description.clone(),
        };
        declared.schemes.push((key.clone(), kind, description));
    }
    declared
}

/// The scheme `key` names, following `$ref`s to other schemes.
fn resolve<'s>(spec: &'s OpenAPI, key: &str, ptr: &Pointer) -> Res<&'s openapiv3::SecurityScheme> {
    let schemes = &spec
        .components
        .as_ref()
        .expect("a scheme's components")
        .security_schemes;
    let mut seen = vec![key.to_owned()];
    let mut current = &schemes[key];
    loop {
        match current {
            ReferenceOr::Item(scheme) => return Ok(scheme),
            ReferenceOr::Reference { reference } => {
                let target = Pointer::parse(reference)
                    .ok()
                    .and_then(|p| p.component_key("securitySchemes"))
                    .filter(|k| Pointer::component("securitySchemes", k).as_str() == reference);
                let Some(next) = target.and_then(|k| schemes.get_key_value(&k)) else {
                    return Err(Located::new(
                        ptr.clone(),
                        format!("dangling $ref \"{reference}\": no such security scheme"),
                    ));
                };
                if seen.contains(next.0) {
                    return Err(Located::new(
                        ptr.clone(),
                        format!("$ref \"{reference}\" leads back to itself"),
                    ));
                }
                seen.push(next.0.clone());
                current = next.1;
            }
        }
    }
}

impl Declared {
    /// The requirement `security` at `ptr` says, as indices of declared schemes: a name that is
    /// no declared scheme is an error; unsupported schemes are left out of their alternative.
    pub(super) fn requirement(
        &self,
        security: &[SecurityRequirement],
        ptr: &Pointer,
    ) -> Res<Requirement> {
        let mut alternatives = Vec::new();
        for (i, alternative) in security.iter().enumerate() {
            let mut needs = Vec::new();
            for name in alternative.keys() {
                let Some(index) = self.schemes.iter().position(|(key, _, _)| key == name) else {
                    if self.refused.contains(name) {
                        continue;
                    }
                    return Err(Located::new(
                        ptr.join(&i.to_string()).join(name),
                        format!("no security scheme `{name}` in components.securitySchemes"),
                    ));
                };
                if self.schemes[index].1.is_some() && !needs.contains(&index) {
                    needs.push(index);
                }
            }
            alternatives.push(needs);
        }
        Ok(alternatives)
    }
}

/// The schemes some requirement uses, named, with every requirement renumbered to them; whether
/// every operation needs a credential.
pub(super) fn finish(
    declared: Declared,
    env_prefix: &str,
    document: &mut Requirement,
    operations: &mut [&mut Option<Requirement>],
) -> (Vec<SecurityScheme>, bool) {
    let mut used = vec![false; declared.schemes.len()];
    let effective = |op: &Option<Requirement>| op.clone().unwrap_or_else(|| document.clone());
    let mut required = !operations.is_empty();
    for op in operations.iter() {
        let requirement = effective(op);
        for i in requirement.iter().flatten() {
            used[*i] = true;
        }
        if requirement.is_empty() || requirement.iter().any(Vec::is_empty) {
            required = false;
        }
    }
    let mut renumber = vec![usize::MAX; declared.schemes.len()];
    let mut kept = Vec::new();
    for (i, (key, kind, description)) in declared.schemes.into_iter().enumerate() {
        if let (true, Some(kind)) = (used[i], kind) {
            renumber[i] = kept.len();
            kept.push((key, kind, description));
        }
    }
    let remap = |r: &mut Requirement| {
        for alternative in r.iter_mut() {
            for i in alternative.iter_mut() {
                *i = renumber[*i];
            }
        }
    };
    // Document schemes no operation uses are dropped with the rest; the document requirement
    // then only matters for operations without their own.
    document.retain(|alt| alt.iter().all(|i| renumber[*i] != usize::MAX));
    remap(document);
    for op in operations.iter_mut() {
        if let Some(r) = op.as_mut() {
            remap(r);
        }
        if op.as_ref() == Some(document) {
            **op = None;
        }
    }
    let kinds: Vec<(&str, CredentialKind)> = kept
        .iter()
        .map(|(key, kind, _)| {
            let kind = match kind {
                SchemeKind::Bearer => CredentialKind::Bearer,
                SchemeKind::Basic => CredentialKind::Basic,
                SchemeKind::ApiKey(..) => CredentialKind::ApiKey,
                SchemeKind::OAuth => CredentialKind::OAuth,
            };
            (key.as_str(), kind)
        })
        .collect();
    let names = naming::credential_names(env_prefix, &kinds);
    let schemes = kept
        .into_iter()
        .zip(names)
        .map(|((key, kind, description), names)| SecurityScheme {
            key,
            kind,
            setter: names.setter,
            provider_setter: names.provider_setter,
            env: names.env,
            description,
        })
        .collect();
    (schemes, required)
}
