//! Diagnostics: what the generator found wrong (errors) or mapped by a fallback (warnings), each
//! located in the spec by file, line and JSON pointer.

use crate::pointer::Pointer;
use std::fmt;

/// Whether a diagnostic stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The construct has no faithful mapping: nothing is generated.
    Error,
    /// The construct was mapped by a fallback (usually `serde_json::Value`); generation goes on.
    Warning,
}

/// One located finding about the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The spec file as the caller named it (e.g. `spec/products.yaml`).
    pub file: String,
    /// The node it is about (e.g. `#/paths/~1products/post`); the root for the whole file.
    pub pointer: Pointer,
    /// 1-based line in the file, when it can be found.
    pub line: Option<usize>,
    /// What is wrong, or what was done, in one sentence.
    pub message: String,
    /// A warning's kind: a short name that stays the same whatever the spec
    /// (`deep-object-not-exploded`), for counting warnings by kind; `None` for an error.
    pub kind: Option<&'static str>,
}

impl fmt::Display for Diagnostic {
    /// `file:line: pointer: message` (line and pointer when known).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.pointer.is_root() {
            write!(f, ": {}", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Something the generator mapped by a fallback; generation still succeeded.
pub type Warning = Diagnostic;

/// Most errors [`Error`]'s `Display` shows one by one; the lines of the rest are listed.
pub(crate) const SHOWN_ERRORS: usize = 20;

/// Generation failed: every error found, sorted by line (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    errors: Vec<Diagnostic>,
}

impl Error {
    /// An error of the given errors, sorted by line (unlocated ones last); `errors` is not empty.
    pub(crate) fn new(mut errors: Vec<Diagnostic>) -> Self {
        debug_assert!(!errors.is_empty());
        errors.sort_by_key(|d| (d.line.is_none(), d.line));
        Self { errors }
    }

    /// Every error, sorted by line.
    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    /// The first error by line.
    pub fn first(&self) -> &Diagnostic {
        &self.errors[0]
    }
}

impl fmt::Display for Error {
    /// One error per line, at most 20, then a line saying where the rest are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().take(SHOWN_ERRORS).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        let rest = &self.errors[self.errors.len().min(SHOWN_ERRORS)..];
        if !rest.is_empty() {
            let lines: Vec<String> = rest
                .iter()
                .map(|e| e.line.map_or_else(|| "?".to_owned(), |l| l.to_string()))
                .collect();
            write!(
                f,
                "\n... and {} more errors, at lines {}",
                rest.len(),
                lines.join(", ")
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A finding before the file and line are known: a pointer and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub pointer: Pointer,
    pub message: String,
    /// A warning's kind ([`Diagnostic::kind`]); `None` for an error.
    pub kind: Option<&'static str>,
}

impl Located {
    /// An error at `pointer`.
    pub(crate) fn new(pointer: impl Into<Pointer>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
            kind: None,
        }
    }

    /// A warning of `kind` at `pointer`.
    pub(crate) fn warning(
        kind: &'static str,
        pointer: impl Into<Pointer>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind: Some(kind),
            ..Self::new(pointer, message)
        }
    }

    /// The diagnostic of this finding in `file`, whose text (`None`: not at hand) gives the
    /// line.
    pub(crate) fn diagnostic(
        self,
        severity: Severity,
        file: &str,
        text: Option<&str>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_owned(),
            line: match text {
                Some(text) if !self.pointer.is_root() => {
                    crate::locate::line_of(text, self.pointer.as_str())
                }
                _ => None,
            },
            pointer: self.pointer,
            message: self.message,
            kind: self.kind,
        }
    }
}

/// Shorthand for results inside the pipeline.
pub(crate) type Res<T> = Result<T, Located>;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: Option<usize>, message: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: "api.yaml".into(),
            pointer: Pointer::root().join("paths"),
            line,
            message: message.into(),
            kind: None,
        }
    }

    #[test]
    fn errors_sort_by_line_and_display_one_per_line() {
        let e = Error::new(vec![at(None, "c"), at(Some(9), "b"), at(Some(3), "a")]);
        assert_eq!(
            e.to_string(),
            "api.yaml:3: #/paths: a\napi.yaml:9: #/paths: b\napi.yaml: #/paths: c"
        );
        assert_eq!(e.first().message, "a");
    }

    #[test]
    fn display_caps_the_count_and_says_where_the_rest_are() {
        let all: Vec<Diagnostic> = (1..=SHOWN_ERRORS + 2).map(|l| at(Some(l), "x")).collect();
        let shown = Error::new(all).to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), SHOWN_ERRORS + 1);
        assert_eq!(
            lines[SHOWN_ERRORS],
            format!(
                "... and 2 more errors, at lines {}, {}",
                SHOWN_ERRORS + 1,
                SHOWN_ERRORS + 2
            )
        );
    }
}
