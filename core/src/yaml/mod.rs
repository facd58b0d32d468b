//! YAML 1.2 parsing into span-carrying trees, document by document.
//!
//! Parsing follows Backstage's parser (the `yaml` npm package with the core schema): all
//! documents of a file, duplicate keys are errors, merge keys (`<<`) are plain keys unless
//! enabled, aliases are expanded within a budget, and nesting has a depth limit.

mod builder;
mod keys;
mod node;
mod offsets;
mod quoted_indent;
mod scalar;
mod split;
mod tabs;
mod yaml11;

use std::ops::Range;

pub use node::{
    Entry, Node, PLACEHOLDER_RESOLVERS, Placeholder, Trail, Value, escape_pointer_token,
    js_number_to_string,
};

/// How to parse.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Expand merge keys (`<<: *base`), as Backstage's `enableYamlMerge`.
    pub merge_keys: bool,
    /// The deepest nesting of collections accepted.
    pub max_depth: usize,
    /// Threads to parse a large file with (ignored on WebAssembly).
    pub threads: usize,
    /// Accept continuation lines of quoted scalars indented less than their block, as
    /// Kubernetes' parser (go-yaml) does: for manifests, not catalog files.
    pub lenient_quoted_indent: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            merge_keys: false,
            max_depth: 200,
            threads: 1,
            lenient_quoted_indent: false,
        }
    }
}

/// One YAML document of a file.
#[derive(Debug, Clone)]
pub struct Document {
    /// 0-based position in the file's stream of documents.
    pub index: usize,
    /// The byte range the document covers.
    pub span: Range<usize>,
    /// The root node; `None` for an empty document or when parsing failed.
    pub root: Option<Node>,
    /// Errors that make the document unreadable for Backstage.
    pub errors: Vec<YamlError>,
}

/// A reason a document cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlErrorKind {
    Syntax,
    DuplicateKey {
        first: Range<usize>,
    },
    TooDeep,
    AliasLimit,
    UndefinedAlias,
    /// A reader stops at an alias error in an earlier document; this one is never read.
    Unread {
        after: usize,
    },
}

/// Parse every document of a text.
pub fn parse(text: &str, options: &ParseOptions) -> Vec<Document> {
    let mut documents = parse_map(
        text,
        options,
        |document| document,
        |document, offset| {
            document.index += offset;
        },
    );
    mark_unread_after_alias_errors(&mut documents);
    if options.merge_keys {
        for document in &mut documents {
            if let Some(root) = document.root.as_mut() {
                merge::expand(root);
            }
        }
    }
    documents
}

/// Parse every document of a text and hand each to `map` as soon as it is read, keeping only
/// what `map` returns: memory holds one document per thread at a time.
///
/// Large files are parsed on up to `options.threads` threads, each taking a run of documents;
/// `map` sees document indices counted from the start of its run, and `shift` then adds the
/// number of documents before the run to a result. Documents are not yet marked unread after
/// an alias error ([`is_alias_abort`], [`unread_error`]) and merge keys are not expanded.
pub fn parse_map<T: Send>(
    text: &str,
    options: &ParseOptions,
    map: impl Fn(Document) -> T + Sync,
    shift: impl Fn(&mut T, usize),
) -> Vec<T> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let chunks = split::chunks(text, start);
    let sequential = |chunks: &[Range<usize>]| {
        let mut results = Vec::new();
        for chunk in chunks {
            let first_index = results.len();
            quoted_indent::parse_chunk(
                text,
                chunk.clone(),
                first_index,
                options,
                &mut |document| {
                    results.push(map(document));
                },
            );
        }
        results
    };
    let threads = options.threads.min(chunks.len());
    if cfg!(target_family = "wasm") || threads < 2 || text.len() < PARALLEL_BYTES {
        return sequential(&chunks);
    }
    let parts = crate::parallel::map_runs(chunks, threads, |run| sequential(&run));
    let mut results = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        let offset = results.len();
        results.extend(part.into_iter().map(|mut result| {
            shift(&mut result, offset);
            result
        }));
    }
    results
}

/// The byte ranges the documents of a text are parsed in, found by their `---` lines (each
/// holds one document, or rarely several separated by `...`): what [`parse`] splits a file
/// into before parsing the parts, on several threads when the file is large.
pub fn document_chunks(text: &str) -> Vec<Range<usize>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    split::chunks(text, start)
}

/// Below this size a file is parsed on one thread.
const PARALLEL_BYTES: usize = 256 * 1024;

/// Whether Backstage's reader stops at this document: it throws on alias errors while
/// converting a document, and reads no further documents of that file.
pub fn is_alias_abort(document: &Document) -> bool {
    document.errors.iter().any(|error| {
        matches!(
            error.kind,
            YamlErrorKind::AliasLimit | YamlErrorKind::UndefinedAlias
        )
    })
}

/// The error of a document that follows an alias error in document `after`.
pub fn unread_error(document: &Document, after: usize) -> YamlError {
    let at = document
        .root
        .as_ref()
        .map_or(document.span.start, |root| root.span.start);
    YamlError {
        kind: YamlErrorKind::Unread { after },
        span: at..at,
        message: format!(
            "Backstage reads no further after the alias error in document {after}, so this document is never ingested"
        ),
    }
}

/// Mark the documents after an alias error unread.
fn mark_unread_after_alias_errors(documents: &mut [Document]) {
    let Some(aborting) = documents.iter().position(is_alias_abort) else {
        return;
    };
    let after = documents[aborting].index;
    for document in &mut documents[aborting + 1..] {
        let error = unread_error(document, after);
        document.errors.push(error);
    }
}

/// Expand merge keys (`<<`) in a tree, as [`parse`] does when `options.merge_keys` is set.
pub fn expand_merge_keys(root: &mut Node) {
    merge::expand(root);
}

mod merge {
    //! Merge keys (`<<`), applied after parsing when enabled.

    use super::node::{Entry, Node, Value};

    /// Replace `<<` entries by the entries of the mapping(s) they name; explicit keys win.
    pub fn expand(node: &mut Node) {
        match &mut node.value {
            Value::Sequence(items) => items.iter_mut().for_each(expand),
            Value::Mapping(entries) => {
                for entry in entries.iter_mut() {
                    expand(&mut entry.value);
                }
                if !entries.iter().any(|entry| entry.key.as_str() == Some("<<")) {
                    return;
                }
                let mut merged: Vec<Entry> = Vec::new();
                let mut merged_keys = std::collections::HashSet::new();
                let mut own: Vec<Entry> = Vec::new();
                for entry in entries.drain(..) {
                    if entry.key.as_str() != Some("<<") {
                        own.push(entry);
                        continue;
                    }
                    let sources = match entry.value.value {
                        Value::Sequence(items) => items,
                        _ => vec![entry.value],
                    };
                    for source in sources {
                        if let Value::Mapping(inherited) = source.value {
                            for inherited in inherited {
                                if merged_keys.insert(inherited.key.js_key()) {
                                    merged.push(inherited);
                                }
                            }
                        }
                    }
                }
                let own_keys: std::collections::HashSet<String> =
                    own.iter().map(|entry| entry.key.js_key()).collect();
                merged.retain(|inherited| !own_keys.contains(&inherited.key.js_key()));
                own.extend(merged);
                *entries = own;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn parse_default(text: &str) -> Vec<Document> {
        parse(text, &ParseOptions::default())
    }

    #[test]
    fn spans_are_byte_ranges() {
        let text = "name: \"é\"\nother: x\n";
        let documents = parse_default(text);
        let root = documents[0].root.as_ref().unwrap();
        let name = root.get("name").unwrap();
        assert_eq!(&text[name.span.clone()], "\"é\"");
        let other = root.get("other").unwrap();
        assert_eq!(&text[other.span.clone()], "x");
    }

    #[test]
    fn syntax_error_leaves_other_documents_readable() {
        let text = "a: 1\n---\nb: [1\n---\nc: 3\n";
        let documents = parse_default(text);
        assert_eq!(documents.len(), 3);
        assert!(documents[0].errors.is_empty());
        assert_eq!(documents[1].errors[0].kind, YamlErrorKind::Syntax);
        assert_eq!(documents[2].index, 2);
        assert!(documents[2].root.as_ref().unwrap().get("c").is_some());
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let documents = parse_default("a: 1\nb: 2\na: 3\n");
        assert!(matches!(
            documents[0].errors[0].kind,
            YamlErrorKind::DuplicateKey { first: _ }
        ));
        let documents = parse_default("1: a\n\"1\": b\n");
        assert!(documents[0].errors.is_empty());
    }

    #[test]
    fn duplicate_keys_in_large_mappings() {
        let mut text = String::new();
        for i in 0..100 {
            let _ = writeln!(text, "k{i}: {i}");
        }
        text.push_str("1: a\n1.0: b\n\"1\": c\nk42: again\n");
        let documents = parse_default(&text);
        let errors: Vec<&str> = documents[0]
            .errors
            .iter()
            .map(|error| &text[error.span.clone()])
            .collect();
        assert_eq!(errors, ["1.0", "k42"]);
        let YamlErrorKind::DuplicateKey { first } = &documents[0].errors[1].kind else {
            panic!("{:?}", documents[0].errors);
        };
        assert_eq!(&text[first.clone()], "k42");
    }

    #[test]
    fn aliases_expand_within_budget() {
        let documents = parse_default("a: &x [1, 2]\nb: *x\n");
        let root = documents[0].root.as_ref().unwrap();
        assert_eq!(root.get("b").unwrap().as_sequence().unwrap().len(), 2);
        let bomb = "a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        let documents = parse_default(bomb);
        assert_eq!(documents[0].errors[0].kind, YamlErrorKind::AliasLimit);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        let documents = parse_default(&text);
        assert_eq!(documents[0].errors[0].kind, YamlErrorKind::TooDeep);
    }

    #[test]
    fn merge_keys_are_plain_keys_unless_enabled() {
        let text = "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n";
        let plain = parse_default(text);
        assert!(
            plain[0]
                .root
                .as_ref()
                .unwrap()
                .get("m")
                .unwrap()
                .get("<<")
                .is_some()
        );
        let merged = parse(
            text,
            &ParseOptions {
                merge_keys: true,
                ..ParseOptions::default()
            },
        );
        let m = merged[0].root.as_ref().unwrap().get("m").unwrap();
        assert!(m.get("<<").is_none());
        assert!(m.get("x").is_some());
    }

    #[test]
    fn empty_documents_have_no_root() {
        let documents = parse_default("---\n---\na: 1\n");
        assert_eq!(documents.len(), 2);
        assert!(documents[0].root.as_ref().is_none_or(Node::is_null));
    }

    #[test]
    fn tabs_after_colons_separate_but_stay_content_in_scalars() {
        let text = "a:\tb\nq: \"x:\ty\"\nblock: |\n  k:\tv\nc:\td\ns: 'p:\tq'\n";
        let documents = parse_default(text);
        let root = documents[0].root.as_ref().unwrap();
        assert!(documents[0].errors.is_empty(), "{:?}", documents[0].errors);
        assert_eq!(root.get("a").and_then(Node::as_str), Some("b"));
        assert_eq!(root.get("q").and_then(Node::as_str), Some("x:\ty"));
        assert_eq!(root.get("block").and_then(Node::as_str), Some("k:\tv\n"));
        assert_eq!(root.get("c").and_then(Node::as_str), Some("d"));
        assert_eq!(root.get("s").and_then(Node::as_str), Some("p:\tq"));
        let spans: Vec<&str> = ["a", "c"]
            .iter()
            .map(|key| &text[root.get(key).unwrap().span.clone()])
            .collect();
        assert_eq!(spans, ["b", "d"]);
    }

    #[test]
    fn many_tabs_after_colons_parse_in_few_passes() {
        let mut text = String::new();
        for i in 0..20_000 {
            let _ = writeln!(text, "k{i}:\tv{i}");
        }
        let documents = parse_default(&text);
        assert!(documents[0].errors.is_empty());
        let root = documents[0].root.as_ref().unwrap();
        assert_eq!(root.as_mapping().unwrap().len(), 20_000);
        let broken = format!("{text}x: [\n");
        let documents = parse_default(&broken);
        assert_eq!(documents[0].errors[0].kind, YamlErrorKind::Syntax);
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}a: 1\r\nb: x\r\n";
        let documents = parse_default(text);
        let b = documents[0].root.as_ref().unwrap().get("b").unwrap();
        assert_eq!(&text[b.span.clone()], "x");
    }
}
