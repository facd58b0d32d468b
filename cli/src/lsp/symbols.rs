//! `textDocument/documentSymbol`: one symbol per entity of a catalog file, named by the
//! entity's name, spanning its document, selecting its `metadata.name`.

use kataster_core::source::LineIndex;
use lsp_types::{DocumentSymbol, DocumentSymbolResponse, SymbolKind, Uri};

use super::navigation::entities;
use super::positions;
use super::workspace::Workspace;

/// The symbol kind an editor shows for a Backstage kind.
fn symbol_kind(kind: &str) -> SymbolKind {
    match kind.to_ascii_lowercase().as_str() {
        "component" => SymbolKind::CLASS,
        "api" => SymbolKind::INTERFACE,
        "resource" => SymbolKind::OBJECT,
        "system" => SymbolKind::NAMESPACE,
        "domain" => SymbolKind::PACKAGE,
        "group" => SymbolKind::STRUCT,
        "user" => SymbolKind::CONSTANT,
        "location" => SymbolKind::FILE,
        "template" => SymbolKind::CONSTRUCTOR,
        _ => SymbolKind::MODULE,
    }
}

pub fn document_symbols(workspace: &Workspace, uri: &Uri) -> Option<DocumentSymbolResponse> {
    let index = workspace.file_index(uri)?;
    let file = &workspace.checker.files()[index];
    let text = &file.source.text;
    let lines = LineIndex::new(text);
    let symbols = entities(file, index)
        .map(|entity| {
            let kind = entity.kind().unwrap_or("entity");
            let name_node = entity.metadata().and_then(|metadata| metadata.get("name"));
            let name = entity
                .name()
                .map_or_else(|| format!("({kind} without a name)"), str::to_owned);
            let namespace = entity.namespace();
            #[allow(deprecated)] // `deprecated` is a required field of the struct
            DocumentSymbol {
                name,
                detail: Some(if namespace == "default" {
                    kind.to_owned()
                } else {
                    format!("{kind} in {namespace}")
                }),
                kind: symbol_kind(kind),
                tags: None,
                deprecated: None,
                range: positions::range(text, &lines, &entity.root.span),
                selection_range: positions::range(
                    text,
                    &lines,
                    &name_node.unwrap_or(entity.root).span,
                ),
                children: None,
            }
        })
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}
