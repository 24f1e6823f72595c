//! The generator's error: what went wrong and where in the spec.

use std::fmt;

/// A failure to turn a spec into Rust, located in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The spec file as the caller named it (e.g. `spec/products.yaml`).
    pub file: String,
    /// JSON pointer to the offending node (e.g. `#/paths/~1products/post`); empty for the whole file.
    pub pointer: String,
    /// 1-based line in the file, when it can be found.
    pub line: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, ": {}", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Error {}

/// Something the generator mapped by a fallback (usually `serde_json::Value`) instead of a
/// precise type, located in the input like an [`Error`]; generation still succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The spec file as the caller named it.
    pub file: String,
    /// JSON pointer to the node.
    pub pointer: String,
    /// 1-based line in the file, when it can be found.
    pub line: Option<usize>,
    /// What was done, in one sentence.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let as_error = Error {
            file: self.file.clone(),
            pointer: self.pointer.clone(),
            line: self.line,
            message: self.message.clone(),
        };
        as_error.fmt(f)
    }
}

/// An error before the file and line are known: a pointer and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub pointer: String,
    pub message: String,
}

impl Located {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Shorthand for results inside the pipeline.
pub(crate) type Res<T> = Result<T, Located>;

/// Escapes one JSON pointer token (`~` -> `~0`, `/` -> `~1`).
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends tokens to a pointer.
pub(crate) fn join(pointer: &str, tokens: &[&str]) -> String {
    let mut out = pointer.to_owned();
    for t in tokens {
        out.push('/');
        out.push_str(&escape_token(t));
    }
    out
}
