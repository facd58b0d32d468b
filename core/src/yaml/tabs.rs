//! A chunk parsed with YAML 1.2's tabs: saphyr-parser rejects a tab after `:` as separation,
//! so the chunk is parsed again with spaces where such tabs are not content.

use std::ops::Range;

use super::builder::Builder;
use super::{Document, ParseOptions};

/// The parser's complaint about a tab after `:`, which YAML 1.2 allows as separation.
pub(super) const TAB_AFTER_COLON: &str = "':' must be followed by a valid YAML whitespace";

/// Parse one chunk, handing each document to `sink` as soon as it is complete.
///
/// saphyr rejects `key:<TAB>value`, where YAML 1.2 allows a tab as separation: a space in the
/// tab's place keeps every offset, so the chunk is parsed again with it. One retry per tab
/// would take time quadratic in the number of such tabs, so at the first complaint every tab
/// saphyr could complain about (after a colon, before `-` or an alphanumeric) is replaced in
/// one go, in a dry run that finds the replaced tabs that are content (inside quoted and
/// block scalars) or beyond a syntax error; those are put back. The result is the text that
/// replacing the tabs one complaint at a time would reach, in three parses instead of one per
/// tab.
pub fn parse_chunk(
    text: &str,
    range: Range<usize>,
    first_index: usize,
    options: &ParseOptions,
    sink: &mut dyn FnMut(Document),
) {
    let original = &text[range.clone()];
    let parse = |chunk: &str, skip: usize, watch: &[usize], sink: &mut dyn FnMut(Document)| {
        parse_text(
            text,
            chunk,
            range.start,
            first_index,
            options,
            skip,
            watch,
            sink,
        )
    };
    let first = parse(original, 0, &[], sink);
    let End::Tab { at, emitted } = first.end else {
        return;
    };
    let mut bytes = original.as_bytes().to_vec();
    let mut replaced = tab_candidates(original.as_bytes(), at);
    for &tab in &replaced {
        bytes[tab] = b' ';
    }
    for _ in 0..MAX_RETRIES {
        let dry = parse(as_text(&bytes), usize::MAX, &replaced, &mut |_| {});
        for &tab in &dry.content {
            bytes[tab] = b'\t';
        }
        replaced.retain(|tab| !dry.content.contains(tab));
        match dry.end {
            End::Tab { at, .. } => {
                bytes[at] = b' ';
                replaced.push(at);
                replaced.sort_unstable();
            }
            End::Done => {
                if let Some(error) = dry.error {
                    for &tab in replaced.iter().filter(|&&tab| tab >= error) {
                        bytes[tab] = b'\t';
                    }
                }
                break;
            }
        }
    }
    // The real parse, replacing any tab left one complaint at a time (none is expected).
    let mut emitted = emitted;
    for _ in 0..MAX_RETRIES {
        match parse(as_text(&bytes), emitted, &[], sink).end {
            End::Done => return,
            End::Tab { at, emitted: done } => {
                emitted = done;
                bytes[at] = b' ';
            }
        }
    }
    parse_text_without_retry(
        text,
        as_text(&bytes),
        range.start,
        first_index,
        options,
        emitted,
        sink,
    );
}

/// How many times a chunk is parsed again at most.
const MAX_RETRIES: usize = 1000;

/// The chunk as text again (tabs and spaces replace each other, so it stays UTF-8).
fn as_text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// The chunk offsets of the tabs saphyr may reject, from `from` on: a tab right after a colon
/// and right before `-` or an ASCII letter, digit or `_` (saphyr's condition).
fn tab_candidates(chunk: &[u8], from: usize) -> Vec<usize> {
    (from.max(1)..chunk.len().saturating_sub(1))
        .filter(|&at| {
            chunk[at] == b'\t'
                && chunk[at - 1] == b':'
                && matches!(chunk[at + 1], b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'-')
        })
        .collect()
}

/// How a parse of a chunk ended.
pub(super) enum End {
    Done,
    /// saphyr rejected the tab at this chunk offset; `emitted` documents of the chunk were
    /// complete before it.
    Tab {
        at: usize,
        emitted: usize,
    },
}

/// What a parse of a chunk found.
pub(super) struct Outcome {
    end: End,
    /// The watched offsets that lie inside quoted or block scalars.
    content: Vec<usize>,
    /// The chunk offset of a syntax error, if the parse ended at one.
    error: Option<usize>,
}

/// Parse a chunk, handing out its documents after the first `skip`, without replacing tabs:
/// a rejected tab is a syntax error.
fn parse_text_without_retry(
    text: &str,
    chunk: &str,
    base: usize,
    first_index: usize,
    options: &ParseOptions,
    skip: usize,
    sink: &mut dyn FnMut(Document),
) {
    let mut builder = Builder::new(chunk, base, first_index, options, skip, &[], sink);
    builder.run(text, chunk, base, false);
}

/// Parse a chunk, handing out its documents after the first `skip` and noting which
/// `watch`ed chunk offsets are scalar content; stops at a rejected tab.
#[allow(clippy::too_many_arguments)]
fn parse_text(
    text: &str,
    chunk: &str,
    base: usize,
    first_index: usize,
    options: &ParseOptions,
    skip: usize,
    watch: &[usize],
    sink: &mut dyn FnMut(Document),
) -> Outcome {
    let mut builder = Builder::new(chunk, base, first_index, options, skip, watch, sink);
    let end = builder.run(text, chunk, base, true);
    Outcome {
        end,
        content: builder.content,
        error: builder.error,
    }
}
