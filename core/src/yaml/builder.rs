//! Builds [`Node`] trees from saphyr-parser events, one chunk of the file at a time.

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::keys::{first_equal_key, key_hash};
use super::node::{Entry, Node, Value};
use super::offsets::Offsets;
use super::scalar::Schema;
use super::tabs::{End, TAB_AFTER_COLON};
use super::{Document, ParseOptions, YamlError, YamlErrorKind, scalar};

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
        /// For large mappings: the first entry of each key hash, so that finding duplicate
        /// keys stays linear.
        index: Option<HashMap<u64, usize>>,
    },
}

/// From this many entries on, duplicate keys are found through a hash index.
pub(super) const INDEXED_ENTRIES: usize = 16;

/// What the `yaml` package tracks per anchor to stop alias bombs (`maxAliasCount`).
struct Anchor {
    node: Node,
    weight: u64,
    uses: u64,
}

/// The alias expansion budget of the `yaml` package's `toJSON` (`maxAliasCount`).
const MAX_ALIAS_COUNT: u64 = 100;

pub(super) struct Builder<'a> {
    options: &'a ParseOptions,
    offsets: Offsets<'a>,
    /// Where complete documents go.
    sink: &'a mut dyn FnMut(Document),
    /// Documents complete in an earlier attempt (handed out already).
    skip: usize,
    completed: usize,
    /// Chunk offsets (sorted) to look for inside quoted and block scalars.
    watch: &'a [usize],
    /// The watched offsets found inside them.
    pub(super) content: Vec<usize>,
    /// The chunk offset of the syntax error the parse stopped at.
    pub(super) error: Option<usize>,
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

impl<'a> Builder<'a> {
    pub(super) fn new(
        chunk: &'a str,
        base: usize,
        first_index: usize,
        options: &'a ParseOptions,
        skip: usize,
        watch: &'a [usize],
        sink: &'a mut dyn FnMut(Document),
    ) -> Self {
        let offsets = Offsets::new(chunk, base);
        Self::with_offsets(chunk, offsets, first_index, options, skip, watch, sink)
    }

    /// A builder whose parsed chunk is not the text's (spaces inserted, `offsets` map back).
    pub(super) fn with_offsets(
        chunk: &'a str,
        offsets: Offsets<'a>,
        first_index: usize,
        options: &'a ParseOptions,
        skip: usize,
        watch: &'a [usize],
        sink: &'a mut dyn FnMut(Document),
    ) -> Self {
        Builder {
            options,
            offsets,
            sink,
            skip,
            completed: 0,
            watch,
            content: Vec::new(),
            error: None,
            stack: Vec::new(),
            anchors: HashMap::new(),
            skipping: 0,
            current: None,
            next_index: first_index,
            schema: declared_schema(chunk),
            started: 0,
        }
    }

    /// Feed the chunk's events; with `retry`, stop at a rejected tab.
    pub(super) fn run(&mut self, text: &str, chunk: &str, base: usize, retry: bool) -> End {
        self.run_parsed(text, chunk, chunk, base, retry)
    }

    /// [`Builder::run`] on `parsed`, a copy of the text's `chunk` with spaces inserted (the
    /// builder's offsets map it back to the text).
    pub(super) fn run_parsed(
        &mut self,
        text: &str,
        chunk: &str,
        parsed: &str,
        base: usize,
        retry: bool,
    ) -> End {
        let builder = self;
        for event in Parser::new_from_str(parsed) {
            match event {
                Ok((event, span)) => {
                    if builder.event(event, span) {
                        break;
                    }
                }
                Err(error) => {
                    let at = builder.offsets.byte(error.marker().index());
                    if retry && error.info() == TAB_AFTER_COLON {
                        let local = at - base;
                        let low = local.saturating_sub(2);
                        let window = &chunk.as_bytes()[low..(local + 2).min(chunk.len())];
                        if let Some(colon) = window.windows(2).position(|pair| pair == b":\t") {
                            return End::Tab {
                                at: low + colon + 1,
                                emitted: builder.completed,
                            };
                        }
                    }
                    builder.error = Some(at - base);
                    let (at, message) = explain(chunk, base, at, error.info());
                    let end = next_char_boundary(text, at);
                    let kind = match error.info() {
                        "recursion limit exceeded" => YamlErrorKind::TooDeep,
                        info if info.contains("unknown anchor") => YamlErrorKind::UndefinedAlias,
                        _ => YamlErrorKind::Syntax,
                    };
                    builder.fail(YamlError {
                        kind,
                        span: at..end,
                        message,
                    });
                    break;
                }
            }
        }
        if let Some(document) = builder.current.take() {
            builder.finish(document);
        }
        End::Done
    }
}

/// The longest implicit key YAML 1.2 allows (the `yaml` package rejects longer ones too).
const MAX_IMPLICIT_KEY: usize = 1024;

/// A clearer message than saphyr's where its cause is known: a NUL character (where saphyr
/// sees the end of the stream) and an implicit key longer than YAML allows.
fn explain(chunk: &str, base: usize, at: usize, info: &str) -> (usize, String) {
    if info.contains("end of stream") {
        if let Some(nul) = chunk.find('\0') {
            let message = "found a NUL character (U+0000), which YAML does not allow".to_owned();
            return (base + nul, message);
        }
    }
    if info == "mapping values are not allowed in this context" {
        let local = at - base;
        let line_start = chunk[..local].rfind(['\n', '\r']).map_or(0, |at| at + 1);
        if local - line_start > MAX_IMPLICIT_KEY {
            let message = format!(
                "{info}: a key without `? ` is at most {MAX_IMPLICIT_KEY} characters; write a longer key as `? KEY` followed by `: VALUE` on the next line"
            );
            return (at, message);
        }
    }
    (at, info.to_owned())
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
                    self.finish(document);
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
                    self.finish(document);
                }
            }
            _ if self.skipping > 0 => self.skip(&event),
            Event::Alias(id) => self.alias(id, range),
            Event::Scalar(text, style, anchor, tag) => {
                if style != ScalarStyle::Plain && !self.watch.is_empty() {
                    let base = self.offsets.base;
                    let from = self.watch.partition_point(|&at| at + base < range.start);
                    let to = self.watch.partition_point(|&at| at + base < range.end);
                    self.content.extend_from_slice(&self.watch[from..to]);
                }
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
                    index: None,
                },
                &range,
            ),
            Event::SequenceEnd | Event::MappingEnd => self.close(range.end),
        }
        false
    }

    /// Hand out a complete document (unless an earlier attempt did).
    fn finish(&mut self, document: Document) {
        self.completed += 1;
        if self.completed > self.skip {
            (self.sink)(document);
        }
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
                ..
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
                index,
                ..
            }) => {
                *total = (*total).max(weight);
                match key.take() {
                    None => *key = Some(node),
                    Some(key) => {
                        let duplicate = first_equal_key(entries, index, &key)
                            .map(|at| entries[at].key.span.clone());
                        if let Some(index) = index.as_mut() {
                            if let Some(hash) = key_hash(&key) {
                                index.entry(hash).or_insert(entries.len());
                            }
                        }
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
