//! Byte offsets and LSP positions (0-based lines, UTF-16 columns), and file URIs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use kataster_core::source::LineIndex;
use lsp_types::{Position, Range, Uri};

/// The LSP position of a byte offset.
pub fn position(text: &str, lines: &LineIndex, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.line_column(text, offset).line;
    let start = lines.line_range(text, line).start;
    let character = text[start..offset].encode_utf16().count();
    Position {
        line: u32::try_from(line - 1).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

/// The LSP range of a byte range.
pub fn range(text: &str, lines: &LineIndex, span: &std::ops::Range<usize>) -> Range {
    Range {
        start: position(text, lines, span.start),
        end: position(text, lines, span.end),
    }
}

/// The byte offset of an LSP position (clamped to the line and the text).
pub fn offset(text: &str, lines: &LineIndex, position: Position) -> usize {
    let line = usize::try_from(position.line)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    if line > lines.line_count() {
        return text.len();
    }
    let range = lines.line_range(text, line);
    let mut units = 0;
    for (index, c) in text[range.clone()].char_indices() {
        if units >= position.character as usize {
            return range.start + index;
        }
        units += c.len_utf16();
    }
    range.end
}

/// `file://` URI of an absolute path.
pub fn uri(path: &Path) -> Option<Uri> {
    let absolute = std::path::absolute(path).ok()?;
    let mut text = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            text.push(char::from(byte));
        } else {
            let _ = write!(text, "%{byte:02X}");
        }
    }
    Uri::from_str(&text).ok()
}

/// The path of a `file://` URI.
pub fn path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                decoded.push(byte);
                i += 3;
                continue;
            }
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(decoded).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns() {
        let text = "a: é😀x\nb";
        let lines = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            position(text, &lines, x),
            Position {
                line: 0,
                character: 6
            }
        );
        assert_eq!(
            offset(
                text,
                &lines,
                Position {
                    line: 0,
                    character: 6
                }
            ),
            x
        );
        assert_eq!(
            offset(
                text,
                &lines,
                Position {
                    line: 1,
                    character: 0
                }
            ),
            text.len() - 1
        );
    }

    #[test]
    fn uris_round_trip() {
        let original = Path::new("/tmp/a dir/ü.yaml");
        assert_eq!(path(&uri(original).unwrap()).unwrap(), original);
    }
}
