//! The JSON report (`--format json`), the one output every frontend reproduces exactly.

use serde::Serialize;

use crate::check::{ParsedFile, Report, Summary};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::rules;
use crate::source::LineIndex;

/// The JSON report's schema version.
pub const JSON_VERSION: u32 = 1;

/// `{"version": 1, "diagnostics": [...], "summary": {...}}`.
#[derive(Debug, Clone, Serialize)]
pub struct JsonReport {
    pub version: u32,
    pub diagnostics: Vec<JsonDiagnostic>,
    pub summary: Summary,
    /// The files read but not checked (templates, named files that are not catalog files);
    /// absent when none was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<crate::discover::Skipped>,
}

/// One diagnostic with derived, 1-based positions (columns count characters).
#[derive(Debug, Clone, Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub document: Option<usize>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub pointer: String,
    pub help: Option<String>,
    pub url: String,
    /// The change that fixes the finding; absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix>,
}

/// A fix with its edits placed in the file: byte ranges of the original text and the same
/// range as 1-based lines and columns (columns count characters, end exclusive).
#[derive(Debug, Clone, Serialize)]
pub struct JsonFix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<JsonEdit>,
}

/// One edit of a [`JsonFix`].
#[derive(Debug, Clone, Serialize)]
pub struct JsonEdit {
    pub content: String,
    /// Byte offsets in the file as it was read.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl JsonFix {
    /// The fix of a diagnostic in `text`, the file it was found in (`index` is its line index).
    pub fn new(fix: &Fix, text: &str, index: &LineIndex) -> Self {
        let edits = fix
            .edits
            .iter()
            .map(|edit| {
                let start = index.line_column(text, edit.range.start);
                let end = index.line_column(text, edit.range.end);
                JsonEdit {
                    content: edit.content.clone(),
                    start: edit.range.start,
                    end: edit.range.end,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                }
            })
            .collect();
        Self {
            message: fix.message.clone(),
            applicability: fix.applicability,
            edits,
        }
    }
}

impl JsonReport {
    pub fn new(report: &Report, files: &[ParsedFile]) -> Self {
        let mut indexes: Vec<Option<LineIndex>> = vec![None; files.len()];
        let diagnostics = report
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let text = &files[diagnostic.file].source.text;
                let index = indexes[diagnostic.file].get_or_insert_with(|| LineIndex::new(text));
                let start = index.line_column(text, diagnostic.span.start);
                let end = index.line_column(text, diagnostic.span.end);
                JsonDiagnostic {
                    code: diagnostic.code,
                    name: diagnostic.name,
                    severity: diagnostic.severity,
                    message: diagnostic.message.clone(),
                    file: files[diagnostic.file].source.path.clone(),
                    document: diagnostic.document,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    pointer: diagnostic.pointer.clone(),
                    help: diagnostic.help.clone(),
                    url: rules::rule(diagnostic.code)
                        .map(rules::RuleMeta::url)
                        .unwrap_or_default(),
                    fix: diagnostic
                        .fix
                        .as_ref()
                        .map(|fix| JsonFix::new(fix, text, index)),
                }
            })
            .collect();
        Self {
            version: JSON_VERSION,
            diagnostics,
            summary: report.summary,
            skipped: report.skipped.clone(),
        }
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Whether a text holds a control character a terminal may act on (C0 but tab, line feed and
/// carriage return; DEL; C1): such source lines are not shown in text outputs.
pub fn has_control_characters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// A message for a terminal or a CI log: control characters (an escape sequence in a quoted
/// value, a line break that would start a new log command) written as `\u{..}` escapes.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The JSON report of the version gates (`kataster version check/audit/promote`).
impl crate::check::versions::Findings {
    pub fn json(&self) -> JsonReport {
        JsonReport::new(&self.report(), &self.parsed_files())
    }
}

/// The JSON report of a version scenario: the report of `kataster check` plus `facts`.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioReport {
    #[serde(flatten)]
    pub report: JsonReport,
    pub facts: serde_json::Value,
}

impl crate::check::versions::scenario::ScenarioOutcome {
    pub fn to_json_pretty(&self) -> String {
        let report = ScenarioReport {
            report: self.findings.json(),
            facts: self.facts.clone(),
        };
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    }
}
