//! JSON pointers into the spec document (RFC 6901, in the URI-fragment form `$ref`s use):
//! parsing, escaping, joining and display in one place.

use std::fmt;

/// A JSON pointer to a node of the spec document, such as `#/paths/~1pets/get`.
///
/// Held escaped, as written in a `$ref`; [`Pointer::tokens`] gives the unescaped tokens. The
/// root (`#`) stands for the whole document.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document: `#`.
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// The pointer of `#/components/<section>/<key>` (`section` such as `schemas`).
    pub fn component(section: &str, key: &str) -> Self {
        Self::root().join_all(&["components", section, key])
    }

    /// Parses a document-local reference (`#`, `#/a/b~1c`). Anything else (another file, a URL,
    /// a bare name) is refused with what was found.
    pub fn parse(reference: &str) -> Result<Self, String> {
        let Some(rest) = reference.strip_prefix('#') else {
            return Err(format!(
                "{reference:?} is not a reference into this document (only `#/...` references are supported)"
            ));
        };
        if !(rest.is_empty() || rest.starts_with('/')) {
            return Err(format!(
                "{reference:?} is not a JSON pointer (`#/...`); anchors are not supported"
            ));
        }
        let bad_escape = rest.split('/').any(|t| {
            t.split('~')
                .skip(1)
                .any(|after| !after.starts_with(['0', '1']))
        });
        if bad_escape {
            return Err(format!("{reference:?} has a `~` that is not `~0` or `~1`"));
        }
        Ok(Pointer(reference.to_owned()))
    }

    /// This pointer extended by one token (escaped here).
    pub fn join(&self, token: &str) -> Self {
        let mut out = self.0.clone();
        push_token(&mut out, token);
        Pointer(out)
    }

    /// This pointer extended by several tokens.
    pub fn join_all(&self, tokens: &[&str]) -> Self {
        let mut out = self.0.clone();
        for token in tokens {
            push_token(&mut out, token);
        }
        Pointer(out)
    }

    /// The unescaped tokens, outermost first (none for the root).
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
    }

    /// Whether this is the root (the whole document).
    pub fn is_root(&self) -> bool {
        self.0 == "#"
    }

    /// The escaped text, `#/...`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `self` is `outer` or lies below it (token-wise: `#/a/bc` is not below `#/a/b`).
    pub fn within(&self, outer: &Pointer) -> bool {
        self.0
            .strip_prefix(&outer.0)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// The key of the component of `section` this pointer names or lies in:
    /// `#/components/schemas/Pet/properties/a` -> `Pet` for `schemas`.
    pub fn component_key(&self, section: &str) -> Option<String> {
        let mut tokens = self.tokens();
        (tokens.next()? == "components" && tokens.next()? == section).then_some(())?;
        tokens.next()
    }

    /// The key of the component of `section` this pointer names itself (`#/components/schemas/Pet`
    /// -> `Pet`; `None` for a place inside it).
    pub fn component_name(&self, section: &str) -> Option<String> {
        let key = self.component_key(section)?;
        (*self == Self::component(section, &key)).then_some(key)
    }

    /// The pointer of the component this pointer lies in (see [`Self::component_key`]).
    pub fn component_root(&self, section: &str) -> Option<Pointer> {
        Some(Self::component(section, &self.component_key(section)?))
    }

    /// The tokens below `outer` when `self` lies within it.
    pub fn tokens_below(&self, outer: &Pointer) -> Option<Vec<String>> {
        if !self.within(outer) {
            return None;
        }
        Some(
            Pointer(format!("#{}", &self.0[outer.0.len()..]))
                .tokens()
                .collect(),
        )
    }
}

/// Appends `/token`, escaping `~` and `/`.
fn push_token(out: &mut String, token: &str) {
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<&Pointer> for Pointer {
    fn from(p: &Pointer) -> Self {
        p.clone()
    }
}

impl PartialEq<str> for Pointer {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Pointer {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Pointer {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::Pointer;

    #[test]
    fn join_escapes_and_tokens_unescape() {
        let p = Pointer::root().join_all(&["paths", "/pets/{id}", "get"]);
        assert_eq!(p.as_str(), "#/paths/~1pets~1{id}/get");
        let tilde = Pointer::root().join("a~/b");
        assert_eq!(tilde.as_str(), "#/a~0~1b");
        assert_eq!(tilde.tokens().collect::<Vec<_>>(), ["a~/b"]);
        // `~01` is `~` then `1`, never `/`.
        let tricky = Pointer::parse("#/x~01").unwrap();
        assert_eq!(tricky.tokens().collect::<Vec<_>>(), ["x~1"]);
    }

    #[test]
    fn parse_accepts_local_pointers_only() {
        assert!(Pointer::parse("#").unwrap().is_root());
        assert_eq!(
            Pointer::parse("#/components/schemas/Pet").unwrap(),
            Pointer::component("schemas", "Pet")
        );
        for bad in ["other.yaml#/a", "#anchor", "Pet", "#/a~2b", "#/a~"] {
            assert!(Pointer::parse(bad).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn components_and_containment() {
        let p = Pointer::parse("#/components/schemas/a~1b/properties/x").unwrap();
        assert_eq!(p.component_key("schemas").as_deref(), Some("a/b"));
        assert_eq!(p.component_key("parameters"), None);
        assert_eq!(p.component_name("schemas"), None);
        assert_eq!(
            Pointer::component("schemas", "a/b")
                .component_name("schemas")
                .as_deref(),
            Some("a/b")
        );
        let root = p.component_root("schemas").unwrap();
        assert_eq!(root.as_str(), "#/components/schemas/a~1b");
        assert!(p.within(&root));
        assert!(!Pointer::parse("#/components/schemas/a~1bc")
            .unwrap()
            .within(&root));
        assert_eq!(
            p.tokens_below(&root).unwrap(),
            ["properties".to_owned(), "x".to_owned()]
        );
    }
}
