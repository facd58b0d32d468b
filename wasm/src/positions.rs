//! Columns in the position encoding the caller asked for. The report's columns count Unicode
//! scalar values (as the CLI's JSON); editors in JavaScript count UTF-16 code units.

use kataster_core::report::JsonReport;
use kataster_core::source::LineIndex;
use kataster_core::{ParsedFile, Report};

use crate::options::PositionEncoding;

/// Recount `column` and `end_column` of every diagnostic and of its fix's edits (lines do
/// not change).
pub(crate) fn convert(
    json: &mut JsonReport,
    report: &Report,
    files: &[ParsedFile],
    encoding: PositionEncoding,
) {
    if encoding == PositionEncoding::Utf32 {
        return;
    }
    let mut indexes: Vec<Option<LineIndex>> = vec![None; files.len()];
    for (located, diagnostic) in json.diagnostics.iter_mut().zip(&report.diagnostics) {
        let Some(file) = files.get(diagnostic.file) else {
            continue;
        };
        let text = file.source.text.as_str();
        if text.is_empty() {
            continue;
        }
        let Some(index) = indexes.get_mut(diagnostic.file) else {
            continue;
        };
        let index = index.get_or_insert_with(|| LineIndex::new(text));
        located.column = column(index, text, located.line, diagnostic.span.start, encoding);
        located.end_column = column(index, text, located.end_line, diagnostic.span.end, encoding);
        // A fix's edits, too: an editor applies them by its own positions.
        for edit in located.fix.iter_mut().flat_map(|fix| fix.edits.iter_mut()) {
            edit.column = column(index, text, edit.line, edit.start, encoding);
            edit.end_column = column(index, text, edit.end_line, edit.end, encoding);
        }
    }
}

/// The 1-based column of a byte offset on a 1-based line, in an encoding.
fn column(
    index: &LineIndex,
    text: &str,
    line: usize,
    offset: usize,
    encoding: PositionEncoding,
) -> usize {
    if line == 0 || line > index.line_count() {
        return 1;
    }
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let mut start = index.line_range(text, line).start.min(offset);
    if start == 0 && text.starts_with('\u{feff}') {
        start = 3.min(offset);
    }
    let before = text.get(start..offset).unwrap_or_default();
    let width = match encoding {
        PositionEncoding::Utf16 => before.encode_utf16().count(),
        PositionEncoding::Utf8 => before.len(),
        PositionEncoding::Utf32 => before.chars().count(),
    };
    width + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_columns_in_each_encoding() {
        let text = "\u{feff}a: \"😀é\"\nb: x\n";
        let index = LineIndex::new(text);
        let end_of_string = text.find("\"\n").unwrap_or_default() + 1;
        assert_eq!(
            column(&index, text, 1, end_of_string, PositionEncoding::Utf32),
            8
        );
        assert_eq!(
            column(&index, text, 1, end_of_string, PositionEncoding::Utf16),
            9
        );
        assert_eq!(
            column(&index, text, 1, end_of_string, PositionEncoding::Utf8),
            12
        );
        assert_eq!(
            index.line_column(text, end_of_string).column,
            column(&index, text, 1, end_of_string, PositionEncoding::Utf32)
        );
        let b = text.find('b').unwrap_or_default();
        assert_eq!(column(&index, text, 2, b, PositionEncoding::Utf16), 1);
    }
}
