//! The failures of the real descriptions' generated operation tests against Prism that are
//! explained (`tests/tests/prism_real.rs`): per fixture, failure classes, each a pattern over the
//! failure's message (a `regex-lite` regex; the message starts with the call, such as
//! `GET /users/{id} (users.get, required parameters): `) and why such a failure is not the
//! client's fault. A failure no class explains fails the run, and so does a class that explains
//! no failure. Keep patterns narrow: name the operations, the property or the error, so that a
//! wrong request or a refused valid answer cannot hide behind them.

/// One real description and its explained failure classes.
pub(crate) struct Spec {
    /// The fixture in `tests/specs/public/` (without `.gz`).
    pub(crate) fixture: &'static str,
    /// Its failure classes; a failure belongs to the first whose pattern matches.
    pub(crate) classes: &'static [Class],
    /// Why its tests are not run against Prism, when they are not.
    pub(crate) not_run: Option<&'static str>,
}

/// A kind of failure that is Prism's fault or the description's.
pub(crate) struct Class {
    /// A short name, printed with the number of failures it explains.
    pub(crate) name: &'static str,
    /// A regex over the failure's message.
    pub(crate) pattern: &'static str,
    /// Why it is not the client's fault, checked by hand on concrete failures.
    pub(crate) why: &'static str,
}

/// Every real description whose operation tests run against Prism.
pub(crate) const SPECS: &[Spec] = &[
    Spec {
        fixture: "ory-hydra.json",
        classes: &[],
        not_run: None,
    },
    Spec {
        fixture: "adyen-management.json",
        classes: &[],
        not_run: None,
    },
    Spec {
        fixture: "oxide-nexus.json",
        classes: &[],
        not_run: None,
    },
    Spec {
        fixture: "svix.json",
        classes: &[],
        not_run: None,
    },
    Spec {
        fixture: "discord.json",
        classes: &[],
        not_run: None,
    },
    Spec {
        fixture: "openai.yaml",
        classes: &[],
        not_run: None,
    },
    Spec {
        fixture: "stripe.json",
        classes: &[],
        not_run: Some(
            "Prism does not load it: `prism mock` on this 4 MB description did not answer within \
             5.5 minutes (it stays at `Starting Prism…`), while it loads GitHub's 13 MB one in \
             30 s; its test binary builds and its crate checks with tests/real.sh",
        ),
    },
    Spec {
        fixture: "api.github.com.json",
        classes: &[],
        not_run: None,
    },
];
