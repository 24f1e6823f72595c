//! Finds the line of a JSON pointer in YAML or JSON text, for error messages.
//!
//! JSON text (starting with `{`, as the parser decides) is walked structurally, so any layout
//! works, arrays included. YAML is searched best effort over block style: each pointer token is
//! searched as a key (or list item) below the previous match, more deeply indented. No match
//! gives `None`.

/// 1-based line of the node at `pointer` (like `#/paths/~1products/get`) in `text`: the line of
/// its key, or of the array element itself.
pub(crate) fn line_of(text: &str, pointer: &str) -> Option<usize> {
    if text.trim_start().starts_with('{') {
        return json_line_of(text, pointer);
    }
    let path = pointer.strip_prefix('#').unwrap_or(pointer);
    // Byte offsets of line starts: each token is searched from just below the previous match,
    // so a lookup reads only the lines between the document's start and the node.
    let mut start = 0usize;
    let mut min_indent: i64 = -1;
    let mut found = None;
    // The line matched last when it is a list item: its first key is on that same line (`- url: x`).
    let mut item: Option<&str> = None;
    for raw in path.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        let on_item = item.and_then(|line| {
            let key = line.trim_start().strip_prefix("- ")?.trim_start();
            let indent = line.len() - key.len();
            is_key(key, &token).then_some((found?, indent))
        });
        let (at, indent) = match on_item {
            Some(m) => m,
            None => find_token(text, start, min_indent, &token)?,
        };
        let line = line_at(text, at);
        item =
            (token.parse::<usize>().is_ok() && line.trim_start().starts_with('-')).then_some(line);
        found = Some(at);
        start = at + line.len() + 1;
        min_indent = indent as i64;
    }
    match found {
        Some(at) => Some(
            text.as_bytes()[..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1,
        ),
        None if path.is_empty() => Some(1),
        None => None,
    }
}

/// The line starting at byte `at`, without its line break.
fn line_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let line = rest.split('\n').next().unwrap_or(rest);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Searches `token` as a key (or array index) in the lines from byte `start` indented more than
/// `min_indent`; gives the byte offset of the matching line and its indent.
fn find_token(text: &str, start: usize, min_indent: i64, token: &str) -> Option<(usize, usize)> {
    let index: Option<usize> = token.parse().ok();
    let mut seen_items = 0usize;
    let mut item_indent: Option<usize> = None;
    let mut at = start;
    while at < text.len() {
        let line = line_at(text, at);
        let here = at;
        at += text[at..].find('\n').map_or(text.len() - at, |n| n + 1);
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
                let first = *item_indent.get_or_insert(indent);
                if indent == first {
                    if seen_items == n {
                        return Some((here, indent + 1));
                    }
                    seen_items += 1;
                }
                continue;
            }
        }
        let key = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if is_key(key, token) {
            return Some((here, indent));
        }
    }
    None
}

/// The tokens of a JSON pointer, unescaped (`~1` is `/`, `~0` is `~`).
fn pointer_tokens(pointer: &str) -> Vec<String> {
    let path = pointer.strip_prefix('#').unwrap_or(pointer);
    path.split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// [`line_of`] for JSON text: follows the pointer through the document's objects and arrays.
fn json_line_of(text: &str, pointer: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    let mut at = pos;
    for token in pointer_tokens(pointer) {
        match *bytes.get(pos)? {
            b'{' => {
                pos += 1;
                loop {
                    pos = skip_ws(bytes, pos);
                    if *bytes.get(pos)? != b'"' {
                        return None; // `}` (not found) or malformed
                    }
                    let key_start = pos;
                    pos = skip_string(bytes, pos)?;
                    let key: String = serde_json::from_str(text.get(key_start..pos)?).ok()?;
                    pos = skip_ws(bytes, pos);
                    if *bytes.get(pos)? != b':' {
                        return None;
                    }
                    pos = skip_ws(bytes, pos + 1);
                    if key == token {
                        at = key_start;
                        break;
                    }
                    pos = next_member(bytes, skip_value(bytes, pos)?)?;
                }
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                pos = skip_ws(bytes, pos + 1);
                for _ in 0..index {
                    pos = skip_ws(bytes, next_member(bytes, skip_value(bytes, pos)?)?);
                }
                if matches!(bytes.get(pos), None | Some(b']')) {
                    return None;
                }
                at = pos;
            }
            _ => return None,
        }
    }
    Some(bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1)
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// The position after the string starting (with its quote) at `pos`.
fn skip_string(bytes: &[u8], mut pos: usize) -> Option<usize> {
    pos += 1;
    loop {
        match *bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// The position after the value starting at `pos` (an object, array, string or literal).
fn skip_value(bytes: &[u8], mut pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *bytes.get(pos)? {
            b'"' => pos = skip_string(bytes, pos)?,
            b'{' | b'[' => {
                depth += 1;
                pos += 1;
            }
            b'}' | b']' if depth == 0 => return Some(pos),
            b'}' | b']' => {
                depth -= 1;
                pos += 1;
            }
            b',' if depth == 0 => return Some(pos),
            _ => pos += 1,
        }
        if depth == 0 && matches!(bytes.get(pos.wrapping_sub(1)), Some(b'}' | b']' | b'"')) {
            return Some(pos);
        }
    }
}

/// After a member or element ending at `pos`: the position after its `,`, or `None` at the end of
/// the container (the token was not found).
fn next_member(bytes: &[u8], pos: usize) -> Option<usize> {
    let pos = skip_ws(bytes, pos);
    (*bytes.get(pos)? == b',').then_some(pos + 1)
}

/// Whether the line text `key` (indentation and list dash removed) starts with the key `token`,
/// plain or quoted.
fn is_key(key: &str, token: &str) -> bool {
    let unquoted = |quote: char| {
        key.strip_prefix(quote)
            .and_then(|k| k.strip_prefix(token))
            .and_then(|k| k.strip_prefix(quote))
    };
    [key.strip_prefix(token), unquoted('"'), unquoted('\'')]
        .into_iter()
        .flatten()
        .any(|rest| rest.starts_with(':'))
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

    #[test]
    fn keys_are_matched_whole_plain_or_quoted_and_across_crlf() {
        let text = "paths:\r\n  /ab:\r\n    x: 1\r\n  \"/a\":\r\n    get: {}\r\n  '/b':\r\n    put: {}\r\n";
        assert_eq!(line_of(text, "#/paths/~1a/get"), Some(5));
        assert_eq!(line_of(text, "#/paths/~1b/put"), Some(7));
        assert_eq!(line_of(text, "#/paths/~1ab/x"), Some(3));
        assert_eq!(line_of(text, "#/paths/~1a/x"), None);
    }

    #[test]
    fn json_is_walked_through_objects_and_arrays_in_any_layout() {
        let text = r##"{
  "openapi": "3.0.3",
  "x": {"a": [1, {"b": "}", "c": [true]}], "d~/e": {}},
  "paths": {
    "/p": {"get": {"responses": {"200": {"description": "ok"}}}},
    "/q":
      {"oneOf": [
        {"$ref": "#/x"},
        [1, 2],
        "s"
      ]}
  }
}"##;
        assert_eq!(line_of(text, "#"), Some(1));
        assert_eq!(line_of(text, "#/openapi"), Some(2));
        assert_eq!(line_of(text, "#/x/a/1/c/0"), Some(3));
        assert_eq!(line_of(text, "#/x/d~0~1e"), Some(3));
        assert_eq!(line_of(text, "#/paths/~1p/get/responses/200"), Some(5));
        assert_eq!(line_of(text, "#/paths/~1q"), Some(6));
        assert_eq!(line_of(text, "#/paths/~1q/oneOf/0/$ref"), Some(8));
        assert_eq!(line_of(text, "#/paths/~1q/oneOf/1"), Some(9));
        assert_eq!(line_of(text, "#/paths/~1q/oneOf/2"), Some(10));
        assert_eq!(line_of(text, "#/paths/~1q/oneOf/3"), None);
        assert_eq!(line_of(text, "#/paths/~1r"), None);
        assert_eq!(line_of(text, "#/openapi/0"), None);
        assert_eq!(line_of("{\"a\": [", "#/a/0"), None);
    }
}
