//! A checked file: its source, its parsed documents and the problems found before the rules
//! ran; and the entities its documents hold.

use crate::catalog::Entity;
use crate::diagnostic::{Finding, RuleMeta};
use crate::source::{FileKind, SourceFile};
use crate::yaml::Document;

/// A checked file: its source and its parsed documents.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub source: SourceFile,
    /// Every document with its errors and span; the trees are reduced to what the cross-file
    /// rules read unless [`crate::check::CheckOptions::full_documents`] is set.
    pub documents: Vec<Document>,
    /// Problems found before the rules run: a failure to read the file (IO0xx) or the
    /// problems of a policy file (POL0xx), with the document they are in.
    pub problems: Vec<(&'static RuleMeta, Option<usize>, Finding)>,
}

/// The entity documents of a catalog file: readable documents whose root is a mapping.
pub fn file_entities(file: &ParsedFile, index: usize) -> impl Iterator<Item = Entity<'_>> {
    let catalog = file.source.kind == FileKind::Catalog;
    mapping_documents(file, index).filter(move |_| catalog)
}

/// The readable mapping documents of every manifest file (Argo CD, Rancher, Flux, Kubernetes).
pub fn manifest_documents(files: &[ParsedFile]) -> impl Iterator<Item = Entity<'_>> {
    files
        .iter()
        .enumerate()
        .filter(|(_, file)| file.source.kind == FileKind::Manifests)
        .flat_map(|(index, file)| mapping_documents(file, index))
}

/// The readable documents of a file whose root is a mapping, as entities (whatever they hold).
pub fn mapping_documents(file: &ParsedFile, index: usize) -> impl Iterator<Item = Entity<'_>> {
    file.documents
        .iter()
        .filter(|document| document.errors.is_empty())
        .filter_map(move |document| {
            let root = document
                .root
                .as_ref()
                .filter(|root| root.as_mapping().is_some())?;
            Some(Entity {
                file: index,
                document: document.index,
                root,
                contributor: file.source.contributor.as_deref(),
            })
        })
}
