//! Cheap document boundaries, so that a syntax error in one document leaves the others
//! readable (as the `yaml` npm package recovers per document).
//!
//! A line that starts with `---` followed by white space or the line end always starts a
//! document: YAML forbids such a line inside content, block scalars and quoted scalars.

use std::ops::Range;

/// Byte ranges of the chunks of `text`, each holding one document (or, rarely, several
/// separated by `...`). A leading part with nothing but comments, directives and blank lines
/// is joined to the following chunk.
pub fn chunks(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut starts = vec![start];
    let bytes = text.as_bytes();
    let mut line_start = start;
    while line_start < bytes.len() {
        if line_start > start && is_document_start(&bytes[line_start..]) {
            starts.push(directives_before(
                text,
                start.max(*starts.last().unwrap_or(&start)),
                line_start,
            ));
        }
        line_start = match memchr_newline(&bytes[line_start..]) {
            Some(offset) => line_start + offset + 1,
            None => bytes.len(),
        };
    }
    if starts.len() > 1 && is_preamble(&text[starts[0]..starts[1]]) {
        starts.remove(1);
    }
    let mut chunks: Vec<Range<usize>> = starts.windows(2).map(|pair| pair[0]..pair[1]).collect();
    chunks.push(*starts.last().unwrap_or(&start)..text.len());
    chunks
}

/// Where the directives (`%YAML`, `%TAG`) right before a `---` line begin, if any: they
/// belong to the document the marker starts.
fn directives_before(text: &str, floor: usize, marker: usize) -> usize {
    let mut boundary = marker;
    let mut cursor = marker;
    while cursor > floor {
        let line_start = text[..cursor - 1]
            .rfind(['\n', '\r'])
            .map_or(floor, |at| (at + 1).max(floor));
        let line = &text[line_start..cursor];
        if line.starts_with('%') {
            boundary = line_start;
        } else if !(line.trim().is_empty() || line.trim_start().starts_with('#')) {
            break;
        }
        cursor = line_start;
    }
    boundary
}

fn is_document_start(line: &[u8]) -> bool {
    line.starts_with(b"---") && matches!(line.get(3), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n' || b == b'\r')
}

/// Only blank lines, comments and directives.
fn is_preamble(text: &str) -> bool {
    text.lines().all(|line| {
        let trimmed = line.trim_start();
        trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with('%')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_document_markers_only() {
        let text = "a: 1\n---\nb: |\n  --- not a marker\n---x\n--- \nc: 3\n";
        let parts: Vec<&str> = chunks(text, 0).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "a: 1\n",
                "---\nb: |\n  --- not a marker\n---x\n",
                "--- \nc: 3\n"
            ]
        );
    }

    #[test]
    fn directives_belong_to_the_next_document() {
        let text = "a: 1\n...\n%YAML 1.1\n---\nb: 2\n";
        let parts: Vec<&str> = chunks(text, 0).into_iter().map(|r| &text[r]).collect();
        assert_eq!(parts, ["a: 1\n...\n", "%YAML 1.1\n---\nb: 2\n"]);
    }

    #[test]
    fn preamble_joins_the_first_document() {
        let text = "# header\n%YAML 1.2\n---\na: 1\n";
        assert_eq!(chunks(text, 0), vec![0..text.len()]);
    }
}
