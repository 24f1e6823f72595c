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
    // The line of the list item matched last: its first key is on that same line (`- url: x`).
    let mut item: Option<usize> = None;
    for raw in path.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        let on_item = item.and_then(|l| {
            let trimmed = lines[l].trim_start();
            let key = trimmed.strip_prefix("- ")?.trim_start();
            let indent = lines[l].len() - key.len();
            is_key(key, &token).then_some((l, indent))
        });
        let (line, indent) = match on_item {
            Some(m) => m,
            None => find_token(&lines, start, min_indent, &token)?,
        };
        item = (token.parse::<usize>().is_ok() && lines[line].trim_start().starts_with('-'))
            .then_some(line);
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
        if is_key(key, token) {
            return Some((i, indent));
        }
    }
    None
}

/// Whether the line text `key` (indentation and list dash removed) starts with the key `token`.
fn is_key(key: &str, token: &str) -> bool {
    [
        format!("{token}:"),
        format!("\"{token}\":"),
        format!("'{token}':"),
    ]
    .iter()
    .any(|candidate| key.starts_with(candidate.as_str()))
}

#[cfg(test)]
mod tests {
    use super::line_of;

    #[test]
    fn a_key_on_the_line_of_its_list_item_is_found() {
        let text = "servers:\n  - url: https://a\n  - description: b\n    url: https://b\n";
        assert_eq!(line_of(text, "#/servers/0/url"), Some(2));
        assert_eq!(line_of(text, "#/servers/1"), Some(3));
        assert_eq!(line_of(text, "#/servers/1/description"), Some(3));
        assert_eq!(line_of(text, "#/servers/1/url"), Some(4));
        assert_eq!(line_of(text, "#/servers/0/description"), None);
    }
}
