//! Documentation gathered from the spec: descriptions plus the facts a caller needs (limits,
//! formats, defaults, examples), rendered later as doc comments.

use crate::model::Doc;
use openapiv3::{Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

/// The documentation of a schema.
pub(crate) fn schema_doc(s: &Schema) -> Doc {
    let d = &s.schema_data;
    let mut facts = Vec::new();
    if let SchemaKind::Type(Type::String(st)) = &s.schema_kind {
        match (st.min_length, st.max_length) {
            (Some(min), Some(max)) => facts.push(format!("Length: {min} to {max} characters.")),
            (None, Some(max)) => facts.push(format!("Length: at most {max} characters.")),
            (Some(min), None) => facts.push(format!("Length: at least {min} characters.")),
            (None, None) => {}
        }
        if let Some(p) = &st.pattern {
            facts.push(format!("Pattern: `{p}`"));
        }
        match &st.format {
            VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                facts.push("Format: date-time (RFC 3339; Unix seconds are accepted too).".into())
            }
            VariantOrUnknownOrEmpty::Item(f) => {
                facts.push(format!("Format: {}.", format!("{f:?}").to_lowercase()))
            }
            VariantOrUnknownOrEmpty::Unknown(f) => facts.push(format!("Format: {f}.")),
            VariantOrUnknownOrEmpty::Empty => {}
        }
    }
    if d.read_only {
        facts.push("Read-only: set by the server; never sent in requests.".into());
    }
    if d.write_only {
        facts.push("Write-only: sent in requests; responses leave it out.".into());
    }
    if let Some(default) = &d.default {
        facts.push(format!("Default: `{}`", compact(default)));
    }
    if let Some(example) = &d.example {
        facts.push(format!("Example: `{}`", compact(example)));
    }
    Doc {
        summary: d.title.clone(),
        description: d.description.clone(),
        facts,
    }
}

/// The base of the spec's relative documentation links: the document's `externalDocs.url` when
/// it is an absolute `http(s)` URL. `info` is not used: its URLs (contact, license, terms) name
/// other pages, often on other hosts (OpenAI's contact is help.openai.com, its links go to
/// platform.openai.com), so links resolved against them would point to pages that do not exist.
pub(crate) fn docs_url(spec: &openapiv3::OpenAPI) -> Option<String> {
    let url = spec.external_docs.as_ref()?.url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_ends = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (host_ends > 0 && !url.contains(char::is_whitespace)).then(|| url.to_owned())
}

/// One-line JSON, with backticks made harmless for Markdown code spans.
pub(crate) fn compact(v: &serde_json::Value) -> String {
    v.to_string().replace('`', "'")
}
