//! YAML 1.2 parsing into span-carrying trees, document by document.
//!
//! Parsing follows Backstage's parser (the `yaml` npm package with the core schema): all
//! documents of a file, duplicate keys are errors, merge keys (`<<`) are plain keys unless
//! enabled, aliases are expanded within a budget, and nesting has a depth limit.

mod builder;
mod node;
mod scalar;
mod split;
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
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            merge_keys: false,
            max_depth: 200,
            threads: 1,
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
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let chunks = split::chunks(text, start);
    let mut documents = parse_chunks(text, &chunks, options);
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

/// Below this size a file is parsed on one thread.
const PARALLEL_BYTES: usize = 256 * 1024;

/// Parse the chunks in order, on up to `options.threads` threads for large files.
fn parse_chunks(text: &str, chunks: &[Range<usize>], options: &ParseOptions) -> Vec<Document> {
    let sequential = |chunks: &[Range<usize>]| {
        let mut documents = Vec::new();
        for chunk in chunks {
            let first_index = documents.len();
            builder::parse_chunk(text, chunk.clone(), first_index, options, &mut documents);
        }
        documents
    };
    let threads = options.threads.min(chunks.len());
    if cfg!(target_family = "wasm") || threads < 2 || text.len() < PARALLEL_BYTES {
        return sequential(chunks);
    }
    let per_thread = chunks.len().div_ceil(threads);
    let parts: Vec<Vec<Document>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .chunks(per_thread)
            .map(|group| scope.spawn(move || sequential(group)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut documents = Vec::new();
    for part in parts {
        let offset = documents.len();
        documents.extend(part.into_iter().map(|mut document| {
            document.index += offset;
            document
        }));
    }
    documents
}

/// Backstage's reader throws on alias errors while converting a document, and reads no
/// further documents of that file.
fn mark_unread_after_alias_errors(documents: &mut [Document]) {
    let aborting = documents.iter().position(|document| {
        document.errors.iter().any(|error| {
            matches!(
                error.kind,
                YamlErrorKind::AliasLimit | YamlErrorKind::UndefinedAlias
            )
        })
    });
    let Some(aborting) = aborting else { return };
    let after = documents[aborting].index;
    for document in &mut documents[aborting + 1..] {
        let at = document
            .root
            .as_ref()
            .map_or(document.span.start, |root| root.span.start);
        document.errors.push(YamlError {
            kind: YamlErrorKind::Unread { after },
            span: at..at,
            message: format!("Backstage reads no further after the alias error in document {after}, so this document is never ingested"),
        });
    }
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
                                if !merged
                                    .iter()
                                    .any(|e| e.key.js_key() == inherited.key.js_key())
                                {
                                    merged.push(inherited);
                                }
                            }
                        }
                    }
                }
                merged.retain(|inherited| {
                    !own.iter().any(|e| e.key.js_key() == inherited.key.js_key())
                });
                own.extend(merged);
                *entries = own;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
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
    fn bom_and_crlf() {
        let text = "\u{feff}a: 1\r\nb: x\r\n";
        let documents = parse_default(text);
        let b = documents[0].root.as_ref().unwrap().get("b").unwrap();
        assert_eq!(&text[b.span.clone()], "x");
    }
}
