//! Argo CD's globs (`util/glob`, on `gobwas/glob`): `*` is any run of characters except the
//! separators, `**` any run at all, `?` one character except a separator, `[a-z]` and `[!a-z]`
//! classes, `{a,b}` alternatives and `\` escapes. A pattern that does not compile matches
//! nothing, as in Argo CD (which logs it). Translated to a regular expression, so matching
//! takes linear time whatever the pattern.

use regex::Regex;

/// A compiled glob.
#[derive(Debug, Clone)]
pub struct Glob {
    regex: Option<Regex>,
}

impl Glob {
    /// Compile `pattern`; `separator` is what `*` and `?` do not cross (`/` for repository
    /// URLs, none for destinations).
    pub fn new(pattern: &str, separator: Option<char>) -> Self {
        let regex = translate(pattern, separator).and_then(|body| {
            regex::RegexBuilder::new(&format!("^(?s:{body})$"))
                .size_limit(1 << 20)
                .build()
                .ok()
        });
        Self { regex }
    }

    /// Whether the pattern compiled.
    pub fn is_valid(&self) -> bool {
        self.regex.is_some()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    }
}

/// A pattern of an AppProject as `globMatch` reads it (negation allowed): `!pattern` matches
/// what `pattern` does not, `*` alone matches everything. Compiled once per project.
#[derive(Debug, Clone)]
pub struct Pattern {
    deny: bool,
    any: bool,
    glob: Glob,
}

impl Pattern {
    pub fn new(pattern: &str, separator: Option<char>) -> Self {
        match pattern.strip_prefix('!') {
            Some(denied) => Self {
                deny: true,
                any: false,
                glob: Glob::new(denied, separator),
            },
            None => Self {
                deny: false,
                any: pattern == "*",
                glob: Glob::new(pattern, separator),
            },
        }
    }

    /// Whether this is a deny pattern (`!...`).
    pub fn is_deny(&self) -> bool {
        self.deny
    }

    pub fn matches(&self, value: &str) -> bool {
        if self.deny {
            !self.glob.is_match(value)
        } else {
            self.any || self.glob.is_match(value)
        }
    }
}

fn translate(pattern: &str, separator: Option<char>) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut at = 0;
    let body = translate_until(&chars, &mut at, separator, false)?;
    (at == chars.len()).then_some(body)
}

/// Translate up to the end, or (inside `{}`) up to the `,` or `}` that ends an alternative.
fn translate_until(
    chars: &[char],
    at: &mut usize,
    separator: Option<char>,
    in_braces: bool,
) -> Option<String> {
    let not_separator = separator.map_or_else(
        || ".".to_owned(),
        |separator| format!("[^{}]", regex::escape(&separator.to_string())),
    );
    let mut out = String::new();
    while let Some(&c) = chars.get(*at) {
        match c {
            ',' | '}' if in_braces => return Some(out),
            '*' => {
                if chars.get(*at + 1) == Some(&'*') {
                    *at += 2;
                    out.push_str(".*");
                } else {
                    *at += 1;
                    out.push_str(&not_separator);
                    out.push('*');
                }
            }
            '?' => {
                *at += 1;
                out.push_str(&not_separator);
            }
            '[' => out.push_str(&class(chars, at)?),
            '{' => {
                *at += 1;
                let mut alternatives = Vec::new();
                loop {
                    alternatives.push(translate_until(chars, at, separator, true)?);
                    match chars.get(*at) {
                        Some(',') => *at += 1,
                        Some('}') => {
                            *at += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
                out.push_str("(?:");
                out.push_str(&alternatives.join("|"));
                out.push(')');
            }
            '\\' => {
                let escaped = chars.get(*at + 1)?;
                *at += 2;
                out.push_str(&regex::escape(&escaped.to_string()));
            }
            other => {
                *at += 1;
                out.push_str(&regex::escape(&other.to_string()));
            }
        }
    }
    (!in_braces).then_some(out)
}

/// `[abc]`, `[a-z]`, `[!abc]` from `chars[*at] == '['`.
fn class(chars: &[char], at: &mut usize) -> Option<String> {
    *at += 1;
    let mut out = String::from("[");
    if chars.get(*at) == Some(&'!') {
        out.push('^');
        *at += 1;
    }
    let mut empty = true;
    loop {
        let c = *chars.get(*at)?;
        *at += 1;
        match c {
            ']' if !empty => break,
            '-' if !empty && chars.get(*at) != Some(&']') => out.push('-'),
            '\\' => {
                let escaped = *chars.get(*at)?;
                *at += 1;
                out.push_str(&regex::escape(&escaped.to_string()));
            }
            other => out.push_str(&escape_in_class(other)),
        }
        empty = false;
    }
    out.push(']');
    Some(out)
}

fn escape_in_class(c: char) -> String {
    if "[]\\^-&~".contains(c) {
        format!("\\{c}")
    } else {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, value: &str) -> bool {
        Glob::new(pattern, Some('/')).is_match(value)
    }

    #[test]
    fn a_star_stays_within_a_segment_and_two_cross_them() {
        assert!(matches(
            "https://github.com/argoproj/*",
            "https://github.com/argoproj/argo-cd"
        ));
        assert!(!matches(
            "https://github.com/argoproj/*",
            "https://github.com/argoproj/a/b"
        ));
        assert!(matches(
            "https://github.com/**",
            "https://github.com/argoproj/a/b"
        ));
        assert!(Glob::new("*", None).is_match("a/b"));
    }

    #[test]
    fn classes_alternatives_and_escapes() {
        assert!(matches("team-[a-c]", "team-b"));
        assert!(!matches("team-[!a-c]", "team-b"));
        assert!(matches("{prd,int}-*", "int-phippy"));
        assert!(!matches("{prd,int}-*", "dev-phippy"));
        assert!(matches(r"a\*b", "a*b"));
        assert!(!matches(r"a\*b", "axb"));
        assert!(matches("a.b", "a.b") && !matches("a.b", "axb"));
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing() {
        for pattern in ["[abc", "{a,b", "a\\", "[]"] {
            assert!(!Glob::new(pattern, None).is_valid(), "{pattern}");
            assert!(!Pattern::new(pattern, None).matches(pattern), "{pattern}");
        }
    }

    #[test]
    fn negation_and_the_lone_star() {
        assert!(Pattern::new("!kube-system", None).matches("phippy"));
        assert!(!Pattern::new("!kube-system", None).matches("kube-system"));
        assert!(Pattern::new("*", Some('/')).matches("anything/at/all"));
    }
}
