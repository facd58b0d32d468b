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

use super::positions;
use super::workspace::Workspace;
use crate::collect::canonical;

/// What was last published for a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
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
/// files that no longer have any.
pub fn changes(workspace: &mut Workspace) -> Vec<Notification> {
    let Some(report) = &workspace.report else {
        return Vec::new();
    };
    let files = workspace.checker.files();
    let mut now: HashMap<PathBuf, (Uri, Vec<Diagnostic>)> = HashMap::new();
    let mut indexes: HashMap<usize, LineIndex> = HashMap::new();
    let mut keys: HashMap<usize, PathBuf> = HashMap::new();
    for found in &report.diagnostics {
        let text = &files[found.file].source.text;
        let lines = indexes
            .entry(found.file)
            .or_insert_with(|| LineIndex::new(text));
        let key = keys
            .entry(found.file)
            .or_insert_with(|| canonical(Path::new(&files[found.file].source.path)))
            .clone();
        let uri = match workspace.open.get(&key) {
            Some(document) => Some(document.uri.clone()),
            None => positions::uri(Path::new(&files[found.file].source.path)),
        };
        let Some(uri) = uri else { continue };
        now.entry(key)
            .or_insert_with(|| (uri, Vec::new()))
            .1
            .push(diagnostic(found, text, lines));
    }
    for (path, document) in &workspace.open {
        now.entry(path.clone())
            .or_insert_with(|| (document.uri.clone(), Vec::new()));
    }
    let mut notifications = Vec::new();
    let mut published = HashMap::new();
    for (path, (uri, diagnostics)) in now {
        let version = workspace.open.get(&path).map(|document| document.version);
        let current = Published {
            version,
            diagnostics,
        };
        if workspace.published.get(&path) != Some(&current) {
            notifications.push(publish(uri, &current));
        }
        published.insert(path, current);
    }
    for (path, before) in &workspace.published {
        if published.contains_key(path) || before.diagnostics.is_empty() {
            continue;
        }
        if let Some(uri) = positions::uri(path) {
            notifications.push(publish(
                uri,
                &Published {
                    version: None,
                    diagnostics: Vec::new(),
                },
            ));
        }
    }
    workspace.published = published;
    notifications
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
