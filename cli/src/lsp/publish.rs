//! `textDocument/publishDiagnostics`: the report's diagnostics in LSP terms, published once
//! per change: for a document whose diagnostics or version changed since the last publish,
//! with the version of the buffer that was checked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use kataster_core::Severity;
use kataster_core::source::LineIndex;
use lsp_server::Notification;
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Uri};

use super::incremental::Changes;
use super::positions;
use super::workspace::Workspace;
use crate::collect::canonical;

/// What was last published for a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
    /// The report's diagnostics they were made of.
    found: Vec<kataster_core::Diagnostic>,
}

/// A diagnostic of the report in LSP terms (`text` is its file's).
pub fn diagnostic(
    diagnostic: &kataster_core::Diagnostic,
    text: &str,
    lines: &LineIndex,
) -> Diagnostic {
    let rule = kataster_core::rules::rule(diagnostic.code);
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Diagnostic {
        range: positions::range(text, lines, &diagnostic.span),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(diagnostic.code.to_owned())),
        code_description: rule
            .and_then(|rule| rule.url().parse().ok())
            .map(|href| lsp_types::CodeDescription { href }),
        source: Some("kataster".to_owned()),
        message,
        ..Diagnostic::default()
    }
}

/// The notifications for what changed since the last publish: the documents whose
/// diagnostics changed, the open documents whose version changed (even when their
/// diagnostics did not: the client learns that the version was checked), and empty lists for
/// files that no longer have any. A document the checks since then did not `touch` (its text
/// and version are the same) is converted again only when its findings changed.
pub fn changes(workspace: &mut Workspace, touched: &Changes) -> Vec<Notification> {
    let Some(report) = &workspace.report else {
        return Vec::new();
    };
    let files = workspace.checker.files();
    let mut found: HashMap<PathBuf, Vec<&kataster_core::Diagnostic>> = HashMap::new();
    for group in report.diagnostics.chunk_by(|a, b| a.file == b.file) {
        let file = group[0].file;
        let key = workspace.path_of(file).map_or_else(
            || canonical(Path::new(&files[file].source.path)),
            Path::to_path_buf,
        );
        found.entry(key).or_default().extend(group);
    }
    for path in workspace.open.keys() {
        found.entry(path.clone()).or_default();
    }
    let mut before = std::mem::take(&mut workspace.published);
    let mut notifications = Vec::new();
    let mut published = HashMap::new();
    for (path, diagnostics) in found {
        let old = before.remove(&path);
        let unchanged = old.as_ref().is_some_and(|old| {
            !touched.touches(&path) && old.found.iter().eq(diagnostics.iter().copied())
        });
        if let (true, Some(old)) = (unchanged, old.clone()) {
            published.insert(path, old);
            continue;
        }
        let document = workspace.open.get(&path);
        let uri = match document {
            Some(document) => Some(document.uri.clone()),
            None => diagnostics
                .first()
                .and_then(|first| positions::uri(Path::new(&files[first.file].source.path))),
        };
        let Some(uri) = uri else { continue };
        let current = Published {
            version: document.map(|document| document.version),
            diagnostics: convert(&diagnostics, files),
            found: diagnostics.into_iter().cloned().collect(),
        };
        let same = old.as_ref().is_some_and(|old| {
            old.version == current.version && old.diagnostics == current.diagnostics
        });
        if !same {
            notifications.push(publish(uri, &current));
        }
        published.insert(path, current);
    }
    for (path, old) in before {
        if old.diagnostics.is_empty() {
            continue;
        }
        if let Some(uri) = positions::uri(&path) {
            notifications.push(publish(
                uri,
                &Published {
                    version: None,
                    diagnostics: Vec::new(),
                    found: Vec::new(),
                },
            ));
        }
    }
    workspace.published = published;
    notifications
}

/// The report's diagnostics of one document in LSP terms.
fn convert(
    found: &[&kataster_core::Diagnostic],
    files: &[kataster_core::ParsedFile],
) -> Vec<Diagnostic> {
    let mut lines: HashMap<usize, LineIndex> = HashMap::new();
    found
        .iter()
        .map(|found| {
            let text = &files[found.file].source.text;
            let index = lines
                .entry(found.file)
                .or_insert_with(|| LineIndex::new(text));
            diagnostic(found, text, index)
        })
        .collect()
}

fn publish(uri: Uri, published: &Published) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_owned(),
        PublishDiagnosticsParams {
            uri,
            diagnostics: published.diagnostics.clone(),
            version: published.version,
        },
    )
}
