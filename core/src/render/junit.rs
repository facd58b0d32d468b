//! `--format junit`: JUnit XML (`artifacts: reports: junit`, Jenkins, Azure test results).
//!
//! One `<testsuite>` per checked file, one `<testcase>` per YAML document (named by its entity
//! reference when it has one), plus a `file` testcase for problems of the whole file. A document
//! whose input could not be checked (IO0xx, YAML0xx) gets an `<error>`; one with findings from the
//! `--fail-on` severity up (errors always) a `<failure>`; each carries every such diagnostic in
//! its text. Findings below that severity go to `<system-out>`. No clock: `time` is 0.

use std::fmt::Write as _;

use crate::Severity;
use crate::report::JsonDiagnostic;
use crate::source::LineIndex;

use super::{Context, Input, document_label, is_failure_to_check, project_path};
use super::{xml_escape, xml_escape_text};

/// One testcase: a document (or the file itself) and its diagnostics.
struct Case<'a> {
    name: String,
    line: usize,
    diagnostics: Vec<&'a JsonDiagnostic>,
}

enum Verdict {
    Pass,
    Failure,
    Error,
}

pub fn render(input: Input<'_>, context: &Context) -> String {
    let fails = |d: &JsonDiagnostic| d.severity >= context.fail_from.min(Severity::Error);
    let mut suites = String::new();
    let (mut total_tests, mut total_failures, mut total_errors) = (0, 0, 0);
    for (index, file) in input.files.iter().enumerate() {
        let path = project_path(&file.source.path, context);
        let diagnostics: Vec<(&JsonDiagnostic, Option<usize>)> = input
            .report
            .diagnostics
            .iter()
            .zip(&input.json.diagnostics)
            .filter(|(diagnostic, _)| diagnostic.file == index)
            .map(|(diagnostic, d)| (d, diagnostic.document))
            .collect();
        let text = file.source.text.as_str();
        let lines = LineIndex::new(text);
        let mut cases: Vec<Case<'_>> = Vec::new();
        let file_level: Vec<&JsonDiagnostic> = diagnostics
            .iter()
            .filter(|(_, document)| {
                document
                    .is_none_or(|document| !file.documents.iter().any(|doc| doc.index == document))
            })
            .map(|(d, _)| *d)
            .collect();
        if !file_level.is_empty() || file.documents.is_empty() {
            cases.push(Case {
                name: "file".to_owned(),
                line: 1,
                diagnostics: file_level,
            });
        }
        for document in &file.documents {
            let start = text[document.span.start.min(text.len())..]
                .find(|c: char| !c.is_whitespace())
                .map_or(document.span.start, |skip| document.span.start + skip);
            cases.push(Case {
                name: document_label(file, index, document.index),
                line: lines.line_column(text, start).line,
                diagnostics: diagnostics
                    .iter()
                    .filter(|(_, doc)| *doc == Some(document.index))
                    .map(|(d, _)| *d)
                    .collect(),
            });
        }
        let mut testcases = String::new();
        let (mut failures, mut errors) = (0, 0);
        for case in &cases {
            let failing: Vec<&JsonDiagnostic> = case
                .diagnostics
                .iter()
                .copied()
                .filter(|d| is_failure_to_check(d.code) || fails(d))
                .collect();
            let passing: Vec<&JsonDiagnostic> = case
                .diagnostics
                .iter()
                .copied()
                .filter(|d| !(is_failure_to_check(d.code) || fails(d)))
                .collect();
            let verdict = if failing.iter().any(|d| is_failure_to_check(d.code)) {
                errors += 1;
                Verdict::Error
            } else if failing.is_empty() {
                Verdict::Pass
            } else {
                failures += 1;
                Verdict::Failure
            };
            let _ = write!(
                testcases,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\" time=\"0\"",
                xml_escape(&case.name),
                xml_escape(&path),
                xml_escape(&path),
                case.line,
            );
            if matches!(verdict, Verdict::Pass) && passing.is_empty() {
                testcases.push_str("/>\n");
                continue;
            }
            testcases.push_str(">\n");
            let element = match verdict {
                Verdict::Pass => None,
                Verdict::Failure => Some("failure"),
                Verdict::Error => Some("error"),
            };
            if let Some(element) = element {
                let first = failing[0];
                let mut message = format!("{}: {}", first.code, first.message);
                if failing.len() > 1 {
                    let _ = write!(message, " (and {} more)", failing.len() - 1);
                }
                let _ = writeln!(
                    testcases,
                    "      <{element} message=\"{}\" type=\"{}\">{}</{element}>",
                    xml_escape(&message),
                    first.code,
                    xml_escape_text(&details(&path, &failing)),
                );
            }
            if !passing.is_empty() {
                let _ = writeln!(
                    testcases,
                    "      <system-out>{}</system-out>",
                    xml_escape_text(&details(&path, &passing))
                );
            }
            testcases.push_str("    </testcase>\n");
        }
        total_tests += cases.len();
        total_failures += failures;
        total_errors += errors;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"0\">\n{testcases}  </testsuite>\n",
            xml_escape(&path),
            cases.len(),
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"kataster\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"{total_errors}\" skipped=\"0\" time=\"0\">\n{suites}</testsuites>\n"
    )
}

/// The diagnostics as text: `path:line:col: CODE [severity] message (name)`, then help and URL.
fn details(path: &str, diagnostics: &[&JsonDiagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{path}:{}:{}: {} [{}] {} ({})",
            d.line, d.column, d.code, d.severity, d.message, d.name
        );
        if !d.pointer.is_empty() {
            let _ = writeln!(out, "  at: {}", d.pointer);
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
        if !d.url.is_empty() {
            let _ = writeln!(out, "  see: {}", d.url);
        }
    }
    out
}
