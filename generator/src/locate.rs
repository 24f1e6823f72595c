//! Finds the line of a JSON pointer in YAML or JSON text, for error messages.
//!
//! Best effort over block-style YAML and pretty-printed JSON: each pointer token is searched as a
//! key (or list item) below the previous match, more deeply indented. No match gives `None`.

/// 1-based line of the node at `pointer` (like `#/paths/~1products/get`) in `text`.
pub(crate) fn line_of(text: &str, pointer: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let path = pointer.strip_prefix('#').unwrap_or(pointer);
    let mut start = 0usize;
    let mut min_indent: i64 = -1;
    let mut found = None;
    for raw in path.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        let (line, indent) = find_token(&lines, start, min_indent, &token)?;
        found = Some(line);
        start = line + 1;
        min_indent = indent as i64;
    }
    found
        .map(|l| l + 1)
        .or(if path.is_empty() { Some(1) } else { None })
}

/// Searches `token` as a key (or array index) in lines after `start` indented more than `min_indent`.
fn find_token(
    lines: &[&str],
    start: usize,
    min_indent: i64,
    token: &str,
) -> Option<(usize, usize)> {
    let index: Option<usize> = token.parse().ok();
    let mut seen_items = 0usize;
    let mut item_indent: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if (indent as i64) <= min_indent {
            // Left the parent's block, unless this is a list item written at the parent's indent.
            if !(trimmed.starts_with('-') && indent as i64 == min_indent) {
                return None;
            }
        }
        if let Some(n) = index {
            if trimmed.starts_with("- ") || trimmed == "-" {
                let at = *item_indent.get_or_insert(indent);
                if indent == at {
                    if seen_items == n {
                        return Some((i, indent + 1));
                    }
                    seen_items += 1;
                }
                continue;
            }
        }
        let key = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        for candidate in [
            format!("{token}:"),
            format!("\"{token}\":"),
            format!("'{token}':"),
        ] {
            if key.starts_with(&candidate) {
                return Some((i, indent));
            }
        }
    }
    None
}
