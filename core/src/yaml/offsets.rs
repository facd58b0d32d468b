//! saphyr-parser counts characters; spans are bytes of the whole text.

use std::ops::Range;

use saphyr_parser::Span;

/// Converts the parser's char indices into byte offsets of the whole text.
pub(super) struct Offsets<'a> {
    chunk: &'a str,
    pub(super) base: usize,
    ascii: bool,
    char_index: usize,
    byte_index: usize,
    /// Spaces the parsed chunk has that the text has not (see [`Inserted`]).
    inserted: &'a [Inserted],
}

/// Spaces put into a chunk before parsing it: `len` of them at `at` of the parsed chunk, which
/// is `at - before` of the text's chunk (`before`: the spaces inserted ahead of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Inserted {
    pub(super) at: usize,
    pub(super) len: usize,
    pub(super) before: usize,
}

/// A byte offset of the parsed chunk as one of the text's chunk: inside inserted spaces, where
/// they were inserted.
fn unshift(inserted: &[Inserted], at: usize) -> usize {
    let index = inserted.partition_point(|insert| insert.at <= at);
    let Some(insert) = index.checked_sub(1).map(|index| inserted[index]) else {
        return at;
    };
    if at < insert.at + insert.len {
        insert.at - insert.before
    } else {
        at - insert.before - insert.len
    }
}

impl<'a> Offsets<'a> {
    pub(super) fn new(chunk: &'a str, base: usize) -> Self {
        Self {
            chunk,
            base,
            ascii: chunk.is_ascii(),
            char_index: 0,
            byte_index: 0,
            inserted: &[],
        }
    }

    /// Offsets of a chunk parsed with spaces inserted (sorted by `at`).
    pub(super) fn with_inserted(chunk: &'a str, base: usize, inserted: &'a [Inserted]) -> Self {
        Self {
            inserted,
            ..Self::new(chunk, base)
        }
    }

    pub(super) fn byte(&mut self, char_index: usize) -> usize {
        let parsed = self.parsed_byte(char_index);
        self.base + unshift(self.inserted, parsed)
    }

    /// The byte offset in the parsed chunk.
    fn parsed_byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.chunk.len());
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
        self.byte_index
    }

    pub(super) fn range(&mut self, span: Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::{Inserted, unshift};

    #[test]
    fn unshifts_past_and_inside_inserted_spaces() {
        // "ab\ncd" parsed as "ab\n  cd" and then "ab\n  cd\n   ef" for "ab\ncd\nef".
        let inserted = [
            Inserted {
                at: 3,
                len: 2,
                before: 0,
            },
            Inserted {
                at: 8,
                len: 3,
                before: 2,
            },
        ];
        let expected = [0, 1, 2, 3, 3, 3, 4, 5, 6, 6, 6, 6, 7];
        for (at, want) in expected.into_iter().enumerate() {
            assert_eq!(unshift(&inserted, at), want, "at {at}");
        }
    }
}
