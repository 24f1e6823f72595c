//! `tests/specs/bad/<name>.expect`: where and how a bad spec must fail.

use openapi_gen::{Diagnostic, Error};
use std::path::Path;

/// The expected errors of one bad spec, in the order the generator reports them (by line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expect {
    /// One entry per error.
    pub(crate) errors: Vec<ExpectedError>,
}

/// One expected error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExpectedError {
    /// `error.pointer`, exactly (empty for the whole file).
    pub(crate) pointer: String,
    /// `error.line`, exactly.
    pub(crate) line: Option<usize>,
    /// A substring of `error.message`.
    pub(crate) message: String,
}

impl Expect {
    /// Reads an `.expect` file: one block per error, blocks separated by a blank line, each the
    /// three lines `pointer: ...`, `line: <n|none>`, `message: ...`.
    pub(crate) fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let lines: Vec<&str> = text.lines().collect();
        let mut errors = Vec::new();
        for (b, block) in lines.split(|l| l.trim().is_empty()).enumerate() {
            if block.is_empty() {
                continue;
            }
            errors.push(ExpectedError::read(block, path, b + 1)?);
        }
        if errors.is_empty() {
            return Err(format!("{}: expects no error", path.display()));
        }
        Ok(Self { errors })
    }

    /// Every way `error` differs from this expectation (empty when it matches).
    pub(crate) fn mismatches(&self, error: &Error, file: &str) -> Vec<String> {
        let found = error.errors();
        let mut out = Vec::new();
        if found.len() != self.errors.len() {
            out.push(format!(
                "expected {} error(s), got {}",
                self.errors.len(),
                found.len()
            ));
        }
        for (i, (want, got)) in self.errors.iter().zip(found).enumerate() {
            for m in want.mismatches(got, file) {
                out.push(format!("error {}: {m}", i + 1));
            }
        }
        out
    }
}

impl ExpectedError {
    /// Reads block number `n` (1-based) of an `.expect` file.
    fn read(block: &[&str], path: &Path, n: usize) -> Result<Self, String> {
        let field = |i: usize, key: &str| -> Result<String, String> {
            let line = block.get(i).ok_or_else(|| {
                format!(
                    "{}: block {n}: line {} must be `{key}: ...`",
                    path.display(),
                    i + 1
                )
            })?;
            let value = line
                .strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .ok_or_else(|| {
                    format!(
                        "{}: block {n}: expected `{key}: ...`, found {line:?}",
                        path.display()
                    )
                })?;
            Ok(value.trim().to_owned())
        };
        if block.len() != 3 {
            return Err(format!(
                "{}: block {n}: expected exactly three lines (pointer, line, message), found {}",
                path.display(),
                block.len()
            ));
        }
        let line = match field(1, "line")?.as_str() {
            "none" => None,
            v => Some(v.parse().map_err(|_| {
                format!(
                    "{}: block {n}: `line:` must be a number or `none`, found {v:?}",
                    path.display()
                )
            })?),
        };
        let message = field(2, "message")?;
        if message.is_empty() {
            return Err(format!(
                "{}: block {n}: `message:` must not be empty",
                path.display()
            ));
        }
        Ok(Self {
            pointer: field(0, "pointer")?,
            line,
            message,
        })
    }

    /// Every way `error` differs from this expected error.
    fn mismatches(&self, error: &Diagnostic, file: &str) -> Vec<String> {
        let mut out = Vec::new();
        if error.file != file {
            out.push(format!("file: expected {file:?}, got {:?}", error.file));
        }
        let pointer_matches = if self.pointer.is_empty() {
            error.pointer.is_root()
        } else {
            error.pointer == self.pointer
        };
        if !pointer_matches {
            out.push(format!(
                "pointer: expected {:?}, got {:?}",
                self.pointer, error.pointer
            ));
        }
        if error.line != self.line {
            out.push(format!(
                "line: expected {:?}, got {:?}",
                self.line, error.line
            ));
        }
        if !error.message.contains(&self.message) {
            out.push(format!(
                "message: expected it to contain {:?}, got {:?}",
                self.message, error.message
            ));
        }
        let shown = error.to_string();
        if shown.is_empty() || shown.contains(['\n', '\r']) {
            out.push(format!("display: expected one line, got {shown:?}"));
        }
        out
    }
}
