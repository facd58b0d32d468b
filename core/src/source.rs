//! Source texts and the byte-offset to line/column mapping.

use std::ops::Range;

/// One input text with the path the caller knows it by.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the caller wants it printed (e.g. as given on the command line).
    pub path: String,
    /// The full text (UTF-8; a leading BOM is allowed and skipped by the parser).
    pub text: String,
    /// What the file holds.
    pub kind: FileKind,
    /// Who wrote the file, for the contributor rules.
    pub contributor: Option<String>,
}

/// What a file holds, which decides the rules its documents meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileKind {
    /// Backstage catalog entities: every document is an entity.
    #[default]
    Catalog,
    /// Kubernetes, Argo CD and Rancher manifests: checked for naming conventions.
    Manifests,
    /// The policy file.
    Policy,
}

impl SourceFile {
    /// A catalog file.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            kind: FileKind::Catalog,
            contributor: None,
        }
    }

    #[must_use]
    pub fn with_kind(mut self, kind: FileKind) -> Self {
        self.kind = kind;
        self
    }

    #[must_use]
    pub fn with_contributor(mut self, contributor: Option<String>) -> Self {
        self.contributor = contributor;
        self
    }
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets of line starts, to derive line/column from byte offsets on demand.
///
/// A line ends at `\n`, at `\r\n` and at a lone `\r`, as YAML defines line breaks.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { line_starts }
    }

    /// The line and column of a byte offset (clamped to the text and moved back to a char boundary).
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let mut column = text[start..offset].chars().count() + 1;
        if start == 0 && text.starts_with('\u{feff}') && offset > 0 {
            column -= 1;
        }
        LineColumn {
            line: line + 1,
            column,
        }
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_starts[line - 1];
        let mut end = self.line_starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_follow_all_line_breaks() {
        let text = "a\r\nbé\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(
            index.line_column(text, 0),
            LineColumn { line: 1, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 3),
            LineColumn { line: 2, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 6),
            LineColumn { line: 2, column: 3 }
        );
        assert_eq!(
            index.line_column(text, 7),
            LineColumn { line: 3, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 9),
            LineColumn { line: 4, column: 1 }
        );
        assert_eq!(index.line_range(text, 2), 3..6);
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}ab";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, 3),
            LineColumn { line: 1, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 4),
            LineColumn { line: 1, column: 2 }
        );
    }
}
