//! Credentials inside URLs (`https://oauth2:glpat-…@gitlab.example/x.git`): a Location target,
//! an Argo CD `repoURL` or an annotation may carry one, and a message that quotes the URL
//! must not print it. The password of `user:password@`, and for `http(s)` a lone token
//! (`https://ghp_…@github.com`) are credentials; `ssh://git@host` is not.

use std::borrow::Cow;
use std::ops::Range;

/// What stands in for a credential in a message.
const REDACTED: &str = "****";

/// The byte ranges of the credentials in URLs of `text`.
pub fn credential_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let separator = from + found;
        from = separator + 3;
        let scheme_start = text[..separator]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
            .map_or(0, |(at, c)| at + c.len_utf8());
        let scheme = &text[scheme_start..separator];
        if !scheme.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let authority_start = separator + 3;
        let authority_end = text[authority_start..]
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '/' | '?' | '#' | '"' | '\'' | '`' | '<' | '>')
            })
            .map_or(text.len(), |at| authority_start + at);
        let authority = &text[authority_start..authority_end];
        let Some(at) = authority.rfind('@') else {
            continue;
        };
        let userinfo = &authority[..at];
        if let Some(colon) = userinfo.find(':') {
            let start = authority_start + colon + 1;
            let end = authority_start + at;
            if start < end {
                ranges.push(start..end);
            }
        } else if (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
            && !userinfo.is_empty()
            && userinfo != "git"
        {
            ranges.push(authority_start..authority_start + at);
        }
    }
    ranges
}

/// `text` with the credentials of its URLs replaced by `****`.
pub fn redact_credentials(text: &str) -> Cow<'_, str> {
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    let ranges = credential_ranges(text);
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        out.push_str(&text[at..range.start]);
        out.push_str(REDACTED);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// A message without the credentials of the URLs it quotes.
pub fn redacted(text: String) -> String {
    match redact_credentials(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(redacted) => redacted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_tokens_in_urls() {
        let cases = [
            (
                "source \"https://oauth2:glpat-abc123@gitlab.example/shop.git\" is not permitted",
                "source \"https://oauth2:****@gitlab.example/shop.git\" is not permitted",
            ),
            (
                "url:https://ghp_secret@github.com/acme/x/blob/main/catalog-info.yaml",
                "url:https://****@github.com/acme/x/blob/main/catalog-info.yaml",
            ),
            (
                "git+https://user:p@ss@host/x and ssh://git@github.com/acme/x.git",
                "git+https://user:****@host/x and ssh://git@github.com/acme/x.git",
            ),
            ("https://git@github.com/x", "https://git@github.com/x"),
            (
                "mailto:someone@example.com, https://a.example/@x",
                "mailto:someone@example.com, https://a.example/@x",
            ),
            ("no url here: user:pass@host", "no url here: user:pass@host"),
            (
                "é://x:y@h éhttps://x:y@h ü://",
                "é://x:y@h éhttps://x:****@h ü://",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(redact_credentials(text), expected, "{text}");
        }
    }

    #[test]
    fn ranges_are_byte_ranges_of_the_text() {
        let text = "repoURL: https://ci:tökén@gitlab.example/x.git";
        let ranges = credential_ranges(text);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "tökén");
    }
}
