//! Spec descriptions are CommonMark. In a Rust doc comment, rustdoc compiles every code block it
//! takes for Rust as a doctest, so a spec's example (`GET /items`, JSON, a fenced block without a
//! language) would break `cargo test` of the generated crate. Such blocks are marked `text`: they
//! still render as code and are never compiled. In prose, rustdoc reads `[word]` as a link to an
//! item and `<word>` as an HTML tag: brackets that are no Markdown link are escaped, simple HTML
//! (`<br>`, `<a href>`, `<code>`, `<b>`/`<strong>`, `<i>`/`<em>`, `<p>`) becomes Markdown, and
//! other tags are escaped, so `cargo doc` of a generated crate has nothing to warn about. Links
//! relative to the spec's documentation site (`[x](/docs/foo)`, `<a href="/docs/foo">`) would be
//! relative to the rustdoc page, so broken: they are resolved against the spec's docs URL when
//! there is one, else shown as their plain text.

/// Doctest attributes rustdoc accepts in a fence's info string; a block whose info string holds
/// only these (or nothing) is Rust to rustdoc.
const RUSTDOC_WORDS: &[&str] = &[
    "rust",
    "ignore",
    "no_run",
    "should_panic",
    "compile_fail",
    "test_harness",
    "standalone_crate",
];

/// `text` with every code block rustdoc would compile marked as `text`: fenced blocks without a
/// language (or with `rust` or doctest attributes only) get the info string `text`, and indented
/// code blocks become fenced `text` blocks. Prose is made safe for rustdoc ([`prose`]); links
/// relative to the spec's docs are resolved against `docs_url`, or made plain text without one.
pub(crate) fn neutralise_code_blocks(text: &str, docs_url: Option<&str>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut open_fence: Option<(char, usize)> = None;
    let mut prev_blank = true;
    let mut in_list = false;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some((ch, len)) = open_fence {
            if closes_fence(line, ch, len) {
                open_fence = None;
            }
            out.push(line.to_owned());
            prev_blank = false;
            continue;
        }
        if let Some((ch, len, info)) = opening_fence(line) {
            let indent = &line[..line.len() - line.trim_start().len()];
            let marker: String = std::iter::repeat_n(ch, len).collect();
            let info = if is_rust(info) { "text" } else { info };
            out.push(format!("{indent}{marker}{info}"));
            open_fence = Some((ch, len));
            prev_blank = false;
            continue;
        }
        if prev_blank && !in_list && is_indented(line) {
            let mut block = vec![strip_indent(line)];
            while let Some(next) = lines.peek() {
                if !next.trim().is_empty() && !is_indented(next) {
                    break;
                }
                block.push(strip_indent(next));
                lines.next();
            }
            let mut trailing = 0;
            while block.last().is_some_and(|l| l.trim().is_empty()) {
                block.pop();
                trailing += 1;
            }
            out.push("```text".to_owned());
            out.extend(block);
            out.push("```".to_owned());
            out.extend(std::iter::repeat_n(String::new(), trailing));
            prev_blank = trailing > 0;
            continue;
        }
        let blank = line.trim().is_empty();
        if !blank {
            if is_list_item(line) {
                in_list = true;
            } else if !line.starts_with([' ', '\t']) {
                in_list = false;
            }
        }
        out.push(prose(line, docs_url));
        prev_blank = blank;
    }
    out.join("\n")
}

/// HTML tags rustdoc renders as such; any other `<word>` is text to it (and a warning).
const HTML_TAGS: &[&str] = &[
    "b",
    "i",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "sup",
    "sub",
    "details",
    "summary",
    "div",
    "span",
    "hr",
    "img",
    "dl",
    "dt",
    "dd",
    "kbd",
    "del",
    "s",
    "u",
];

/// A line of prose as rustdoc should read it: inline code spans kept, everything else through
/// [`prose_outside_code`].
fn prose(line: &str, docs_url: Option<&str>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let ticks = rest[start..].chars().take_while(|c| *c == '`').count();
        let fence = &rest[start..start + ticks];
        let Some(len) = rest[start + ticks..].find(fence) else {
            break;
        };
        out.push_str(&prose_outside_code(&rest[..start], docs_url));
        let end = start + ticks + len + ticks;
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out.push_str(&prose_outside_code(rest, docs_url));
    out
}

/// Text outside code spans: simple HTML turned into Markdown, other tags and brackets that are
/// no link escaped, relative links resolved (or made plain text).
fn prose_outside_code(text: &str, docs_url: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\\' {
            // An escape the spec wrote: keep it and what it escapes.
            let len = rest.chars().take(2).map(char::len_utf8).sum::<usize>();
            out.push_str(&rest[..len]);
            i += len;
            continue;
        }
        if c == '<' {
            if let Some((markdown, len)) = html(rest, docs_url) {
                out.push_str(&markdown);
                i += len;
                continue;
            }
        }
        if c == '[' {
            if let Some(close) = rest.find(']') {
                let after = &rest[close + 1..];
                let is_link =
                    after.starts_with('(') || after.starts_with('[') || after.starts_with(':');
                if !is_link {
                    out.push_str("\\[");
                    out.push_str(&prose_outside_code(&rest[1..close], docs_url));
                    out.push_str("\\]");
                    i += close + 1;
                    continue;
                }
                // A link: its text, then its target (`(url)` or `[label]`) as written, an
                // inline link's URL resolved when it is relative.
                let target_end = match after.chars().next() {
                    Some('(') => after.find(')').map_or(0, |e| e + 1),
                    Some('[') => after.find(']').map_or(0, |e| e + 1),
                    _ => 0,
                };
                let len = close + 1 + target_end;
                if target_end > 1 && after.starts_with('(') {
                    let label = &rest[1..close];
                    let inner = &after[1..target_end - 1];
                    let url_len = inner.find(char::is_whitespace).unwrap_or(inner.len());
                    let (url, title) = inner.split_at(url_len);
                    out.push_str(&link(label, url, title, docs_url));
                    i += len;
                    continue;
                }
                out.push_str(&rest[..len]);
                i += len;
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The Markdown of a link `[label](url title)`: kept when `url` is absolute (or a scheme such
/// as `mailto:`), resolved against `docs_url` when relative, else the label alone as plain text
/// (a relative link would be relative to the rustdoc page, so broken).
fn link(label: &str, url: &str, title: &str, docs_url: Option<&str>) -> String {
    let bare = url.trim_start_matches('<').trim_end_matches('>');
    let target = if has_scheme(bare) {
        Some(url.to_owned())
    } else {
        docs_url.map(|base| resolve(base, bare))
    };
    let label = prose_outside_code(label, docs_url);
    match target {
        Some(target) => format!("[{label}]({target}{title})"),
        None => label,
    }
}

/// Whether a URL starts with a scheme (`https:`, `mailto:`), so is not relative.
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) => {
            let scheme = &url[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `relative` resolved against the absolute URL `base` (RFC 3986, without removing `.` and `..`
/// segments, which browsers do): `//host/x` keeps the scheme, `/x` the origin, `?q` the path,
/// `#f` the document, anything else replaces the last path segment.
pub(crate) fn resolve(base: &str, relative: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let origin = &base[..scheme.len() + 3 + host_end];
    let path_and_query = &rest[host_end..];
    let path = path_and_query.split('?').next().unwrap_or("");
    if let Some(net) = relative.strip_prefix("//") {
        format!("{scheme}://{net}")
    } else if relative.starts_with('/') {
        format!("{origin}{relative}")
    } else if relative.starts_with('?') {
        format!("{origin}{path}{relative}")
    } else if relative.starts_with('#') || relative.is_empty() {
        format!("{base}{relative}")
    } else {
        let dir = path.rfind('/').map_or("/", |slash| &path[..=slash]);
        format!("{origin}{dir}{relative}")
    }
}

/// Inline HTML that becomes Markdown emphasis: the tag and its Markdown marker.
const EMPHASIS: &[(&str, &str)] = &[("b", "**"), ("strong", "**"), ("i", "*"), ("em", "*")];

/// The Markdown for an HTML construct at the start of `text` (the rest of a line), and its
/// length: `<br>` a line break, `<a href="u">t</a>` a link (`u` as in [`link`]), `<code>t</code>` a code span,
/// `<b>`/`<strong>` and `<i>`/`<em>` emphasis (closed on the same line), `<p>`/`</p>` nothing, a
/// known tag kept, an autolink (`<https://...>`) kept, any other `<...>` escaped.
fn html(text: &str, docs_url: Option<&str>) -> Option<(String, usize)> {
    let close = text.find('>')?;
    let tag = &text[1..close];
    let lower = tag.to_ascii_lowercase();
    let name: String = lower
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let autolink =
        !tag.contains(char::is_whitespace) && (tag.contains("://") || tag.starts_with("mailto:"));
    if autolink {
        return Some((text[..=close].to_owned(), close + 1));
    }
    match name.as_str() {
        // A hard line break; at the end of a line, that line's own end breaks it.
        "br" if text[close + 1..].trim().is_empty() => Some(("\\".to_owned(), text.len())),
        "br" => Some(("\\\n".to_owned(), close + 1)),
        "p" => Some((String::new(), close + 1)),
        "code" if !lower.starts_with('/') => {
            let end = text.to_ascii_lowercase().find("</code>")?;
            Some((
                format!("`{}`", &text[close + 1..end]),
                end + "</code>".len(),
            ))
        }
        "a" if !lower.starts_with('/') => {
            let href = tag.split("href=").nth(1)?;
            let quote = href.chars().next()?;
            let url = if quote == '"' || quote == '\'' {
                href[1..].split(quote).next()?
            } else {
                href.split_whitespace().next()?
            };
            let end = text.to_ascii_lowercase().find("</a>")?;
            let markdown = link(&text[close + 1..end], url, "", docs_url);
            Some((markdown, end + "</a>".len()))
        }
        emphasis if lower == emphasis && EMPHASIS.iter().any(|(t, _)| *t == emphasis) => {
            let (_, marker) = EMPHASIS.iter().find(|(t, _)| *t == emphasis)?;
            let closing = format!("</{emphasis}>");
            let end = text.to_ascii_lowercase().find(&closing)?;
            let inner = text[close + 1..end].trim();
            if inner.is_empty() {
                return Some((String::new(), end + closing.len()));
            }
            let inner = prose_outside_code(inner, docs_url);
            Some((format!("{marker}{inner}{marker}"), end + closing.len()))
        }
        known if HTML_TAGS.contains(&known) => None,
        _ => Some((format!("\\<{}\\>", &text[1..close]), close + 1)),
    }
}

/// `(fence character, fence length, info string)` when `line` opens a fenced code block.
fn opening_fence(line: &str) -> Option<(char, usize, &str)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|c| *c == ch).count();
    if len < 3 {
        return None;
    }
    let info = trimmed[len..].trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some((ch, len, info))
}

/// Whether `line` closes a block opened by `len` times `ch`.
fn closes_fence(line: &str, ch: char, len: usize) -> bool {
    let trimmed = line.trim();
    line.len() - line.trim_start().len() <= 3
        && trimmed.chars().count() >= len
        && trimmed.chars().all(|c| c == ch)
}

/// Whether rustdoc reads a fence's info string as Rust.
fn is_rust(info: &str) -> bool {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .all(|w| RUSTDOC_WORDS.contains(&w) || w.starts_with("edition"))
}

fn is_indented(line: &str) -> bool {
    line.starts_with("    ") || line.starts_with('\t')
}

fn strip_indent(line: &str) -> String {
    line.strip_prefix("    ")
        .or_else(|| line.strip_prefix('\t'))
        .unwrap_or(line.trim_start())
        .to_owned()
}

/// Whether `line` starts a list item (`- x`, `* x`, `+ x`, `1. x`, `1) x`).
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest.is_empty() || rest.starts_with(' ');
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && {
        let rest = &t[digits..];
        rest.starts_with(". ") || rest.starts_with(") ")
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralise_code_blocks, resolve};

    /// Without a docs URL.
    fn n(text: &str) -> String {
        neutralise_code_blocks(text, None)
    }

    #[test]
    fn fences_rustdoc_would_compile_become_text() {
        assert_eq!(n("a\n```\nx\n```"), "a\n```text\nx\n```");
        assert_eq!(n("```rust\nx\n```"), "```text\nx\n```");
        assert_eq!(n("```no_run,edition2021\nx\n```"), "```text\nx\n```");
        assert_eq!(n("~~~~\nx\n~~~~"), "~~~~text\nx\n~~~~");
    }

    #[test]
    fn fences_in_another_language_are_kept() {
        let json = "```json\n{\"a\": 1}\n```";
        assert_eq!(n(json), json);
        assert_eq!(n("```rust,json\nx\n```"), "```rust,json\nx\n```");
    }

    #[test]
    fn the_inside_of_a_fence_is_left_alone() {
        let text = "```json\n\n    indented inside\n```\nafter";
        assert_eq!(n(text), text);
    }

    #[test]
    fn indented_code_becomes_a_text_fence() {
        assert_eq!(
            n("Example:\n\n    GET /x\n\n    more\n\nafter"),
            "Example:\n\n```text\nGET /x\n\nmore\n```\n\nafter"
        );
        assert_eq!(n("    first line"), "```text\nfirst line\n```");
    }

    #[test]
    fn indentation_that_is_not_a_code_block_is_kept() {
        let continuation = "a paragraph\n    continued";
        assert_eq!(n(continuation), continuation);
        let list = "- item\n\n    more of the item";
        assert_eq!(n(list), list);
        let inline = "Up to ```100``` items";
        assert_eq!(n(inline), inline);
    }

    #[test]
    fn brackets_that_are_no_link_are_escaped() {
        assert_eq!(
            n("Get Playlist Items [DEPRECATED]"),
            "Get Playlist Items \\[DEPRECATED\\]"
        );
        // Links, reference links and code spans are kept.
        for kept in [
            "See [the docs](https://x.test).",
            "See [the docs][docs].",
            "A `Vec<[u8]>` in code.",
        ] {
            assert_eq!(n(kept), kept);
        }
    }

    #[test]
    fn simple_html_becomes_markdown_and_other_tags_are_escaped() {
        assert_eq!(
            n("One<br>two <a href=\"https://x.test\">site</a> and <code>id</code>."),
            "One\\\ntwo [site](https://x.test) and `id`."
        );
        assert_eq!(
            n("A list<string> of <b>bold</b> ids, see <https://x.test>."),
            "A list\\<string\\> of **bold** ids, see <https://x.test>."
        );
        assert_eq!(
            n("<p>An <i>x</i>, <EM>y</EM> and <strong>[z]</strong>.</p><b></b>"),
            "An *x*, *y* and **\\[z\\]**."
        );
        assert_eq!(n("one<br>\ntwo<br/> "), "one\\\ntwo\\");
        // Unclosed on the line: left to rustdoc, which renders the tag; unknown tags escaped.
        assert_eq!(n("<b>bold\ntext</b>"), "<b>bold\ntext</b>");
        assert_eq!(n("a <foo> b"), "a \\<foo\\> b");
    }

    #[test]
    fn relative_links_are_resolved_against_the_docs_url() {
        // OpenAI writes `[x](/docs/...)`, GitHub `<a href="/rest/...">`.
        let docs = Some("https://docs.example.test/rest/");
        assert_eq!(
            neutralise_code_blocks(
                "See [files](/docs/api-reference/files) and <a href=\"/rest/hooks#get\">hooks</a>.",
                docs
            ),
            "See [files](https://docs.example.test/docs/api-reference/files) and \
             [hooks](https://docs.example.test/rest/hooks#get)."
        );
        // Titles, absolute links, other schemes and code spans are kept.
        for kept in [
            "[guide](https://other.test/g \"Guide\")",
            "[mail](mailto:a@b.test)",
            "`[x](/y)`",
        ] {
            assert_eq!(neutralise_code_blocks(kept, docs), kept);
        }
        assert_eq!(
            neutralise_code_blocks("[t](/a \"T\")", docs),
            "[t](https://docs.example.test/a \"T\")"
        );
    }

    #[test]
    fn relative_links_without_a_docs_url_are_plain_text() {
        assert_eq!(
            n("Read [the *guide*](/docs/guide) or <a href='guide'>this</a>; [abs](https://x.test)."),
            "Read the *guide* or this; [abs](https://x.test)."
        );
    }

    #[test]
    fn urls_resolve_like_a_browser_would() {
        let base = "https://h.test:8080/api/v1/index.html?q=1#top";
        for (relative, resolved) in [
            ("/docs/x", "https://h.test:8080/docs/x"),
            ("//cdn.test/y", "https://cdn.test/y"),
            ("guide#s", "https://h.test:8080/api/v1/guide#s"),
            ("?page=2", "https://h.test:8080/api/v1/index.html?page=2"),
            ("#part", "https://h.test:8080/api/v1/index.html?q=1#part"),
        ] {
            assert_eq!(resolve(base, relative), resolved, "{relative}");
        }
        assert_eq!(resolve("https://h.test", "a"), "https://h.test/a");
        assert_eq!(resolve("https://h.test", "/a"), "https://h.test/a");
    }
}
