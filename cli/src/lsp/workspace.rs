//! The workspace as the server sees it: the folders on disk with the open documents on top,
//! checked together after a change. An open document is checked from its buffer, saved or
//! not, new or not; so are the policy file and its custom schemas when they are open.
//! [`Workspace::refresh`] reads and checks everything; a change of a file already checked is
//! applied incrementally (`super::incremental`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use kataster_core::discover::POLICY_FILE_NAMES;
use kataster_core::source::FileKind;
use kataster_core::yaml::ParseOptions;
use kataster_core::{CheckOptions, Checker, Report, load_policy};
use lsp_types::{InitializeParams, Uri};

use super::positions;
use super::publish::Published;
use crate::collect::{Collector, ReadFile, canonical};
use crate::facts::FileSystem;
use crate::policy::{self, PolicyFile};
use crate::root::Root;

/// The canonical path of a `file://` URI.
pub fn canonical_path(uri: &Uri) -> Option<PathBuf> {
    Some(canonical(&positions::path(uri)?))
}

/// A document the client has open.
#[derive(Debug, Clone)]
pub struct Document {
    /// As the client names it (diagnostics are published under this URI).
    pub uri: Uri,
    pub text: String,
    pub version: i32,
}

/// The folders, the open documents and the last check.
pub struct Workspace {
    roots: Vec<PathBuf>,
    /// By canonical path.
    pub(super) open: HashMap<PathBuf, Document>,
    /// What was last published, by canonical path.
    pub(super) published: HashMap<PathBuf, Published>,
    pub(super) checker: Checker,
    pub(super) report: Option<Report>,
    pub(super) policy: Option<PolicyFile>,
    /// The files the last refresh parsed, by canonical path, and how they were read.
    pub(super) indexed: HashMap<PathBuf, ReadFile>,
    /// The canonical path of each file of the checker the last refresh parsed, by index.
    paths: Vec<Option<PathBuf>>,
    /// The policy's custom schemas as the last refresh read them, by canonical path.
    pub(super) policy_inputs: HashSet<PathBuf>,
    /// What the last refresh could read.
    pub(super) run_root: Option<Root>,
}

impl Workspace {
    pub fn new(params: &InitializeParams) -> Self {
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|folder| positions::path(&folder.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(positions::path));
        }
        Self {
            roots,
            open: HashMap::new(),
            published: HashMap::new(),
            checker: Checker::default(),
            report: None,
            policy: None,
            indexed: HashMap::new(),
            paths: Vec::new(),
            policy_inputs: HashSet::new(),
            run_root: None,
        }
    }

    /// Open a document or change its text; its canonical path.
    pub fn open(&mut self, uri: &Uri, text: String, version: i32) -> Option<PathBuf> {
        let path = canonical(&positions::path(uri)?);
        self.open.insert(
            path.clone(),
            Document {
                uri: uri.clone(),
                text,
                version,
            },
        );
        Some(path)
    }

    /// Close a document; its canonical path.
    pub fn close(&mut self, uri: &Uri) -> Option<PathBuf> {
        let path = canonical(&positions::path(uri)?);
        self.open.remove(&path);
        Some(path)
    }

    /// The open buffers' texts, by canonical path.
    fn texts(&self) -> HashMap<PathBuf, String> {
        self.open
            .iter()
            .map(|(path, document)| (path.clone(), document.text.clone()))
            .collect()
    }

    /// The policy: an open `kataster.yaml` (saved or not) in the first folder, else the one on
    /// disk.
    fn find_policy(&self, first: &Path, root: &Root) -> Option<PolicyFile> {
        let dir = if first.is_dir() {
            first
        } else {
            first.parent()?
        };
        for name in POLICY_FILE_NAMES {
            let path = dir.join(name);
            if let Some(document) = self.open.get(&canonical(&path)) {
                return Some(PolicyFile {
                    path,
                    text: document.text.clone(),
                    loaded: load_policy(&document.text),
                    explicit: false,
                });
            }
        }
        policy::find(None, first, Some(root)).ok().flatten()
    }

    /// Check the folders and the open documents again.
    pub fn refresh(&mut self) {
        let first = self
            .roots
            .first()
            .cloned()
            .or_else(|| self.open.keys().next().cloned())
            .unwrap_or_else(|| PathBuf::from("."));
        let root = self.root();
        let mut policy = self.find_policy(&first, &root);
        let texts = self.texts();
        let schema_files = std::cell::RefCell::new(HashSet::new());
        let schemas = policy
            .as_mut()
            .map(|policy| {
                policy::compile_schemas_with(policy, &root, |file| {
                    let file = canonical(file);
                    schema_files.borrow_mut().insert(file.clone());
                    match texts.get(&file) {
                        Some(text) => Ok(text.clone()),
                        None => std::fs::read_to_string(file),
                    }
                })
            })
            .unwrap_or_default();
        let options = CheckOptions {
            parse: ParseOptions {
                threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
                ..ParseOptions::default()
            },
            policy: policy
                .as_ref()
                .map(|policy| policy.loaded.policy.clone())
                .unwrap_or_default(),
            schemas,
            // Hover and completion read whole entities.
            full_documents: true,
            ..CheckOptions::default()
        };
        let mut checker = Checker::new(options);
        if let Some(policy) = &policy {
            let absolute =
                std::path::absolute(&policy.path).unwrap_or_else(|_| policy.path.clone());
            checker.add_policy(
                absolute.to_string_lossy(),
                policy.text.clone(),
                policy.loaded.clone(),
            );
        }
        {
            let contributor_of = |path: &Path| {
                policy
                    .as_ref()
                    .and_then(|policy| policy::contributor_by_path(policy, path))
            };
            let mut collector = Collector::new(&mut checker, root.clone())
                .with_contributors(contributor_of)
                .with_overrides(texts);
            for root in &self.roots {
                collector.add_path(root);
            }
            // Open documents the walk did not find: new ones, not saved yet.
            for path in self.open.keys() {
                if self.roots.iter().any(|root| path.starts_with(root)) {
                    collector.add_document(path);
                } else {
                    collector.add_path(path);
                }
            }
            collector.follow_locations();
            self.indexed = collector
                .read_files()
                .iter()
                .map(|read| (read.canonical.clone(), read.clone()))
                .collect();
        }
        self.paths = vec![None; checker.files().len()];
        for read in self.indexed.values() {
            if let Some(slot) = self.paths.get_mut(read.index) {
                *slot = Some(read.canonical.clone());
            }
        }
        self.report = Some(checker.check_incremental(&FileSystem { root: root.clone() }));
        self.checker = checker;
        self.policy = policy;
        self.policy_inputs = schema_files.into_inner();
        self.run_root = Some(root);
    }

    /// What the server may read: the workspace folders, and for a document opened outside
    /// them, the repository that holds it (the user opened it).
    fn root(&self) -> Root {
        let mut folders = self.roots.iter().map(|folder| Root::at(folder));
        let outside = self
            .open
            .keys()
            .filter(|path| !self.roots.iter().any(|root| path.starts_with(root)))
            .filter_map(|path| Root::for_paths(std::slice::from_ref(path), None).ok());
        let mut all = folders.by_ref().chain(outside);
        let first = all.next().unwrap_or_else(|| Root::at(Path::new(".")));
        all.fold(first, |root, other| root.and(&other))
    }

    /// The canonical path of the checker's file at `index`, when the walk read it.
    pub fn path_of(&self, index: usize) -> Option<&Path> {
        self.paths.get(index)?.as_deref()
    }

    /// The index of the checked file at a URI.
    pub fn file_index(&self, uri: &Uri) -> Option<usize> {
        let wanted = canonical(&positions::path(uri)?);
        if let Some(read) = self.indexed.get(&wanted) {
            return Some(read.index);
        }
        // The policy file and files that could not be read (no documents) are not indexed.
        self.checker.files().iter().position(|file| {
            (file.source.kind == FileKind::Policy || file.documents.is_empty())
                && canonical(Path::new(&file.source.path)) == wanted
        })
    }
}
