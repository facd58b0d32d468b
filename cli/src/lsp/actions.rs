//! Code actions: the core's fixes as edits of the buffer. A `quickfix` per diagnostic with a
//! fix in the requested range (unsafe ones say so in their title and are never preferred),
//! and `source.fixAll.kataster`: every safe fix of the document, pass after pass
//! (`super::fix_all`).

use std::collections::HashMap;

use kataster_core::diagnostic::fix::{self, Applicability, Edit, Fix};
use kataster_core::source::LineIndex;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::fix_all;
use super::positions;
use super::publish;
use super::workspace::Workspace;

/// The kind of the action that applies every safe fix of a document.
pub const FIX_ALL: &str = "source.fixAll.kataster";

/// The kinds the server offers (advertised in its capabilities).
pub fn kinds() -> Vec<CodeActionKind> {
    vec![CodeActionKind::QUICKFIX, CodeActionKind::from(FIX_ALL)]
}

/// Whether the client asked for actions of `kind` (`only` names kinds or their parents).
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|asked| {
            let asked = asked.as_str();
            kind == asked
                || kind
                    .strip_prefix(asked)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

fn touches(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

fn text_edits(text: &str, lines: &LineIndex, edits: &[Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| TextEdit {
            range: positions::range(text, lines, &edit.range),
            new_text: edit.content.clone(),
        })
        .collect()
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

pub fn code_actions(workspace: &mut Workspace, params: &CodeActionParams) -> CodeActionResponse {
    let only = params.context.only.as_deref();
    let passes = workspace
        .file_index(&params.text_document.uri)
        .filter(|_| wanted(only, FIX_ALL))
        .and_then(|index| fix_all::text_after_passes(workspace, index));
    let workspace = &*workspace;
    let mut actions = Vec::new();
    let (Some(index), Some(report)) = (
        workspace.file_index(&params.text_document.uri),
        workspace.report.as_ref(),
    ) else {
        return actions;
    };
    let uri = &params.text_document.uri;
    let text = &workspace.checker.files()[index].source.text;
    let lines = LineIndex::new(text);
    let fixable: Vec<(&kataster_core::Diagnostic, &Fix)> = report
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.file == index)
        .filter_map(|diagnostic| Some((diagnostic, diagnostic.fix.as_ref()?)))
        .collect();
    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        for (diagnostic, fix) in &fixable {
            let shown = publish::diagnostic(diagnostic, text, &lines);
            if !touches(&shown.range, &params.range) {
                continue;
            }
            let safe = fix.applicability == Applicability::Safe;
            let title = if safe {
                fix.message.clone()
            } else {
                format!("{} (unsafe fix)", fix.message)
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown]),
                edit: Some(workspace_edit(uri, text_edits(text, &lines, &fix.edits))),
                is_preferred: Some(safe),
                ..CodeAction::default()
            }));
        }
    }
    let safe: Vec<&Fix> = fixable
        .iter()
        .map(|(_, fix)| *fix)
        .filter(|fix| fix.applicability == Applicability::Safe)
        .collect();
    if !safe.is_empty() && wanted(only, FIX_ALL) {
        let (edits, applied) = if let Some((fixed, applied)) = passes {
            let (range, content) = fix_all::difference(text, &fixed);
            (vec![Edit::replacement(range, content)], applied)
        } else {
            let plan = fix::plan(text, &safe);
            (plan.edits, plan.applied)
        };
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("kataster: fix all safe fixes ({applied})"),
            kind: Some(CodeActionKind::from(FIX_ALL)),
            edit: Some(workspace_edit(uri, text_edits(text, &lines, &edits))),
            ..CodeAction::default()
        }));
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_their_parents() {
        let source = [CodeActionKind::SOURCE];
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        let quickfix = [CodeActionKind::QUICKFIX];
        assert!(wanted(None, FIX_ALL));
        assert!(wanted(Some(&source), FIX_ALL));
        assert!(wanted(Some(&fix_all), FIX_ALL));
        assert!(!wanted(Some(&quickfix), FIX_ALL));
        assert!(wanted(Some(&quickfix), "quickfix"));
        assert!(!wanted(Some(&source), "quickfix"));
    }
}
