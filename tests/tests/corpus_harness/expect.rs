//! `tests/specs/bad/<name>.expect`: where and how a bad spec must fail.

use openapi_gen::Error;
use std::path::Path;

/// The expected error of one bad spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expect {
    /// `error.pointer`, exactly (may be empty).
    pub(crate) pointer: String,
    /// `error.line`, exactly.
    pub(crate) line: Option<usize>,
    /// A substring of `error.message`.
    pub(crate) message: String,
}

impl Expect {
    /// Reads an `.expect` file: the lines `pointer: ...`, `line: <n|none>`, `message: ...`.
    pub(crate) fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let lines: Vec<&str> = text.lines().collect();
        let field = |i: usize, key: &str| -> Result<String, String> {
            let line = lines.get(i).ok_or_else(|| {
                format!("{}: line {} must be `{key}: ...`", path.display(), i + 1)
            })?;
            let value = line
                .strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .ok_or_else(|| {
                    format!(
                        "{}:{}: expected `{key}: ...`, found {line:?}",
                        path.display(),
                        i + 1
                    )
                })?;
            Ok(value.trim().to_owned())
        };
        if lines.len() != 3 {
            return Err(format!(
                "{}: expected exactly three lines (pointer, line, message), found {}",
                path.display(),
                lines.len()
            ));
        }
        let line = match field(1, "line")?.as_str() {
            "none" => None,
            n => Some(n.parse().map_err(|_| {
                format!(
                    "{}:2: `line:` must be a number or `none`, found {n:?}",
                    path.display()
                )
            })?),
        };
        let message = field(2, "message")?;
        if message.is_empty() {
            return Err(format!(
                "{}:3: `message:` must not be empty",
                path.display()
            ));
        }
        Ok(Self {
            pointer: field(0, "pointer")?,
            line,
            message,
        })
    }

    /// Every way `error` differs from this expectation (empty when it matches).
    pub(crate) fn mismatches(&self, error: &Error, file: &str) -> Vec<String> {
        let mut out = Vec::new();
        if error.file != file {
            out.push(format!("file: expected {file:?}, got {:?}", error.file));
        }
        if error.pointer != self.pointer {
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
