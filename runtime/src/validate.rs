//! Client-side checks of documented limits, run before a request is sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::nullable::Nullable;

/// A value that breaks a documented limit: which field, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Path of the field, e.g. `title` or `plan_options.route`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl Invalid {
    /// The same failure seen from the enclosing value's field `parent`.
    pub fn within(mut self, parent: &str) -> Self {
        let dot = if self.field.starts_with('[') { "" } else { "." };
        self.field = format!("{parent}{dot}{}", self.field);
        self
    }
}

/// A request value whose documented limits can be checked locally.
pub trait Validate {
    /// `Ok` when every documented limit holds.
    fn validate(&self) -> Result<(), Invalid>;
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self) -> Result<(), Invalid> {
        self.as_ref().map_or(Ok(()), Validate::validate)
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate(&self) -> Result<(), Invalid> {
        T::validate(self)
    }
}

impl<T: Validate> Validate for Nullable<T> {
    fn validate(&self) -> Result<(), Invalid> {
        match self {
            Nullable::Value(v) => v.validate(),
            _ => Ok(()),
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self) -> Result<(), Invalid> {
        self.iter().enumerate().try_for_each(|(i, v)| {
            v.validate().map_err(|e| Invalid {
                field: format!("[{i}].{}", e.field),
                message: e.message,
            })
        })
    }
}

/// Checks a string's length in characters against `minLength` / `maxLength`.
pub fn length(
    field: &str,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), Invalid> {
    let n = value.chars().count();
    let message = match (min, max) {
        (Some(min), Some(max)) if n < min || n > max => {
            format!("must be {min} to {max} characters long, not {n}")
        }
        (Some(min), None) if n < min => format!("must be at least {min} characters long, not {n}"),
        (None, Some(max)) if n > max => format!("must be at most {max} characters long, not {n}"),
        _ => return Ok(()),
    };
    Err(Invalid {
        field: field.to_owned(),
        message,
    })
}

/// Checks that `value` matches every one of `regexes` (the generator splits a pattern's leading
/// lookaheads into separate regexes). `shown` is the pattern as documented. A regex this engine
/// cannot compile is not checked: the server still is the judge. Each regex is compiled once per
/// process.
pub fn pattern(
    field: &str,
    value: &str,
    regexes: &[&'static str],
    shown: &str,
) -> Result<(), Invalid> {
    for source in regexes {
        let Some(re) = compiled(source) else {
            continue;
        };
        if !re.is_match(value) {
            return Err(Invalid {
                field: field.to_owned(),
                message: format!("must match the pattern `{shown}`"),
            });
        }
    }
    Ok(())
}

/// Compiled regexes by source; `None` where the engine refuses the source.
type RegexCache = Mutex<HashMap<&'static str, Option<Arc<regex_lite::Regex>>>>;

/// The regex compiled from `source`, from a process-wide cache (`None`: the engine refuses it).
fn compiled(source: &'static str) -> Option<Arc<regex_lite::Regex>> {
    static CACHE: OnceLock<RegexCache> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(source)
        .or_insert_with(|| regex_lite::Regex::new(source).ok().map(Arc::new))
        .clone()
}
