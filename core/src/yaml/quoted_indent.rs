//! Quoted scalars whose continuation lines are less indented than their block, as Kubernetes'
//! parser reads them: go-yaml (libyaml's rules) accepts
//!
//! ```yaml
//! data:
//!   script: "line one
//! line two"
//! ```
//!
//! where YAML 1.2, saphyr and Backstage's parser do not. For manifests ([`ParseOptions`]'s
//! `lenient_quoted_indent`) a chunk saphyr rejects so is parsed again with the continuation
//! lines indented to the quote's column: a quoted scalar folds a line's leading white space
//! away, so the values are go-yaml's, and the spans map back to the text.

use std::ops::Range;

use super::builder::Builder;
use super::offsets::{Inserted, Offsets};
use super::{Document, ParseOptions, tabs};

/// saphyr's complaint about such a continuation line.
const UNDER_INDENTED: &str = "invalid indentation in quoted scalar";

/// How many scalars of one chunk are indented at most.
const MAX_SCALARS: usize = 1000;

/// Parse one chunk as [`tabs::parse_chunk`] does; for manifests, accept under-indented
/// continuation lines of quoted scalars.
pub fn parse_chunk(
    text: &str,
    range: Range<usize>,
    first_index: usize,
    options: &ParseOptions,
    sink: &mut dyn FnMut(Document),
) {
    if !options.lenient_quoted_indent {
        return tabs::parse_chunk(text, range, first_index, options, sink);
    }
    let mut documents = Vec::new();
    tabs::parse_chunk(text, range.clone(), first_index, options, &mut |document| {
        documents.push(document);
    });
    let Some(mut quote) = under_indented(&documents) else {
        documents.into_iter().for_each(sink);
        return;
    };
    let chunk = &text[range.clone()];
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for _ in 0..MAX_SCALARS {
        let local = quote - range.start;
        let more = continuation_lines(chunk, local);
        if more.is_empty() {
            break;
        }
        lines.extend(more);
        lines.sort_unstable();
        lines.dedup_by_key(|line| line.0);
        let (parsed, inserted) = indented(chunk, &lines);
        let mut retried = Vec::new();
        let offsets = Offsets::with_inserted(&parsed, range.start, &inserted);
        let mut push = |document| retried.push(document);
        let mut builder =
            Builder::with_offsets(&parsed, offsets, first_index, options, 0, &[], &mut push);
        builder.run_parsed(text, chunk, &parsed, range.start, false);
        match under_indented(&retried) {
            Some(next) if next != quote => quote = next,
            Some(_) => break,
            None => {
                retried.into_iter().for_each(sink);
                return;
            }
        }
    }
    documents.into_iter().for_each(sink);
}

/// Where the first quoted scalar saphyr rejects for its indentation starts.
fn under_indented(documents: &[Document]) -> Option<usize> {
    documents
        .iter()
        .flat_map(|document| &document.errors)
        .find(|error| error.message == UNDER_INDENTED)
        .map(|error| error.span.start)
}

/// The continuation lines of the quoted scalar whose quote is at `quote` that are indented
/// less than the quote's column: `(line start, spaces to insert)`.
fn continuation_lines(chunk: &str, quote: usize) -> Vec<(usize, usize)> {
    let bytes = chunk.as_bytes();
    let Some(&mark) = bytes.get(quote).filter(|&&b| b == b'"' || b == b'\'') else {
        return Vec::new();
    };
    let line_start = chunk[..quote].rfind('\n').map_or(0, |at| at + 1);
    let column = chunk[line_start..quote].chars().count();
    let mut lines = Vec::new();
    let mut at = quote + 1;
    while at < bytes.len() {
        match bytes[at] {
            // An escape, but not an escaped line break (the next line is a continuation line).
            b'\\' if mark == b'"' && bytes.get(at + 1) != Some(&b'\n') => at += 1,
            b'\'' if mark == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 1,
            b if b == mark => return lines,
            b'\n' => {
                let start = at + 1;
                let indent = bytes[start..]
                    .iter()
                    .take_while(|&&b| b == b' ' || b == b'\t')
                    .count();
                if indent < column && bytes.get(start + indent) != Some(&b'\n') {
                    lines.push((start, column - indent));
                }
            }
            _ => {}
        }
        at += 1;
    }
    // No closing quote: nothing to accept.
    Vec::new()
}

/// The chunk with `spaces` inserted at each line start, and where they are.
fn indented(chunk: &str, lines: &[(usize, usize)]) -> (String, Vec<Inserted>) {
    let mut parsed = String::with_capacity(chunk.len() + lines.iter().map(|l| l.1).sum::<usize>());
    let mut inserted = Vec::with_capacity(lines.len());
    let mut from = 0;
    let mut before = 0;
    for &(start, spaces) in lines {
        parsed.push_str(&chunk[from..start]);
        inserted.push(Inserted {
            at: start + before,
            len: spaces,
            before,
        });
        parsed.extend(std::iter::repeat_n(' ', spaces));
        before += spaces;
        from = start;
    }
    parsed.push_str(&chunk[from..]);
    (parsed, inserted)
}

#[cfg(test)]
mod tests {
    use crate::yaml::{ParseOptions, Value, parse};

    fn manifests() -> ParseOptions {
        ParseOptions {
            lenient_quoted_indent: true,
            ..ParseOptions::default()
        }
    }

    const TEXT: &str = "kind: ConfigMap\ndata:\n  script: \"line one\nline two\"\n  escaped: \"a\\\nb\"\n  other: 'it''s\n\nthree'\n  after: x\n";

    #[test]
    fn manifests_read_under_indented_continuation_lines_as_go_yaml() {
        let documents = parse(TEXT, &manifests());
        assert_eq!(documents.len(), 1);
        assert!(documents[0].errors.is_empty(), "{:?}", documents[0].errors);
        let root = documents[0].root.as_ref().unwrap();
        let data = root.get("data").unwrap();
        let script = data.get("script").unwrap();
        assert_eq!(script.value, Value::String("line one line two".into()));
        assert_eq!(&TEXT[script.span.clone()], "\"line one\nline two\"");
        let other = data.get("other").unwrap();
        assert_eq!(other.value, Value::String("it's\nthree".into()));
        assert_eq!(&TEXT[other.span.clone()], "'it''s\n\nthree'");
        let escaped = data.get("escaped").unwrap();
        assert_eq!(escaped.value, Value::String("ab".into()));
        let after = data.get("after").unwrap();
        assert_eq!(&TEXT[after.span.clone()], "x");
    }

    #[test]
    fn spans_map_back_past_non_ascii_text() {
        let text = "é: 1\nd:\n  s: \"ça\nva, ß\n\tbien\"\n  t: ü\n";
        let documents = parse(text, &manifests());
        assert!(documents[0].errors.is_empty(), "{:?}", documents[0].errors);
        let d = documents[0].root.as_ref().unwrap().get("d").unwrap();
        let s = d.get("s").unwrap();
        assert_eq!(s.value, Value::String("ça va, ß bien".into()));
        assert_eq!(&text[s.span.clone()], "\"ça\nva, ß\n\tbien\"");
        assert_eq!(&text[d.get("t").unwrap().span.clone()], "ü");
    }

    #[test]
    fn catalog_files_keep_the_syntax_error() {
        let documents = parse(TEXT, &ParseOptions::default());
        assert_eq!(documents[0].errors.len(), 1);
        assert_eq!(documents[0].errors[0].message, super::UNDER_INDENTED);
    }

    #[test]
    fn an_unclosed_quote_stays_an_error() {
        let text = "data:\n  script: \"line one\nline two\n";
        let documents = parse(text, &manifests());
        assert_eq!(documents[0].errors.len(), 1);
    }
}
