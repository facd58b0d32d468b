//! Suppressions: the policy's `perFileIgnores` and the comments `# kataster: ignore[CODE]`
//! (this line, or the next when the comment stands alone on its line) and
//! `# kataster: ignore-file[CODE]` (the whole file), matched against the source text.
//! Suppression comments that suppress nothing are reported as `KAT001`.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::files::PerFileIgnores;
use crate::rules::suppressions::unused_suppression;
use crate::rules::{self, Family, Selection};

use super::ParsedFile;

/// A file's suppression comments, each with which of its codes suppressed a finding.
type FileDirectives = (Vec<Directive>, Vec<Vec<bool>>);

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Directive {
    /// The text from `kataster:` to the end of the codes, for findings about the comment.
    pub span: Range<usize>,
    /// 0-based line of the comment.
    pub line: usize,
    /// Nothing but the comment on its line: it also covers the next line.
    pub own_line: bool,
    /// `ignore-file`: the whole file.
    pub file_wide: bool,
    /// The codes (upper case) with their spans.
    pub codes: Vec<(String, Range<usize>)>,
}

/// The suppression comments of a text: a `#` at the start of a line or after a blank, then
/// `kataster: ignore[...]` or `kataster: ignore-file[...]` (blanks allowed around the parts).
pub(crate) fn directives(text: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    // Every directive has `kataster:` (an annotation's `kataster.io/...` has not): most files
    // are passed over in one search.
    if !text.contains("kataster:") {
        return found;
    }
    let mut start = 0;
    for (line, content) in text.split('\n').enumerate() {
        let line_start = start;
        start += content.len() + 1;
        if !content.contains("kataster:") {
            continue;
        }
        for (at, _) in content.match_indices('#') {
            if at > 0 && !content[..at].ends_with([' ', '\t']) {
                continue;
            }
            let own_line = content[..at].trim().is_empty();
            if let Some(directive) = parse(content, at + 1, line_start, line, own_line) {
                found.push(directive);
                break;
            }
        }
    }
    found
}

/// `kataster: ignore[...]` from `from` (just after the `#`).
fn parse(
    content: &str,
    from: usize,
    line_start: usize,
    line: usize,
    own_line: bool,
) -> Option<Directive> {
    let rest = &content[from..];
    let skipped = rest.len() - rest.trim_start().len();
    let begin = from + skipped;
    let rest = content[begin..].strip_prefix("kataster:")?;
    let rest = rest.trim_start();
    let (file_wide, rest) = if let Some(rest) = rest.strip_prefix("ignore-file") {
        (true, rest)
    } else {
        (false, rest.strip_prefix("ignore")?)
    };
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let after_word = content.len() - rest.len();
    let trimmed = rest.trim_start();
    let mut codes = Vec::new();
    let mut end = after_word;
    if let Some(inner) = trimmed.strip_prefix('[') {
        let open = content.len() - inner.len();
        let close = inner.find(']').map_or(content.len(), |at| open + at);
        let mut offset = open;
        for piece in content[open..close].split(',') {
            let code = piece.trim();
            if !code.is_empty() {
                let lead = piece.len() - piece.trim_start().len();
                let code_start = line_start + offset + lead;
                codes.push((code.to_uppercase(), code_start..code_start + code.len()));
            }
            offset += piece.len() + 1;
        }
        end = (close + 1).min(content.len());
    }
    Some(Directive {
        span: line_start + begin..line_start + end,
        line,
        own_line,
        file_wide,
        codes,
    })
}

/// The byte offsets of a text's `\n`s, for [`line_of`].
fn newlines(text: &str) -> Vec<usize> {
    text.match_indices('\n').map(|(at, _)| at).collect()
}

/// 0-based line of a byte offset (lines end at `\n`, as [`directives`] splits them).
fn line_of(newlines: &[usize], offset: usize) -> usize {
    newlines.partition_point(|&at| at < offset)
}

/// Whether findings of a rule may be suppressed: not the failures to read or parse a file
/// (always reported, as the selection has them), not `KAT001` by a comment.
fn suppressible(code: &str) -> bool {
    rules::rule(code).is_some_and(|rule| !matches!(rule.family, Family::Io | Family::Parse))
}

/// Remove what `perFileIgnores` and the comments suppress; add `KAT001` for comments that
/// suppressed nothing. Returns how many findings were suppressed.
pub(crate) fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    files: &[ParsedFile],
    per_file: &PerFileIgnores,
    selection: &Selection,
) -> usize {
    let before = diagnostics.len();
    if !per_file.is_empty() {
        diagnostics.retain(|d| {
            !suppressible(d.code) || !per_file.ignores(&files[d.file].source.path, d.code)
        });
    }
    let mut by_file: Vec<Option<FileDirectives>> = vec![None; files.len()];
    let mut newlines_by_file: Vec<Option<Vec<usize>>> = vec![None; files.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut suppressed = before - diagnostics.len();
    for diagnostic in diagnostics.drain(..) {
        if !suppressible(diagnostic.code) || diagnostic.code == unused_suppression::RULE.code {
            kept.push(diagnostic);
            continue;
        }
        let text = files[diagnostic.file].source.text.as_str();
        let (directives, used) = by_file[diagnostic.file].get_or_insert_with(|| {
            let directives = directives(text);
            let used = directives
                .iter()
                .map(|d| vec![false; d.codes.len()])
                .collect();
            (directives, used)
        });
        if directives.is_empty() {
            kept.push(diagnostic);
            continue;
        }
        let newlines = newlines_by_file[diagnostic.file].get_or_insert_with(|| newlines(text));
        let line = line_of(newlines, diagnostic.span.start);
        let mut hit = false;
        for (directive, used) in directives.iter().zip(used.iter_mut()) {
            let covers = directive.file_wide
                || directive.line == line
                || (directive.own_line && directive.line + 1 == line);
            if !covers {
                continue;
            }
            for ((code, _), used) in directive.codes.iter().zip(used.iter_mut()) {
                if diagnostic.code.starts_with(code.as_str()) {
                    *used = true;
                    hit = true;
                }
            }
        }
        if hit {
            suppressed += 1;
        } else {
            kept.push(diagnostic);
        }
    }
    *diagnostics = kept;
    if selection.severity_of(&unused_suppression::RULE).is_some() {
        report_unused(diagnostics, files, &mut by_file, per_file, selection);
    }
    suppressed
}

/// `KAT001` for every comment (or code in it) that suppressed nothing, in files whose rules
/// all ran (no file that could not be read or parsed).
fn report_unused(
    diagnostics: &mut Vec<Diagnostic>,
    files: &[ParsedFile],
    by_file: &mut [Option<FileDirectives>],
    per_file: &PerFileIgnores,
    selection: &Selection,
) {
    let Some(severity) = selection.severity_of(&unused_suppression::RULE) else {
        return;
    };
    let unchecked: Vec<bool> = {
        let mut unchecked = vec![false; files.len()];
        for diagnostic in diagnostics.iter() {
            if rules::rule(diagnostic.code)
                .is_some_and(|rule| matches!(rule.family, Family::Io | Family::Parse))
            {
                unchecked[diagnostic.file] = true;
            }
        }
        unchecked
    };
    let rule = &unused_suppression::RULE;
    for (index, file) in files.iter().enumerate() {
        if unchecked[index] || per_file.ignores(&file.source.path, rule.code) {
            continue;
        }
        let text = file.source.text.as_str();
        let (directives, used) = by_file[index].get_or_insert_with(|| {
            let directives = directives(text);
            let used = directives
                .iter()
                .map(|d| vec![false; d.codes.len()])
                .collect();
            (directives, used)
        });
        let document_of = |offset: usize| {
            file.documents
                .iter()
                .find(|document| document.span.contains(&offset) || document.span.end == offset)
                .map(|document| document.index)
        };
        for (directive, used) in directives.iter().zip(used.iter()) {
            let form = if directive.file_wide {
                "ignore-file"
            } else {
                "ignore"
            };
            if directive.codes.is_empty() {
                diagnostics.push(Diagnostic {
                    code: rule.code,
                    name: rule.name,
                    severity,
                    message: format!("the suppression `kataster: {form}` names no code"),
                    file: index,
                    document: document_of(directive.span.start),
                    span: directive.span.clone(),
                    pointer: String::new(),
                    help: Some(format!(
                        "name the codes it suppresses, e.g. `# kataster: {form}[NS005]`"
                    )),
                    fix: None,
                });
                continue;
            }
            for ((code, span), used) in directive.codes.iter().zip(used) {
                if *used {
                    continue;
                }
                let rules: Vec<_> = rules::RULES
                    .iter()
                    .filter(|rule| rule.code.starts_with(code.as_str()))
                    .collect();
                let mut fix = None;
                let message = if rules.is_empty() {
                    format!("\"{code}\" in `kataster: {form}[...]` is not a rule code")
                } else if rules
                    .iter()
                    .any(|rule| suppressible(rule.code) && selection.severity_of(rule).is_some())
                {
                    let at = directive.codes.iter().position(|(_, at)| at == span);
                    fix = at.and_then(|at| removal(&file.source.text, directive, at));
                    format!("unused suppression of \"{code}\": no such finding here")
                } else {
                    // None of its rules ran: whether it is needed cannot be told.
                    continue;
                };
                diagnostics.push(Diagnostic {
                    code: rule.code,
                    name: rule.name,
                    severity,
                    message,
                    file: index,
                    document: document_of(span.start),
                    span: span.clone(),
                    pointer: String::new(),
                    help: Some(if rules.is_empty() {
                        "see `kataster rules` for the codes".to_owned()
                    } else {
                        format!("remove \"{code}\" from the comment")
                    }),
                    fix,
                });
            }
        }
    }
}

/// The fix for the unused code `at` of a directive: the code and its comma; the whole comment
/// when it is the only code (the whole line when the comment stands alone). A comment that
/// says more after its codes gets no fix: the explanation would go too.
fn removal(text: &str, directive: &Directive, at: usize) -> Option<Fix> {
    let codes = &directive.codes;
    let span = &codes[at].1;
    let range = if codes.len() > 1 {
        if at + 1 < codes.len() {
            span.start..codes[at + 1].1.start
        } else {
            codes[at - 1].1.end..span.end
        }
    } else {
        let (start, end) = (directive.span.start, directive.span.end);
        let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |at| end + at);
        let after = &text[end..line_end];
        if !after.trim().is_empty() {
            return None;
        }
        if directive.own_line {
            line_start..(line_end + 1).min(text.len())
        } else {
            let hash = line_start + text[line_start..start].rfind('#')?;
            let before = line_start + text[line_start..hash].trim_end_matches([' ', '\t']).len();
            before..end + (after.len() - after.trim_start_matches([' ', '\t']).len())
        }
    };
    let edit = Edit::replacement(range, "");
    Some(Fix::safe("remove the unused suppression", vec![edit]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unused_code_is_removed_with_its_comma_or_its_comment() {
        let fixed = |text: &str, at: usize| {
            let directive = &directives(text)[0];
            removal(text, directive, at)
                .map(|fix| crate::diagnostic::fix::apply(text, &[&fix]).text)
        };
        assert_eq!(
            fixed("a: 1  # kataster: ignore[NS002]\r\nb: 2\r\n", 0).unwrap(),
            "a: 1\r\nb: 2\r\n"
        );
        assert_eq!(
            fixed("x: 0\n  # kataster: ignore[NS002]\nb: 2\n", 0).unwrap(),
            "x: 0\nb: 2\n"
        );
        let two = "a: 1 # kataster: ignore[NS002, CAT1]\n";
        assert_eq!(fixed(two, 0).unwrap(), "a: 1 # kataster: ignore[CAT1]\n");
        assert_eq!(fixed(two, 1).unwrap(), "a: 1 # kataster: ignore[NS002]\n");
        assert_eq!(
            fixed("a: 1 # kataster: ignore[NS002] the app is shared\n", 0),
            None
        );
    }

    #[test]
    fn comments_are_found() {
        let text = "a: 1 # kataster: ignore[NS002, cat1]\n  # kataster: ignore-file[KAT]\nb: \"#kataster: ignore[X]\"\nc: d#kataster: ignore[Y]\n# kataster: ignored[Z]\n#kataster:ignore\n";
        let found = directives(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].line, 0);
        assert!(!found[0].own_line && !found[0].file_wide);
        let codes: Vec<&str> = found[0].codes.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["NS002", "CAT1"]);
        assert_eq!(&text[found[0].codes[1].1.clone()], "cat1");
        assert_eq!(
            &text[found[0].span.clone()],
            "kataster: ignore[NS002, cat1]"
        );
        assert!(found[1].own_line && found[1].file_wide);
        assert_eq!(found[1].line, 1);
        assert!(found[2].codes.is_empty());
        assert_eq!(&text[found[2].span.clone()], "kataster:ignore");
    }

    #[test]
    fn lines_are_counted() {
        assert_eq!(line_of(&newlines("a\nb\nc"), 4), 2);
        assert_eq!(line_of(&newlines("a\n"), 99), 1);
    }
}
