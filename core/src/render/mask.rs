//! What a snippet must not show: credentials in the checked files. A finding on a Kubernetes
//! Secret (its namespace, a duplicate key, a syntax error) would otherwise print the lines
//! around it, values of `data` and `stringData` included, into a CI log that more people
//! read than the repository. Found from the text alone, line by line, so that a document
//! that does not parse is masked too:
//!
//! - in a document with a top-level `kind: Secret`, every value under a top-level `data` or
//!   `stringData` (the names Argo CD reads from its cluster and repository Secrets, `name`,
//!   `server`, `project`, `url`, `type`, stay);
//! - anywhere, the value of a key that names a credential (`password`, `DB_PASSWORD`,
//!   `clientSecret`, `apiToken`, `privateKey`, ...), and the credentials inside URLs
//!   (`https://oauth2:…@gitlab.example`, [`crate::redact`]).
//!
//! A masked value keeps its length in bytes (each byte of it becomes `*`), so that every span
//! and column shown stays where it was.

use std::ops::Range;

/// The names of Argo CD's cluster and repository Secrets that are not credentials.
const PUBLIC_SECRET_KEYS: &[&str] = &["name", "server", "project", "url", "type"];

/// A key whose value is a credential: its lowercase letters and digits end with one of these.
const CREDENTIAL_ENDINGS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "secretkey",
    "accesskey",
    "credential",
    "credentials",
];

/// The byte ranges of `text` whose characters a snippet replaces by `*`.
pub fn sensitive_ranges(text: &str) -> Vec<Range<usize>> {
    let lines = lines(text);
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let end = (start + 1..lines.len())
            .find(|&at| is_document_start(lines[at].1))
            .unwrap_or(lines.len());
        document_ranges(&lines[start..end], &mut ranges);
        start = end;
    }
    ranges.extend(crate::redact::credential_ranges(text));
    ranges
}

/// `text` with the bytes in `ranges` (relative to `offset`, its start in the file) replaced by
/// `*`, character by character, each keeping its length in bytes.
pub fn masked(text: &str, offset: usize, ranges: &[Range<usize>]) -> String {
    let end = offset + text.len();
    if !ranges.iter().any(|r| r.start < end && r.end > offset) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let position = offset + at;
        if !c.is_whitespace() && ranges.iter().any(|r| r.contains(&position)) {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Each line with its byte offset, without its line break.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        out.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    out
}

fn is_document_start(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

fn document_ranges(lines: &[(usize, &str)], ranges: &mut Vec<Range<usize>>) {
    let secret = lines.iter().any(|(_, line)| {
        top_level(line).is_some_and(|(key, value)| {
            key == "kind" && unquoted(strip_comment(value).trim()) == "Secret"
        })
    });
    // Inside a top-level `data`/`stringData` of a Secret: the indentation of its entries.
    let mut in_data = false;
    let mut entry_indent: Option<usize> = None;
    // Inside a masked block scalar or nested value: lines indented deeper than this.
    let mut masked_below: Option<usize> = None;
    for &(offset, line) in lines {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(below) = masked_below {
            if indent > below {
                ranges.push(offset + indent..offset + line.len());
                continue;
            }
            masked_below = None;
        }
        if let Some((key, value)) = top_level(line) {
            in_data = secret && matches!(key, "data" | "stringData");
            entry_indent = None;
            if in_data && !value.trim().is_empty() && !value.trim().starts_with('#') {
                // A flow mapping on the key's line: `data: {password: aHVudGVyMg==}`.
                let at = line.len() - value.len();
                ranges.push(offset + at..offset + line.len());
            }
            continue;
        }
        if in_data && indent > 0 {
            let level = *entry_indent.get_or_insert(indent);
            if indent > level {
                ranges.push(offset + indent..offset + line.len());
                continue;
            }
            if let Some((key, at)) = entry(line) {
                if !PUBLIC_SECRET_KEYS.contains(&unquoted(key)) {
                    mask_value(line, offset, at, indent, &mut masked_below, ranges);
                }
            } else {
                ranges.push(offset + indent..offset + line.len());
            }
            continue;
        }
        if let Some((key, at)) = entry(line)
            && names_credential(unquoted(key))
        {
            mask_value(line, offset, at, indent, &mut masked_below, ranges);
        }
    }
}

/// Mask the value of the entry whose value starts at byte `at` of `line`: on its line, and
/// below it when it continues there (a block scalar, a nested mapping).
fn mask_value(
    line: &str,
    offset: usize,
    at: usize,
    indent: usize,
    masked_below: &mut Option<usize>,
    ranges: &mut Vec<Range<usize>>,
) {
    let value = &line[at..];
    let shown = strip_comment(value).trim();
    if shown.is_empty() || shown.starts_with(['|', '>']) {
        *masked_below = Some(indent);
    }
    if !shown.is_empty() {
        ranges.push(offset + at..offset + line.len());
    }
}

/// A top-level `key: value` line: the key and what follows the colon.
fn top_level(line: &str) -> Option<(&str, &str)> {
    if line.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    let (key, at) = entry(line)?;
    Some((unquoted(key), &line[at..]))
}

/// A `key: value` (or `- key: value`) line: the key and the byte where its value starts.
fn entry(line: &str) -> Option<(&str, usize)> {
    let start = line.len() - line.trim_start().len();
    let mut rest = &line[start..];
    let mut at = start;
    if let Some(item) = rest.strip_prefix("- ") {
        at += rest.len() - item.trim_start().len();
        rest = item.trim_start();
    }
    let colon = key_end(rest)?;
    let key = rest[..colon].trim_end();
    if key.is_empty() {
        return None;
    }
    Some((key, at + colon + 1))
}

/// Where a plain or quoted key ends: the byte of its `:` followed by a space or the line's end.
fn key_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    if let Some(&quote @ (b'"' | b'\'')) = bytes.first() {
        at = 1 + text[1..].find(quote as char)? + 1;
    }
    while at < bytes.len() {
        if bytes[at] == b':'
            && bytes
                .get(at + 1)
                .is_none_or(|&next| next == b' ' || next == b'\t')
        {
            return Some(at);
        }
        if bytes[at] == b'#' && at > 0 && bytes[at - 1] == b' ' {
            return None;
        }
        at += 1;
    }
    None
}

fn unquoted(key: &str) -> &str {
    key.strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key)
}

fn strip_comment(value: &str) -> &str {
    value.find(" #").map_or(value, |at| &value[..at]).trim_end()
}

/// Whether a key names a credential (`password`, `DB_PASSWORD`, `client-secret`, `apiToken`).
fn names_credential(key: &str) -> bool {
    let folded: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    CREDENTIAL_ENDINGS
        .iter()
        .any(|ending| folded.ends_with(ending))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(text: &str) -> String {
        masked(text, 0, &sensitive_ranges(text))
    }

    #[test]
    fn a_secrets_data_and_string_data() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: ap-shop-prd\nstringData:\n  password: hunter2\n  name: cluster-prd\n  server: https://api.prd\n  config: |\n    {\"bearerToken\": \"abc\"}\ndata:\n  .dockerconfigjson: eyJhdXRocyI6e319\n  tls.key: {inline: x}\n";
        assert_eq!(
            mask(text),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: ap-shop-prd\nstringData:\n  password: *******\n  name: cluster-prd\n  server: https://api.prd\n  config: *\n    *************** ******\ndata:\n  .dockerconfigjson: ****************\n  tls.key: ******** **\n"
        );
    }

    #[test]
    fn kind_after_data_and_flow_data() {
        let text = "data: {password: aGk=}\nkind: \"Secret\"\n---\nkind: ConfigMap\ndata:\n  color: blue\n";
        assert_eq!(
            mask(text),
            "data: ********** *****\nkind: \"Secret\"\n---\nkind: ConfigMap\ndata:\n  color: blue\n"
        );
    }

    #[test]
    fn credential_keys_anywhere_even_unparsed() {
        let text = "variables:\n  DB_PASSWORD: \"unterminated\n  IMAGE: app:1.0\n  clientSecret: abc # rotated\n  secretName: tls\n  api-token:\n    value: xyz\n  tokenUrl: https://idp\n";
        assert_eq!(
            mask(text),
            "variables:\n  DB_PASSWORD: *************\n  IMAGE: app:1.0\n  clientSecret: *** * *******\n  secretName: tls\n  api-token:\n    ****** ***\n  tokenUrl: https://idp\n"
        );
    }

    #[test]
    fn masking_keeps_byte_lengths() {
        let text = "kind: Secret\nstringData:\n  password: pässwörd\n";
        let out = mask(text);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("pässwörd"), "{out}");
    }
}
