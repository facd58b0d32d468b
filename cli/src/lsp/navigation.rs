//! Hover and go-to-definition on entity references, completion of references and of the
//! values the policy allows.

use kataster_core::catalog::Entity;
use kataster_core::catalog::kinds::builtin_kind;
use kataster_core::catalog::refs::{EntityRef, RELATION_FIELDS, spec_refs};
use kataster_core::source::LineIndex;
use kataster_core::{FileKind, ParsedFile};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit,
    GotoDefinitionResponse, Hover, HoverContents, Location, MarkupContent, MarkupKind, Position,
    TextDocumentPositionParams, TextEdit,
};

use super::positions;
use super::workspace::Workspace;

/// The entities of a parsed catalog file.
pub(super) fn entities(file: &ParsedFile, index: usize) -> impl Iterator<Item = Entity<'_>> {
    let catalog = file.source.kind == FileKind::Catalog;
    file.documents
        .iter()
        .filter(move |document| catalog && document.errors.is_empty())
        .filter_map(move |document| {
            let root = document
                .root
                .as_ref()
                .filter(|root| root.as_mapping().is_some())?;
            Some(Entity {
                file: index,
                document: document.index,
                root,
                contributor: None,
            })
        })
}

/// Every entity of the workspace.
fn all_entities(workspace: &Workspace) -> impl Iterator<Item = Entity<'_>> {
    workspace
        .checker
        .files()
        .iter()
        .enumerate()
        .flat_map(|(index, file)| entities(file, index))
}

/// The reference under the cursor, with the range of its node.
fn reference_at(
    workspace: &Workspace,
    at: &TextDocumentPositionParams,
) -> Option<(EntityRef, std::ops::Range<usize>, usize)> {
    let index = workspace.file_index(&at.text_document.uri)?;
    let file = &workspace.checker.files()[index];
    let text = &file.source.text;
    let offset = positions::offset(text, &LineIndex::new(text), at.position);
    for entity in entities(file, index) {
        if !(entity.root.span.start..=entity.root.span.end).contains(&offset) {
            continue;
        }
        let (Some(api_version), Some(kind), Some(spec)) =
            (entity.api_version(), entity.kind(), entity.spec())
        else {
            continue;
        };
        if builtin_kind(api_version, kind).is_none() {
            continue;
        }
        for found in spec_refs(kind, spec, entity.namespace()) {
            if (found.node.span.start..=found.node.span.end).contains(&offset) {
                return Some((found.parsed.ok()?, found.node.span.clone(), index));
            }
        }
    }
    None
}

fn target<'w>(workspace: &'w Workspace, reference: &EntityRef) -> Option<Entity<'w>> {
    let key = reference.key();
    all_entities(workspace).find(|entity| entity.key().as_deref() == Some(key.as_str()))
}

pub fn hover(workspace: &Workspace, at: &TextDocumentPositionParams) -> Option<Hover> {
    let (reference, span, index) = reference_at(workspace, at)?;
    let files = workspace.checker.files();
    let value = match target(workspace, &reference) {
        Some(entity) => {
            let metadata = entity.metadata();
            let field = |key: &str| {
                metadata
                    .and_then(|m| m.get(key))
                    .and_then(|node| node.as_str())
            };
            let spec = |key: &str| {
                entity
                    .spec()
                    .and_then(|s| s.get(key))
                    .and_then(|node| node.as_str())
            };
            let mut lines = vec![format!("**{}**", entity.display_ref())];
            if let Some(title) = field("title") {
                lines.push(title.to_owned());
            }
            if let Some(description) = field("description") {
                lines.push(String::new());
                lines.push(description.to_owned());
            }
            let facts: Vec<String> = ["type", "lifecycle", "owner"]
                .iter()
                .filter_map(|key| spec(key).map(|value| format!("{key}: `{value}`")))
                .collect();
            if !facts.is_empty() {
                lines.push(String::new());
                lines.push(facts.join(" · "));
            }
            lines.push(String::new());
            lines.push(format!("defined in `{}`", files[entity.file].source.path));
            lines.join("\n")
        }
        None => format!("**{reference}**\n\nnot defined in the workspace (kataster rule CAT101)"),
    };
    let text = &files[index].source.text;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(positions::range(text, &LineIndex::new(text), &span)),
    })
}

pub fn definition(
    workspace: &Workspace,
    at: &TextDocumentPositionParams,
) -> Option<GotoDefinitionResponse> {
    let (reference, _, _) = reference_at(workspace, at)?;
    let entity = target(workspace, &reference)?;
    let file = &workspace.checker.files()[entity.file];
    let node = entity
        .metadata()
        .and_then(|metadata| metadata.get("name"))
        .unwrap_or(entity.root);
    let text = &file.source.text;
    let uri = positions::uri(std::path::Path::new(&file.source.path))?;
    Some(GotoDefinitionResponse::Scalar(Location {
        uri,
        range: positions::range(text, &LineIndex::new(text), &node.span),
    }))
}

/// The key a line sets (`  owner: gr` → `owner`), or the key of the list a `- ` line is in.
fn key_at(text: &str, lines: &LineIndex, line: usize) -> Option<(String, usize)> {
    let current = &text[lines.line_range(text, line)];
    let trimmed = current.trim_start();
    let indent = current.len() - trimmed.len();
    if let Some((key, _)) = trimmed
        .split_once(':')
        .filter(|(key, _)| !key.starts_with('-') && !key.contains(' '))
    {
        return Some((key.trim_matches(['"', '\'']).to_owned(), indent));
    }
    if trimmed.starts_with('-') {
        for above in (1..line).rev() {
            let candidate = &text[lines.line_range(text, above)];
            let candidate_trimmed = candidate.trim_start();
            let candidate_indent = candidate.len() - candidate_trimmed.len();
            if candidate_trimmed.is_empty()
                || candidate_indent > indent
                || candidate_trimmed.starts_with('-')
            {
                continue;
            }
            let (key, _) = candidate_trimmed.split_once(':')?;
            return Some((key.to_owned(), candidate_indent));
        }
    }
    None
}

/// The entity kind of the document around a line (the nearest `kind:` at the root above).
fn kind_at(text: &str, lines: &LineIndex, line: usize) -> Option<String> {
    (1..=line).rev().find_map(|number| {
        let candidate = &text[lines.line_range(text, number)];
        if candidate.starts_with("---") {
            return Some(None);
        }
        candidate
            .strip_prefix("kind:")
            .map(|kind| Some(kind.trim().trim_matches(['"', '\'']).to_owned()))
    })?
}

pub fn completion(
    workspace: &Workspace,
    at: &TextDocumentPositionParams,
) -> Option<CompletionResponse> {
    // The checked text, or the buffer of an open document that is not checked (never the
    // disk: a client may name any file).
    let text = if let Some(index) = workspace.file_index(&at.text_document.uri) {
        workspace.checker.files()[index].source.text.clone()
    } else {
        let path = crate::collect::canonical(&positions::path(&at.text_document.uri)?);
        workspace.open.get(&path)?.text.clone()
    };
    let lines = LineIndex::new(&text);
    let line = usize::try_from(at.position.line).ok()? + 1;
    if line > lines.line_count() {
        return None;
    }
    let (key, _) = key_at(&text, &lines, line)?;
    let word = positions::range(&text, &lines, &word_at(&text, &lines, at.position));
    let kind = kind_at(&text, &lines, line);
    let policy = workspace
        .policy
        .as_ref()
        .map(|policy| &policy.loaded.policy);
    let values: Vec<(String, CompletionItemKind, Option<String>)> = match key.as_str() {
        "type" => {
            let kind = kind?;
            let types = policy.and_then(|policy| {
                policy
                    .model
                    .types
                    .iter()
                    .find(|(listed, _)| listed.eq_ignore_ascii_case(&kind))
                    .map(|(_, types)| types.clone())
            });
            let types = types.unwrap_or_else(|| default_types(&kind));
            types
                .into_iter()
                .map(|value| (value, CompletionItemKind::ENUM_MEMBER, None))
                .collect()
        }
        "lifecycle" => {
            let lifecycles = policy
                .map(|policy| policy.model.lifecycles.clone())
                .filter(|lifecycles| !lifecycles.is_empty());
            lifecycles
                .unwrap_or_else(|| {
                    vec![
                        "experimental".into(),
                        "production".into(),
                        "deprecated".into(),
                    ]
                })
                .into_iter()
                .map(|value| (value, CompletionItemKind::ENUM_MEMBER, None))
                .collect()
        }
        field => {
            let kind = kind?;
            let relation = RELATION_FIELDS
                .iter()
                .find(|relation| relation.kind == kind && relation.field == field)?;
            all_entities(workspace)
                .filter(|entity| {
                    entity.kind().is_some_and(|candidate| {
                        relation
                            .target_kinds
                            .iter()
                            .any(|allowed| allowed.eq_ignore_ascii_case(candidate))
                    })
                })
                .filter_map(|entity| {
                    let name = entity.name()?;
                    let kind = entity.kind()?.to_lowercase();
                    let namespace = entity.namespace();
                    let label = if namespace == "default" {
                        format!("{kind}:{name}")
                    } else {
                        format!("{kind}:{namespace}/{name}")
                    };
                    let title = entity
                        .metadata()
                        .and_then(|m| m.get("title"))
                        .and_then(|node| node.as_str())
                        .map(str::to_owned);
                    Some((label, CompletionItemKind::REFERENCE, title))
                })
                .collect()
        }
    };
    Some(CompletionResponse::Array(
        values
            .into_iter()
            .map(|(label, kind, detail)| CompletionItem {
                // The item replaces what is typed of the value (`resource:` does not come twice).
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: word,
                    new_text: label.clone(),
                })),
                filter_text: Some(label.clone()),
                label,
                kind: Some(kind),
                detail,
                ..CompletionItem::default()
            })
            .collect(),
    ))
}

/// The bytes of the value being typed at a position: from the last blank, `[`, `{`, `,` or
/// quote before it to the next one after it, on its line.
fn word_at(text: &str, lines: &LineIndex, at: Position) -> std::ops::Range<usize> {
    let offset = positions::offset(text, lines, at);
    let line = lines.line_range(text, lines.line_column(text, offset).line);
    let stop = |c: char| c.is_whitespace() || "[]{},\"'".contains(c);
    let offset = offset.clamp(line.start, line.end);
    let start = text[line.start..offset]
        .char_indices()
        .rev()
        .find(|(_, c)| stop(*c))
        .map_or(line.start, |(found, c)| line.start + found + c.len_utf8());
    let end = text[offset..line.end]
        .find(stop)
        .map_or(line.end, |found| offset + found);
    start..end
}

/// Backstage's well-known types per kind, when the policy does not restrict them.
fn default_types(kind: &str) -> Vec<String> {
    let types: &[&str] = match kind {
        "Component" => &["service", "website", "library"],
        "API" => &["openapi", "asyncapi", "graphql", "grpc"],
        "Resource" => &["database", "storage", "cluster"],
        "Group" => &["team", "business-unit", "product-area", "root"],
        _ => &[],
    };
    types.iter().map(|value| (*value).to_owned()).collect()
}
