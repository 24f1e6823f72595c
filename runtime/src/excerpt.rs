//! Short, readable excerpts of response bodies for error messages.

/// Longest excerpt (in characters) put into error messages.
pub(super) const MAX_EXCERPT_CHARS: usize = 200;

/// Returns at most `max` characters of `raw`, whitespace collapsed. An HTML
/// page is reduced to its `<title>`, or else to its text without tags.
pub(super) fn excerpt(raw: &str, max: usize) -> String {
    let text = if looks_like_html(raw) {
        html_text(raw)
    } else {
        collapse_whitespace(raw)
    };
    truncate(&text, max)
}

/// Like [`excerpt`], for a body that may not be valid UTF-8.
pub(super) fn excerpt_bytes(raw: &[u8], max: usize) -> String {
    excerpt(&String::from_utf8_lossy(raw), max)
}

/// Cuts `text` to at most `max` characters, marking a cut with `…`.
pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// HTML or XML: reduced to text rather than shown as markup.
fn looks_like_html(raw: &str) -> bool {
    raw.trim_start().starts_with('<')
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's `<title>` if it has a non-empty one, else its visible text.
fn html_text(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    if let Some(title) = element_text(raw, &lower, "title") {
        let title = collapse_whitespace(&decode_entities(&title));
        if !title.is_empty() {
            return title;
        }
    }
    collapse_whitespace(&decode_entities(&strip_tags(raw, &lower)))
}

/// Text between `<tag ...>` and `</tag>`, if both are present.
fn element_text(raw: &str, lower: &str, tag: &str) -> Option<String> {
    let open = lower.find(&format!("<{tag}"))?;
    let content_start = open + lower[open..].find('>')? + 1;
    let content_len = lower[content_start..].find(&format!("</{tag}"))?;
    raw.get(content_start..content_start + content_len)
        .map(str::to_owned)
}

/// Removes tags, comments and the contents of `<script>`/`<style>`.
/// `lower` must be `raw.to_ascii_lowercase()` (same byte offsets).
fn strip_tags(raw: &str, lower: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(4096));
    let mut i = 0;
    while i < raw.len() {
        let rest = &lower[i..];
        if rest.starts_with('<') {
            let skip_to = if rest.starts_with("<!--") {
                rest.find("-->").map(|end| end + 3)
            } else if rest.starts_with("<script") || rest.starts_with("<style") {
                let name = if rest.starts_with("<script") {
                    "</script"
                } else {
                    "</style"
                };
                rest.find(name)
                    .and_then(|end| rest[end..].find('>').map(|gt| end + gt + 1))
            } else {
                rest.find('>').map(|end| end + 1)
            };
            match skip_to {
                Some(len) => {
                    out.push(' ');
                    i += len;
                }
                None => break,
            }
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            out.push_str(&raw[i..i + next]);
            i += next;
        }
    }
    out
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
