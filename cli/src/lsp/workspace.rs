//! The workspace as the server sees it: the folders on disk with the open documents on top,
//! checked together after every change.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use kataster_core::source::LineIndex;
use kataster_core::yaml::ParseOptions;
use kataster_core::{CheckOptions, Checker, Report, Severity};
use lsp_types::{
    Diagnostic, DiagnosticSeverity, InitializeParams, NumberOrString, PublishDiagnosticsParams, Uri,
};

use super::positions;
use crate::collect::{Collector, canonical};
use crate::facts::FileSystem;
use crate::policy::{self, PolicyFile};
use crate::root::Root;

/// The folders, the open documents and the last check.
pub struct Workspace {
    roots: Vec<PathBuf>,
    open: HashMap<PathBuf, String>,
    published: HashSet<PathBuf>,
    pub(super) checker: Checker,
    pub(super) report: Option<Report>,
    pub(super) policy: Option<PolicyFile>,
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
            published: HashSet::new(),
            checker: Checker::default(),
            report: None,
            policy: None,
        }
    }

    pub fn open(&mut self, uri: &Uri, text: String) {
        if let Some(path) = positions::path(uri) {
            self.open.insert(canonical(&path), text);
        }
    }

    pub fn close(&mut self, uri: &Uri) {
        if let Some(path) = positions::path(uri) {
            self.open.remove(&canonical(&path));
        }
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
        let mut policy = policy::find(None, &first, Some(&root)).ok().flatten();
        let schemas = policy
            .as_mut()
            .map(|policy| policy::compile_schemas(policy, &root))
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
                .with_overrides(self.open.clone());
            for root in &self.roots {
                collector.add_path(root);
            }
            for path in self.open.keys() {
                if !self.roots.iter().any(|root| path.starts_with(root)) {
                    collector.add_path(path);
                }
            }
            collector.follow_locations();
        }
        self.report = Some(checker.check(&FileSystem { root }));
        self.checker = checker;
        self.policy = policy;
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

    /// Diagnostics for every file that has some, and empty lists for files that no longer do.
    pub fn diagnostics(&mut self) -> Vec<lsp_server::Notification> {
        let Some(report) = &self.report else {
            return Vec::new();
        };
        let files = self.checker.files();
        let mut by_file: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
        let mut indexes: HashMap<usize, LineIndex> = HashMap::new();
        for diagnostic in &report.diagnostics {
            let text = &files[diagnostic.file].source.text;
            let lines = indexes
                .entry(diagnostic.file)
                .or_insert_with(|| LineIndex::new(text));
            let rule = kataster_core::rules::rule(diagnostic.code);
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            by_file
                .entry(diagnostic.file)
                .or_default()
                .push(Diagnostic {
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
                });
        }
        let mut notifications = Vec::new();
        let mut now = HashSet::new();
        for (index, diagnostics) in by_file {
            let path = PathBuf::from(&files[index].source.path);
            now.insert(path.clone());
            if let Some(uri) = positions::uri(&path) {
                notifications.push(super::publish(PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version: None,
                }));
            }
        }
        for path in self.published.difference(&now) {
            if let Some(uri) = positions::uri(path) {
                notifications.push(super::publish(PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                }));
            }
        }
        self.published = now;
        notifications
    }

    /// The index of the checked file at a URI.
    pub fn file_index(&self, uri: &Uri) -> Option<usize> {
        let wanted = canonical(&positions::path(uri)?);
        self.checker
            .files()
            .iter()
            .position(|file| canonical(Path::new(&file.source.path)) == wanted)
    }
}
