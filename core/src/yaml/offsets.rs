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
}

impl<'a> Offsets<'a> {
    pub(super) fn new(chunk: &'a str, base: usize) -> Self {
        Self {
            chunk,
            base,
            ascii: chunk.is_ascii(),
            char_index: 0,
            byte_index: 0,
        }
    }

    pub(super) fn byte(&mut self, char_index: usize) -> usize {
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

    pub(super) fn range(&mut self, span: Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }
}
