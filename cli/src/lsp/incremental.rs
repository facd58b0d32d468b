//! Incremental checks. A change of a file the last refresh parsed is applied to that file
//! alone: its new text is read as the walk reads it, parsed, and its documents' rules run
//! again (`Checker::replace_file`); then the cross-file rules run over the files already
//! parsed. What could change which files are checked or how needs a refresh: the policy or
//! one of its custom schemas, a Location's targets, a file that is new or that stops being
//! the kind of file it was, or the folders on disk (a save, a close).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use kataster_core::SourceFile;
use kataster_core::discover::Reading;

use super::workspace::Workspace;
use crate::collect::{canonical, reading};
use crate::facts::FileSystem;

/// What changed since the last check (or what a check touched).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Anything may have: read and check everything again.
    pub everything: bool,
    /// The documents that changed, by canonical path.
    pub documents: HashSet<PathBuf>,
}

impl Changes {
    pub fn everything() -> Self {
        Self {
            everything: true,
            documents: HashSet::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.everything && self.documents.is_empty()
    }

    /// Whether a document's diagnostics may differ for a reason other than its findings (its
    /// text or its version changed).
    pub fn touches(&self, path: &Path) -> bool {
        self.everything || self.documents.contains(path)
    }

    /// Both: what `self` and `other` changed.
    pub fn merge(&mut self, other: Self) {
        self.everything |= other.everything;
        self.documents.extend(other.documents);
    }
}

impl Workspace {
    /// Check again after `changes`: incrementally when every changed document allows it, else
    /// everything. Returns what the check touched.
    pub fn update(&mut self, changes: Changes) -> Changes {
        let incremental = !changes.everything
            && self.run_root.is_some()
            && changes.documents.iter().all(|path| self.replace(path));
        if !incremental {
            self.refresh();
            return Changes::everything();
        }
        if let Some(root) = self.run_root.clone() {
            self.report = Some(self.checker.check_incremental(&FileSystem { root }));
        }
        changes
    }

    /// Apply the change of one document to the checker; false when that needs a refresh.
    fn replace(&mut self, path: &Path) -> bool {
        if self.is_policy_input(path) {
            return false;
        }
        let (Some(read), Some(root)) = (self.indexed.get(path), self.run_root.as_ref()) else {
            return false;
        };
        let bytes = match self.open.get(path) {
            Some(document) => document.text.clone().into_bytes(),
            None => match std::fs::read(&read.path) {
                Ok(bytes) => bytes,
                Err(_) => return false,
            },
        };
        let index = read.index;
        let Reading::Check(text, kind) = reading(root, &read.path, bytes, read.explicit) else {
            return false;
        };
        let Some(before) = self.checker.files().get(index) else {
            return false;
        };
        if kind != before.source.kind {
            return false;
        }
        let source = SourceFile::new(before.source.path.clone(), text)
            .with_kind(kind)
            .with_contributor(before.source.contributor.clone());
        let targets = self.checker.location_targets(index);
        self.checker.replace_file(index, source);
        targets == self.checker.location_targets(index)
    }

    /// Whether a file is the policy or one of the custom schemas it names.
    fn is_policy_input(&self, path: &Path) -> bool {
        self.policy_inputs.contains(path)
            || self
                .policy
                .as_ref()
                .is_some_and(|policy| canonical(&policy.path) == path)
            || path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| kataster_core::discover::POLICY_FILE_NAMES.contains(&name))
    }
}

#[cfg(test)]
mod tests;
