//! Builds [`Node`] trees from saphyr-parser events, one chunk of the file at a time.

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::node::{Entry, Node, Value};
use super::scalar::Schema;
use super::{Document, ParseOptions, YamlError, YamlErrorKind, scalar};

/// Converts the parser's char indices into byte offsets of the whole text.
struct Offsets<'a> {
    chunk: &'a str,
    base: usize,
    ascii: bool,
    char_index: usize,
    byte_index: usize,
}

impl<'a> Offsets<'a> {
    fn new(chunk: &'a str, base: usize) -> Self {
        Self {
            chunk,
            base,
            ascii: chunk.is_ascii(),
            char_index: 0,
            byte_index: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return self.base + char_index.min(self.chunk.len());
        }
        if char_index < self.char_index {
            self.char_index = 0;
            self.byte_index = 0;
        }
        let mut chars = self.chunk[self.byte_index..].chars();
        while self.char_index < char_index {
            let Some(c) = chars.next() else { break };
            self.byte_index += c.len_utf8();
            self.char_index += 1;
        }
        self.base + self.byte_index
    }

    fn range(&mut self, span: Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }
}

enum Frame {
    Sequence {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
        weight: u64,
    },
    Mapping {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<Node>,
        weight: u64,
    },
}

/// What the `yaml` package tracks per anchor to stop alias bombs (`maxAliasCount`).
struct Anchor {
    node: Node,
    weight: u64,
    uses: u64,
}

/// The alias expansion budget of the `yaml` package's `toJSON` (`maxAliasCount`).
const MAX_ALIAS_COUNT: u64 = 100;

struct Builder<'a> {
    options: &'a ParseOptions,
    offsets: Offsets<'a>,
    documents: Vec<Document>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchor>,
    /// Depth of the subtree being skipped after the nesting limit was hit.
    skipping: usize,
    current: Option<Document>,
    next_index: usize,
    /// The schema of the chunk's first document (`%YAML 1.1` selects the 1.1 rules).
    schema: Schema,
    started: usize,
}

/// The parser's complaint about a tab after `:`, which YAML 1.2 allows as separation.
const TAB_AFTER_COLON: &str = "':' must be followed by a valid YAML whitespace";

/// Parse one chunk, appending its documents.
pub fn parse_chunk(
    text: &str,
    range: Range<usize>,
    first_index: usize,
    options: &ParseOptions,
    documents: &mut Vec<Document>,
) {
    let mut patched: Option<String> = None;
    for _ in 0..1000 {
        let chunk = patched.as_deref().unwrap_or(&text[range.clone()]);
        match parse_text(text, chunk, range.start, first_index, options) {
            Ok(mut parsed) => {
                documents.append(&mut parsed);
                return;
            }
            Err(at) => {
                // saphyr rejects `key:<TAB>value`; the tab is plain white space in YAML 1.2 and
                // a space in its place keeps every offset.
                let mut owned = chunk.to_owned();
                owned.replace_range(at..=at, " ");
                patched = Some(owned);
            }
        }
    }
}

/// Parse a chunk; `Err(offset)` asks to retry with the tab at that chunk offset replaced.
fn parse_text(
    text: &str,
    chunk: &str,
    base: usize,
    first_index: usize,
    options: &ParseOptions,
) -> Result<Vec<Document>, usize> {
    let mut builder = Builder {
        options,
        offsets: Offsets::new(chunk, base),
        documents: Vec::new(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        skipping: 0,
        current: None,
        next_index: first_index,
        schema: declared_schema(chunk),
        started: 0,
    };
    for event in Parser::new_from_str(chunk) {
        match event {
            Ok((event, span)) => {
                if builder.event(event, span) {
                    break;
                }
            }
            Err(error) => {
                let at = builder.offsets.byte(error.marker().index());
                if error.info() == TAB_AFTER_COLON {
                    let local = at - base;
                    let low = local.saturating_sub(2);
                    let window = &chunk.as_bytes()[low..(local + 2).min(chunk.len())];
                    if let Some(colon) = window.windows(2).position(|pair| pair == b":\t") {
                        return Err(low + colon + 1);
                    }
                }
                let end = next_char_boundary(text, at);
                let kind = match error.info() {
                    "recursion limit exceeded" => YamlErrorKind::TooDeep,
                    info if info.contains("unknown anchor") => YamlErrorKind::UndefinedAlias,
                    _ => YamlErrorKind::Syntax,
                };
                builder.fail(YamlError {
                    kind,
                    span: at..end,
                    message: error.info().to_owned(),
                });
                break;
            }
        }
    }
    if let Some(document) = builder.current.take() {
        builder.documents.push(document);
    }
    Ok(builder.documents)
}

/// `%YAML 1.1` before the chunk's first document.
fn declared_schema(chunk: &str) -> Schema {
    for line in chunk.lines() {
        if line.starts_with("---") {
            break;
        }
        let mut words = line.split_whitespace();
        if words.next() == Some("%YAML") && words.next() == Some("1.1") {
            return Schema::Yaml11;
        }
    }
    Schema::Core12
}

fn next_char_boundary(text: &str, at: usize) -> usize {
    text[at.min(text.len())..]
        .chars()
        .next()
        .map_or(at.min(text.len()), |c| at + c.len_utf8())
}

impl Builder<'_> {
    /// Handle one event; returns true at the end of the stream.
    fn event(&mut self, event: Event<'_>, span: Span) -> bool {
        let range = self.offsets.range(span);
        match event {
            Event::StreamStart | Event::Nothing => {}
            Event::StreamEnd => return true,
            Event::DocumentStart(_) => {
                if let Some(document) = self.current.take() {
                    self.documents.push(document);
                }
                self.anchors.clear();
                self.started += 1;
                if self.started > 1 {
                    self.schema = Schema::Core12;
                }
                self.current = Some(Document {
                    index: self.next_index,
                    span: range,
                    root: None,
                    errors: Vec::new(),
                });
                self.next_index += 1;
            }
            Event::DocumentEnd => {
                if let Some(mut document) = self.current.take() {
                    document.span.end = document.span.end.max(range.end);
                    self.documents.push(document);
                }
            }
            _ if self.skipping > 0 => self.skip(&event),
            Event::Alias(id) => self.alias(id, range),
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|tag| format!("{}{}", tag.handle, tag.suffix));
                let value = scalar::resolve(
                    &text,
                    style == ScalarStyle::Plain,
                    tag.as_deref(),
                    self.schema,
                );
                self.complete(Node { value, span: range }, anchor, 1);
            }
            Event::SequenceStart(anchor, _) => self.open(
                Frame::Sequence {
                    start: range.start,
                    anchor,
                    items: Vec::new(),
                    weight: 0,
                },
                &range,
            ),
            Event::MappingStart(anchor, _) => self.open(
                Frame::Mapping {
                    start: range.start,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    weight: 0,
                },
                &range,
            ),
            Event::SequenceEnd | Event::MappingEnd => self.close(range.end),
        }
        false
    }

    fn open(&mut self, frame: Frame, range: &Range<usize>) {
        if self.stack.len() >= self.options.max_depth {
            self.fail(YamlError {
                kind: YamlErrorKind::TooDeep,
                span: range.clone(),
                message: format!("nesting deeper than {} levels", self.options.max_depth),
            });
            self.skipping = 1;
            return;
        }
        self.stack.push(frame);
    }

    fn skip(&mut self, event: &Event<'_>) {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => self.skipping += 1,
            Event::SequenceEnd | Event::MappingEnd => self.skipping -= 1,
            _ => {}
        }
    }

    fn close(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (node, anchor, weight) = match frame {
            Frame::Sequence {
                start,
                anchor,
                items,
                weight,
            } => {
                let end = items.last().map_or(end, |last| end.max(last.span.end));
                (
                    Node {
                        value: Value::Sequence(items),
                        span: start..end,
                    },
                    anchor,
                    weight,
                )
            }
            Frame::Mapping {
                start,
                anchor,
                mut entries,
                key,
                weight,
            } => {
                if let Some(key) = key {
                    let at = key.span.end;
                    entries.push(Entry {
                        key,
                        value: Node {
                            value: Value::Null,
                            span: at..at,
                        },
                    });
                }
                let end = entries
                    .last()
                    .map_or(end, |last| end.max(last.value.span.end));
                (
                    Node {
                        value: Value::Mapping(entries),
                        span: start..end,
                    },
                    anchor,
                    weight,
                )
            }
        };
        self.complete(node, anchor, weight);
    }

    fn alias(&mut self, id: usize, range: Range<usize>) {
        let Some(anchor) = self.anchors.get_mut(&id) else {
            self.fail(YamlError {
                kind: YamlErrorKind::UndefinedAlias,
                span: range,
                message: "alias to an undefined anchor".to_owned(),
            });
            return;
        };
        anchor.uses += 1;
        let weight = anchor.uses.saturating_mul(anchor.weight);
        if weight > MAX_ALIAS_COUNT {
            let reported = self.current.as_ref().is_some_and(|document| {
                document
                    .errors
                    .iter()
                    .any(|error| error.kind == YamlErrorKind::AliasLimit)
            });
            if reported {
                return;
            }
            let message = format!(
                "excessive alias use ({weight} expansions, the limit is {MAX_ALIAS_COUNT}): this looks like a resource exhaustion attack"
            );
            self.fail(YamlError {
                kind: YamlErrorKind::AliasLimit,
                span: range,
                message,
            });
            return;
        }
        let mut node = anchor.node.clone();
        node.span = range;
        self.complete(node, 0, weight);
    }

    /// Attach a finished node to its parent (or make it the document root).
    fn complete(&mut self, node: Node, anchor: usize, weight: u64) {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchor {
                    node: node.clone(),
                    weight: weight.max(1),
                    uses: 0,
                },
            );
        }
        match self.stack.last_mut() {
            None => {
                if let Some(document) = self.current.as_mut() {
                    document.span.end = document.span.end.max(node.span.end);
                    document.root = Some(node);
                }
            }
            Some(Frame::Sequence {
                items,
                weight: total,
                ..
            }) => {
                *total = (*total).max(weight);
                items.push(node);
            }
            Some(Frame::Mapping {
                entries,
                key,
                weight: total,
                ..
            }) => {
                *total = (*total).max(weight);
                match key.take() {
                    None => *key = Some(node),
                    Some(key) => {
                        let duplicate = entries
                            .iter()
                            .find(|entry| same_key(&entry.key, &key))
                            .map(|entry| entry.key.span.clone());
                        let entry = Entry { key, value: node };
                        if let Some(first) = duplicate {
                            let error = YamlError {
                                kind: YamlErrorKind::DuplicateKey { first },
                                span: entry.key.span.clone(),
                                message: format!("duplicate key {}", entry.key.display()),
                            };
                            entries.push(entry);
                            self.fail(error);
                        } else {
                            entries.push(entry);
                        }
                    }
                }
            }
        }
    }

    fn fail(&mut self, error: YamlError) {
        if self.current.is_none() {
            self.current = Some(Document {
                index: self.next_index,
                span: error.span.clone(),
                root: None,
                errors: Vec::new(),
            });
            self.next_index += 1;
        }
        if let Some(document) = self.current.as_mut() {
            document.errors.push(error);
        }
    }
}

/// Key equality as the `yaml` package's `uniqueKeys` check: scalars by strict value equality.
fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::String(a), Value::String(b)) => a == b,
        #[allow(clippy::float_cmp)]
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Null, Value::Null) => true,
        _ => false,
    }
}
