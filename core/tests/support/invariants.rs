//! Properties that hold for any input, shared by the property tests, the fuzz regression tests
//! and the fuzz targets (`fuzz/`, which includes this file by path): no panic, every range
//! inside the text on char boundaries, line/column consistent with the range, every pointer
//! resolving to the node the diagnostic is about.

#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use kataster_core::report::JsonReport;
use kataster_core::source::LineIndex;
use kataster_core::yaml::{self, Node, ParseOptions, Value};
use kataster_core::{CheckOptions, Checker, FileKind, NoFacts, Report, SourceFile};

/// Whether a span is a range of `text` that starts and ends on char boundaries.
pub fn is_inside(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// The node a pointer names, and the key span of the entry holding it (if any).
pub fn resolve<'a>(
    root: &'a Node,
    pointer: &str,
) -> Option<(&'a Node, Option<std::ops::Range<usize>>)> {
    if pointer.is_empty() {
        return Some((root, None));
    }
    let mut node = root;
    let mut key_span = None;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        match &node.value {
            Value::Mapping(_) => {
                let entry = node.entry(&token)?;
                key_span = Some(entry.key.span.clone());
                node = &entry.value;
            }
            Value::Sequence(items) => {
                key_span = None;
                node = items.get(token.parse::<usize>().ok()?)?;
            }
            _ => return None,
        }
    }
    Some((node, key_span))
}

/// Check a catalog file with the default options and assert the invariants.
pub fn check_invariants(text: &str) {
    check_invariants_with(text, &ParseOptions::default(), FileKind::Catalog);
}

/// Check one file of a kind with these parse options and assert the invariants; returns the
/// report and the checker (for renderers).
pub fn check_invariants_with(
    text: &str,
    parse: &ParseOptions,
    kind: FileKind,
) -> (Report, Checker) {
    let mut checker = Checker::new(CheckOptions {
        parse: parse.clone(),
        ..CheckOptions::default()
    });
    checker.add_file(SourceFile::new("catalog-info.yaml", text).with_kind(kind));
    let report = checker.check(&NoFacts);
    assert_report_invariants(text, parse, &report);
    // Documents reduced to what the cross-file rules read give the same report as whole ones.
    let mut whole = Checker::new(CheckOptions {
        parse: parse.clone(),
        full_documents: true,
        ..CheckOptions::default()
    });
    whole.add_file(SourceFile::new("catalog-info.yaml", text).with_kind(kind));
    let full = whole.check(&NoFacts);
    assert_eq!(report.diagnostics, full.diagnostics, "{text:?}");
    assert_eq!(report.summary, full.summary, "{text:?}");
    // What snippets mask keeps every byte where it was, and rendering never panics.
    let ranges = kataster_core::render::mask::sensitive_ranges(text);
    assert_eq!(
        kataster_core::render::mask::masked(text, 0, &ranges).len(),
        text.len(),
        "{text:?}"
    );
    let _ = kataster_core::render::human::render(
        &report,
        checker.files(),
        kataster_core::render::human::HumanOptions {
            show_infos: true,
            ..Default::default()
        },
    );
    let json = JsonReport::new(&report, checker.files());
    let lines = LineIndex::new(text);
    for (diagnostic, located) in report.diagnostics.iter().zip(&json.diagnostics) {
        let start = lines.line_column(text, diagnostic.span.start);
        let end = lines.line_column(text, diagnostic.span.end);
        assert_eq!(
            (
                located.line,
                located.column,
                located.end_line,
                located.end_column
            ),
            (start.line, start.column, end.line, end.column),
            "{diagnostic:?}"
        );
    }
    (report, checker)
}

/// The invariants of a report over one text (file 0).
pub fn assert_report_invariants(text: &str, parse: &ParseOptions, report: &Report) {
    let documents = yaml::parse(text, parse);
    let lines = LineIndex::new(text);
    for diagnostic in &report.diagnostics {
        let span = &diagnostic.span;
        assert!(is_inside(text, span), "{diagnostic:?}");
        let start = lines.line_column(text, span.start);
        let end = lines.line_column(text, span.end);
        assert!(
            start <= end && start.line >= 1 && start.column >= 1,
            "{diagnostic:?}"
        );
        assert_line_column(text, &lines, span.start, start);
        let Some(document) = diagnostic
            .document
            .and_then(|index| documents.iter().find(|d| d.index == index))
        else {
            continue;
        };
        let Some(root) = document
            .root
            .as_ref()
            .filter(|_| document.errors.is_empty())
        else {
            continue;
        };
        let (node, key_span) = resolve(root, &diagnostic.pointer).unwrap_or_else(|| {
            panic!(
                "pointer {:?} does not resolve: {diagnostic:?}",
                diagnostic.pointer
            )
        });
        let within =
            |outer: &std::ops::Range<usize>| outer.start <= span.start && span.end <= outer.end;
        let in_key = key_span.as_ref().is_some_and(within);
        let in_node = within(&node.span);
        assert!(
            in_node || in_key,
            "span {span:?} outside node {:?} / key {key_span:?} in {text:?}: {diagnostic:?}",
            node.span
        );
    }
}

/// The line and column of an offset agree with counting line breaks and characters directly.
pub fn assert_line_column(
    text: &str,
    lines: &LineIndex,
    offset: usize,
    found: kataster_core::source::LineColumn,
) {
    let before = &text[..offset];
    let bytes = before.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let breaks = byte == b'\n' || (byte == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            line_start = i + 1;
        }
    }
    let mut column = text[line_start..offset].chars().count() + 1;
    if line_start == 0 && text.starts_with('\u{feff}') && offset > 0 {
        column -= 1;
    }
    assert_eq!(
        (found.line, found.column),
        (line, column),
        "offset {offset} of {} lines",
        lines.line_count()
    );
}
