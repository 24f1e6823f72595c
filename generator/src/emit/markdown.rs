//! Spec descriptions are CommonMark. In a Rust doc comment, rustdoc compiles every code block it
//! takes for Rust as a doctest, so a spec's example (`GET /items`, JSON, a fenced block without a
//! language) would break `cargo test` of the generated crate. Such blocks are marked `text`: they
//! still render as code and are never compiled.

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
/// code blocks become fenced `text` blocks. Everything else is kept as it is.
pub(crate) fn neutralise_code_blocks(text: &str) -> String {
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
        out.push(line.to_owned());
        prev_blank = blank;
    }
    out.join("\n")
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
    use super::neutralise_code_blocks as n;

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
}
