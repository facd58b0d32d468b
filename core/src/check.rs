//! The check pipeline: parse every file, run the rules of each document as soon as it is
//! read (keeping only what the cross-file rules need of it, see [`prune`]), then the
//! cross-file rules over all of them.

pub mod inventory;
mod policy;
mod prune;
mod suppress;
pub mod versions;

pub use policy::load_policy;

pub use crate::catalog::file::ParsedFile;
pub(crate) use crate::catalog::file::file_entities;
pub use crate::known::{Facts, KnownEntity, NoFacts};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::catalog::Entity;
use crate::catalog::kinds::builtin_kind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::Skipped;
use crate::files::{Base, ExcludeArgs, FileFilter, PerFileIgnores};
use crate::naming::Convention;
use crate::policy::{LoadedPolicy, Policy};
use crate::rules::{self, Context, Emitter, Finding, RuleMeta, Selection};
use crate::source::{FileKind, SourceFile};
use crate::yaml::{self, Document, ParseOptions, YamlErrorKind};

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Selection from the command line (`--select`, `--ignore`); the policy's `rules` apply
    /// on top of it.
    pub selection: Selection,
    pub parse: ParseOptions,
    /// The checked files are the whole catalog: a dangling reference is an error.
    pub strict_refs: bool,
    /// Entities that exist elsewhere (e.g. exported from a running catalog), for references.
    pub known_entities: Vec<KnownEntity>,
    /// The conventions (the source document's defaults unless a policy file says otherwise).
    pub policy: Policy,
    /// The policy's custom schemas, compiled (see [`LoadedPolicy::compile_schemas`]).
    pub schemas: Vec<crate::policy::CompiledSchema>,
    /// Keep every document's whole tree in [`Checker::files`] (an editor navigates them). By
    /// default a document keeps only what the cross-file rules and the renderers read once its
    /// own rules have run, so that memory stays proportional to one document plus that index.
    pub full_documents: bool,
    /// The frontend's current directory, absolute: relative and absolute paths are compared
    /// through it (the policy's globs are relative to the policy file's directory).
    pub cwd: Option<String>,
    /// `--exclude` and `--extend-exclude`, over the policy's `files`.
    pub exclude: ExcludeArgs,
}

/// Counts over a check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub entities: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Info findings (counted; the default human output does not print them); absent from
    /// the JSON report when none was, as are the counts below.
    #[serde(skip_serializing_if = "is_zero")]
    pub infos: usize,
    /// Findings suppressed by `perFileIgnores` or a suppression comment (not in the report).
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// Files read but not checked (templates, named files that are not catalog files).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// The result of a check.
#[derive(Debug, Clone)]
pub struct Report {
    /// Sorted by file, position and code.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// The files read but not checked, in the order they were found.
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// Whether some input could not be read or parsed (exit code 2).
    pub fn has_failures(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| rules::rule(d.code).is_some_and(|rule| rule.family.is_failure_to_check()))
    }
}

/// Collects files, then checks them together.
#[derive(Debug, Default)]
pub struct Checker {
    options: CheckOptions,
    convention: Option<Convention>,
    files: Vec<ParsedFile>,
    /// Per file, the diagnostics of its own documents (parse errors and the per-entity rules),
    /// found when it was added.
    found: Vec<Vec<Diagnostic>>,
    /// Per file, what the cross-file index reads of its entities first, read when it was added.
    ids: Vec<Vec<rules::references::EntityIds>>,
    /// What a document keeps once its own rules have run (`None`: everything).
    keep: Option<prune::Keep>,
    /// Files read but not checked.
    skipped: Vec<Skipped>,
    /// Which files a walk skips (see [`Checker::skips_walked`]).
    filter: FileFilter,
    /// The policy's `perFileIgnores`, relative to its directory.
    per_file: PerFileIgnores,
    /// What [`Checker::check_incremental`] keeps between checks (`None` until its first, and
    /// after a file is added).
    cross: Option<CrossFindings>,
}

/// The findings of the local cross-file checks (`rules::references::LOCAL_CHECKS`) by file, and
/// what they depend on, kept between incremental checks.
#[derive(Debug, Default)]
struct CrossFindings {
    /// Per file, the local checks' findings at its entities, in the order they were emitted
    /// (their fixes not yet resolved against the text).
    found: Vec<Vec<Diagnostic>>,
    /// Per file, the keys its entities' judgement looked up.
    lookups: Vec<Vec<String>>,
    /// Per key, the files whose judgement looked it up.
    readers: HashMap<String, HashSet<usize>>,
    /// The files replaced since the last check.
    changed: HashSet<usize>,
    /// The keys the replaced files defined before or define after: whoever looked one up may
    /// be judged differently now.
    changed_keys: HashSet<String>,
}

impl CrossFindings {
    /// Record what a file's judgement looked up this time, instead of last time's.
    fn set_lookups(&mut self, file: usize, mut keys: Vec<String>) {
        keys.sort_unstable();
        keys.dedup();
        for key in &self.lookups[file] {
            if let Some(readers) = self.readers.get_mut(key) {
                readers.remove(&file);
                if readers.is_empty() {
                    self.readers.remove(key);
                }
            }
        }
        for key in &keys {
            self.readers.entry(key.clone()).or_default().insert(file);
        }
        self.lookups[file] = keys;
    }
}

/// A file once parsed and its documents' rules have run: the file, their findings and what the
/// cross-file index reads of its entities first.
type Added = (
    ParsedFile,
    Vec<Diagnostic>,
    Vec<rules::references::EntityIds>,
);

/// One document once its own rules have run.
struct Checked {
    document: Document,
    diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Move the document's index (and its diagnostics') by `offset` documents.
    fn shift(&mut self, offset: usize) {
        self.document.index += offset;
        for diagnostic in &mut self.diagnostics {
            if let Some(document) = diagnostic.document.as_mut() {
                *document += offset;
            }
        }
    }
}

impl Checker {
    pub fn new(mut options: CheckOptions) -> Self {
        let policy = &options.policy;
        let mut selection = options.selection.clone();
        for (prefix, level) in &policy.rules {
            selection = selection.severity(prefix, level.severity());
        }
        if options.strict_refs || policy.references.strict {
            for rule in [
                &rules::references::dangling_reference::RULE,
                &rules::references::duplicate_entity::RULE,
                &rules::argocd::unknown_app_project::RULE,
                &rules::argocd::unknown_project_group::RULE,
                &rules::argocd::unknown_rbac_subject::RULE,
                &rules::rancher::unknown_binding_principal::RULE,
                &rules::rancher::unknown_rancher_project::RULE,
            ] {
                selection = selection.severity(rule.code, Some(Severity::Error));
            }
        }
        options.selection = selection;
        options.parse.merge_keys |= policy.yaml.merge_keys;
        let convention = Convention::new(&policy.naming.namespace).ok();
        let keep = (!options.full_documents).then(|| prune::Keep {
            labels: vec![
                policy.stages.label.clone(),
                crate::consumers::clusters::SECRET_TYPE_LABEL.to_owned(),
            ],
            annotations: [
                policy.naming.namespace.annotation.clone(),
                crate::consumers::clusters::API_SERVER_ANNOTATION.to_owned(),
            ]
            .into_iter()
            .chain(
                crate::consumers::identity::ANNOTATIONS
                    .iter()
                    .map(|annotation| (*annotation).to_owned()),
            )
            .chain(policy.identities.annotations.iter().cloned())
            .chain(policy.clusters.rancher_id_annotation.iter().cloned())
            .chain([crate::consumers::rancher::PROJECT_ID_ANNOTATION.to_owned()])
            .collect(),
        });
        let mut checker = Self {
            options,
            convention,
            files: Vec::new(),
            found: Vec::new(),
            ids: Vec::new(),
            keep,
            skipped: Vec::new(),
            filter: FileFilter::default(),
            per_file: PerFileIgnores::default(),
            cross: None,
        };
        let base = Base {
            dir: String::new(),
            cwd: checker.options.cwd.clone(),
        };
        checker.set_base(base);
        checker
    }

    /// Compile the policy's globs relative to a directory.
    fn set_base(&mut self, base: Base) {
        let policy = &self.options.policy;
        self.filter = FileFilter::new(&policy.files, &self.options.exclude, base.clone()).0;
        self.per_file = PerFileIgnores::new(&policy.per_file_ignores, base);
    }

    /// Whether a directory walk skips an entry (a file, or a directory not entered), by
    /// the policy's `files` and `--exclude`/`--extend-exclude`; `path` as the frontend names
    /// it. Only the entry itself is matched (a skipped directory's entries are not reached).
    pub fn skips_walked(&self, path: &str, is_dir: bool) -> bool {
        self.filter.skips_walked(path, is_dir)
    }

    /// The filter [`Checker::skips_walked`] asks, for a walker that runs on other threads.
    pub fn file_filter(&self) -> &FileFilter {
        &self.filter
    }

    /// Whether a file named on the command line is excluded (with `--force-exclude`): it or
    /// one of its directories matches an exclusion.
    pub fn excludes_named(&self, path: &str) -> bool {
        self.filter.excludes_named(path)
    }

    /// Add the policy file the options came from, so that its problems are reported.
    pub fn add_policy(
        &mut self,
        path: impl Into<String>,
        text: impl Into<String>,
        loaded: LoadedPolicy,
    ) -> usize {
        let source = SourceFile::new(path, text).with_kind(FileKind::Policy);
        self.set_base(Base::of_policy(&source.path, self.options.cwd.clone()));
        let mut emitter = Emitter::new(&self.options.selection);
        let index = self.files.len();
        for document in &loaded.documents {
            report_parse_errors(&mut emitter, index, &source, document);
        }
        self.cross = None;
        self.files.push(ParsedFile {
            source,
            documents: loaded.documents,
            problems: loaded.problems,
        });
        self.found.push(emitter.diagnostics);
        self.ids.push(Vec::new());
        index
    }

    /// The compiled namespace convention (`None` when the policy's does not compile).
    pub fn convention(&self) -> Option<&Convention> {
        self.convention.as_ref()
    }

    fn context(&self) -> Context<'_> {
        Context {
            policy: &self.options.policy,
            convention: self.convention.as_ref(),
            schemas: &self.options.schemas,
        }
    }

    /// Parse a file and add it to the set; returns its index.
    pub fn add_file(&mut self, source: SourceFile) -> usize {
        self.add_files(vec![source]).start
    }

    /// Parse and check files (on several threads when the options allow) and add them in
    /// order; returns their indices.
    pub fn add_files(&mut self, sources: Vec<SourceFile>) -> std::ops::Range<usize> {
        let first = self.files.len();
        let this = &*self;
        let threads = this.options.parse.threads.min(sources.len());
        let checked: Vec<Added> = if cfg!(target_family = "wasm") || threads < 2 {
            sources
                .into_iter()
                .enumerate()
                .map(|(offset, source)| this.check_file(first + offset, source))
                .collect()
        } else {
            let sources: Vec<(usize, SourceFile)> = sources.into_iter().enumerate().collect();
            crate::parallel::map_runs(sources, threads, |run| {
                run.into_iter()
                    .map(|(offset, source)| this.check_file(first + offset, source))
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect()
        };
        self.cross = None;
        for (file, diagnostics, ids) in checked {
            self.files.push(file);
            self.found.push(diagnostics);
            self.ids.push(ids);
        }
        first..self.files.len()
    }

    /// Replace the file at `index` with a new text of it (an editor's buffer): parse it and run
    /// its documents' rules again, and nothing else; the next [`Checker::check`] sees it. The
    /// result is the same as adding the new text in its place from the start. The policy file
    /// is not replaced this way (its text is the options): build a new checker. False (and
    /// nothing changed) when there is no file at `index`.
    pub fn replace_file(&mut self, index: usize, source: SourceFile) -> bool {
        if index >= self.files.len() {
            return false;
        }
        let (file, diagnostics, ids) = self.check_file(index, source);
        if let Some(cross) = self.cross.as_mut() {
            cross.changed.insert(index);
            cross.changed_keys.extend(
                self.ids[index]
                    .iter()
                    .chain(&ids)
                    .filter_map(|ids| ids.key.clone()),
            );
        }
        self.files[index] = file;
        self.found[index] = diagnostics;
        self.ids[index] = ids;
        true
    }

    /// Parse a file and run the rules of each document as it is read.
    fn check_file(&self, index: usize, source: SourceFile) -> Added {
        let parse = self.parse_options(source.kind);
        let mut checked = yaml::parse_map(
            &source.text,
            &parse,
            |document| self.check_document(index, &source, document, parse.merge_keys),
            Checked::shift,
        );
        if let Some(aborting) = checked
            .iter()
            .position(|c| yaml::is_alias_abort(&c.document))
        {
            // Backstage reads no further: the later documents' rules never ran.
            let after = checked[aborting].document.index;
            for later in &mut checked[aborting + 1..] {
                let error = yaml::unread_error(&later.document, after);
                later.document.errors.push(error);
                let mut emitter = Emitter::new(&self.options.selection);
                report_parse_errors(&mut emitter, index, &source, &later.document);
                later.diagnostics = emitter.diagnostics;
            }
        }
        let mut documents = Vec::with_capacity(checked.len());
        let mut diagnostics = Vec::new();
        for document in checked {
            documents.push(document.document);
            diagnostics.extend(document.diagnostics);
        }
        let file = ParsedFile {
            source,
            documents,
            problems: Vec::new(),
        };
        let ids = rules::references::entity_ids(&file, index, &self.context());
        (file, diagnostics, ids)
    }

    /// How a file of this kind is read: catalog files as Backstage's parser reads them (`<<`
    /// merges only with `enableYamlMerge`); manifests as Kubernetes' (go-yaml) does: `<<`
    /// always merges, and quoted scalars' continuation lines may be under-indented.
    fn parse_options(&self, kind: FileKind) -> Cow<'_, ParseOptions> {
        if kind == FileKind::Manifests {
            Cow::Owned(ParseOptions {
                merge_keys: true,
                lenient_quoted_indent: true,
                ..self.options.parse.clone()
            })
        } else {
            Cow::Borrowed(&self.options.parse)
        }
    }

    /// A document's parse errors and the rules of its entity (merge keys expanded first with
    /// `merge_keys`); then keep what the cross-file rules need.
    fn check_document(
        &self,
        file: usize,
        source: &SourceFile,
        mut document: Document,
        merge_keys: bool,
    ) -> Checked {
        if merge_keys {
            if let Some(root) = document.root.as_mut() {
                yaml::expand_merge_keys(root);
            }
        }
        let mut emitter = Emitter::new(&self.options.selection);
        report_parse_errors(&mut emitter, file, source, &document);
        if let Some(root) = document
            .root
            .as_ref()
            .filter(|root| document.errors.is_empty() && root.as_mapping().is_some())
            .filter(|_| source.kind == FileKind::Catalog)
        {
            let entity = Entity {
                file,
                document: document.index,
                root,
                contributor: source.contributor.as_deref(),
            };
            let context = self.context();
            let mut out = emitter.entity(file, document.index);
            for check in rules::ENTITY_CHECKS {
                check(&entity, &context, &mut out);
            }
        }
        if let Some(keep) = &self.keep {
            document.root = document.root.map(|root| prune::prune(root, keep));
        }
        Checked {
            document,
            diagnostics: emitter.diagnostics,
        }
    }

    /// Record a file that is read but not checked (a template, a named file that is not a
    /// catalog file), and why.
    pub fn add_skipped(
        &mut self,
        file: impl Into<String>,
        template: bool,
        reason: impl Into<String>,
    ) {
        self.skipped.push(Skipped {
            file: file.into(),
            template,
            reason: reason.into(),
        });
    }

    /// The files read but not checked so far.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Record a file that could not be read (`IO0xx`), with a message naming the cause.
    pub fn add_failure(
        &mut self,
        path: impl Into<String>,
        rule: &'static RuleMeta,
        message: impl Into<String>,
    ) -> usize {
        let finding = Finding {
            span: 0..0,
            pointer: String::new(),
            message: message.into(),
            help: None,
            fix: None,
        };
        self.cross = None;
        self.files.push(ParsedFile {
            source: SourceFile::new(path, String::new()),
            documents: Vec::new(),
            problems: vec![(rule, None, finding)],
        });
        self.found.push(Vec::new());
        self.ids.push(Vec::new());
        self.files.len() - 1
    }

    pub fn files(&self) -> &[ParsedFile] {
        &self.files
    }

    /// The targets of the `Location` entities in a file (`spec.target` and `spec.targets`).
    pub fn location_targets(&self, file: usize) -> Vec<String> {
        let mut targets = Vec::new();
        for entity in file_entities(&self.files[file], file) {
            let (Some("Location"), Some(api_version)) = (entity.kind(), entity.api_version())
            else {
                continue;
            };
            let Some(spec) = entity
                .spec()
                .filter(|_| builtin_kind(api_version, "Location").is_some())
            else {
                continue;
            };
            if let Some(target) = spec.get("target").and_then(yaml::Node::as_str) {
                targets.push(target.to_owned());
            }
            for target in spec
                .get("targets")
                .and_then(yaml::Node::as_sequence)
                .unwrap_or_default()
            {
                if let Some(target) = target.as_str() {
                    targets.push(target.to_owned());
                }
            }
        }
        targets
    }

    /// Run every selected rule over every file.
    pub fn check(&self, facts: &dyn Facts) -> Report {
        let (mut diagnostics, summary) = self.own_findings();
        let cross = self.cross_findings(facts, None, false);
        diagnostics.extend(cross.local);
        diagnostics.extend(cross.global);
        self.finish(diagnostics, summary)
    }

    /// [`Checker::check`], reusing what the last incremental check found: the local cross-file
    /// checks judge again only the files replaced since ([`Checker::replace_file`]) and those
    /// whose judgement looked up a key that one of them defined before or defines now; the
    /// other cross-file checks run over everything. The report is the same as
    /// [`Checker::check`]'s, provided that `facts` answer as they did in the last check (a
    /// caller whose files on disk changed builds a new checker, or adds a file, which forgets).
    pub fn check_incremental(&mut self, facts: &dyn Facts) -> Report {
        let (mut diagnostics, summary) = self.own_findings();
        let files = self.files.len();
        let scope: Option<Vec<bool>> = self.cross.as_ref().map(|cross| {
            let mut scope = vec![false; files];
            for &file in &cross.changed {
                scope[file] = true;
            }
            for key in &cross.changed_keys {
                for &file in cross.readers.get(key).into_iter().flatten() {
                    scope[file] = true;
                }
            }
            scope
        });
        let found = self.cross_findings(facts, scope.as_deref(), true);
        let cross = self.cross.get_or_insert_with(|| CrossFindings {
            found: vec![Vec::new(); files],
            lookups: vec![Vec::new(); files],
            ..CrossFindings::default()
        });
        let mut lookups: Vec<Vec<String>> = vec![Vec::new(); files];
        for (file, key) in found.lookups {
            lookups[file].push(key);
        }
        let mut local: Vec<Vec<Diagnostic>> = vec![Vec::new(); files];
        for diagnostic in found.local {
            let file = diagnostic.file;
            local[file].push(diagnostic);
        }
        for (file, (local, lookups)) in local.into_iter().zip(lookups).enumerate() {
            if scope.as_ref().is_none_or(|scope| scope[file]) {
                cross.found[file] = local;
                cross.set_lookups(file, lookups);
            }
        }
        cross.changed.clear();
        cross.changed_keys.clear();
        diagnostics.extend(cross.found.iter().flatten().cloned());
        diagnostics.extend(found.global);
        self.finish(diagnostics, summary)
    }

    /// Every file's problems and its documents' own findings, and the counts of files,
    /// documents and entities.
    fn own_findings(&self) -> (Vec<Diagnostic>, Summary) {
        let mut emitter = Emitter::new(&self.options.selection);
        let mut summary = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for (index, file) in self.files.iter().enumerate() {
            for (rule, document, finding) in &file.problems {
                emitter.emit(rule, index, *document, finding.clone());
            }
            summary.documents += file.documents.len();
            emitter
                .diagnostics
                .extend(self.found[index].iter().cloned());
        }
        summary.entities = self.ids.iter().map(Vec::len).sum();
        (emitter.diagnostics, summary)
    }

    /// The cross-file checks' findings: the local checks' for the files in `scope` (all when
    /// `None`), the others' for all.
    fn cross_findings(&self, facts: &dyn Facts, scope: Option<&[bool]>, record: bool) -> Cross {
        let expansion = crate::consumers::argocd::appset::expand(
            crate::catalog::file::manifest_documents(&self.files),
        );
        let mut catalog = rules::references::Catalog::new(
            &self.files,
            &self.ids,
            &expansion,
            &self.options.known_entities,
            self.context(),
            facts,
        )
        .with_scope(scope);
        if record {
            catalog = catalog.recording();
        }
        let mut local = Emitter::new(&self.options.selection);
        for check in rules::references::LOCAL_CHECKS {
            check(&catalog, &mut local);
        }
        let lookups = catalog.take_lookups();
        let mut global = Emitter::new(&self.options.selection);
        for check in rules::references::CATALOG_CHECKS {
            check(&catalog, &mut global);
        }
        Cross {
            local: local.diagnostics,
            global: global.diagnostics,
            lookups,
        }
    }

    /// Resolve the fixes, sort, suppress and count.
    fn finish(&self, mut diagnostics: Vec<Diagnostic>, mut summary: Summary) -> Report {
        // A rule proposes a scalar's new value; here, with the text, it becomes a byte edit.
        for diagnostic in &mut diagnostics {
            if let Some(fix) = diagnostic.fix.take() {
                diagnostic.fix = fix.resolve(&self.files[diagnostic.file].source.text);
            }
        }
        sort_diagnostics(&mut diagnostics);
        diagnostics.dedup();
        summary.suppressed = suppress::apply(
            &mut diagnostics,
            &self.files,
            &self.per_file,
            &self.options.selection,
        );
        sort_diagnostics(&mut diagnostics);
        summary.infos = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Info)
            .count();
        summary.errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        summary.warnings = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        summary.skipped = self.skipped.len();
        Report {
            diagnostics,
            summary,
            skipped: self.skipped.clone(),
        }
    }
}

/// What the cross-file checks found.
struct Cross {
    /// The local checks' findings, in the order they were emitted.
    local: Vec<Diagnostic>,
    /// The other checks'.
    global: Vec<Diagnostic>,
    /// The keys the local checks looked up, with the file of the entity judged then.
    lookups: Vec<(usize, String)>,
}

/// By file, position and code (the report's order).
fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file, a.span.start, a.code, a.span.end, &a.message).cmp(&(
            b.file,
            b.span.start,
            b.code,
            b.span.end,
            &b.message,
        ))
    });
}

fn report_parse_errors(
    emitter: &mut Emitter<'_>,
    file: usize,
    source: &SourceFile,
    document: &Document,
) {
    use rules::parse::{
        alias_limit, duplicate_key, nesting_too_deep, not_a_mapping, syntax, unread_document,
    };
    let text = source.text.as_str();
    for error in &document.errors {
        let (rule, help) = match error.kind {
            YamlErrorKind::Syntax | YamlErrorKind::UndefinedAlias => (&syntax::RULE, None),
            YamlErrorKind::Unread { .. } => (
                &unread_document::RULE,
                Some("fix the alias error first".to_owned()),
            ),
            YamlErrorKind::DuplicateKey { .. } => (
                &duplicate_key::RULE,
                Some("remove one of the two keys".to_owned()),
            ),
            YamlErrorKind::TooDeep => (&nesting_too_deep::RULE, None),
            YamlErrorKind::AliasLimit => (
                &alias_limit::RULE,
                Some("expand the aliases by hand or remove them".to_owned()),
            ),
        };
        emitter.emit(
            rule,
            file,
            Some(document.index),
            Finding {
                span: error.span.clone(),
                pointer: String::new(),
                message: error.message.clone(),
                help,
                fix: None,
            },
        );
    }
    if let Some(root) = document
        .root
        .as_ref()
        .filter(|_| document.errors.is_empty())
    {
        if root.as_mapping().is_none() && !root.is_null() && source.kind == FileKind::Catalog {
            emitter.emit(
                &not_a_mapping::RULE,
                file,
                Some(document.index),
                Finding {
                    span: first_char(&root.span, text),
                    pointer: String::new(),
                    message: format!(
                        "expected a mapping at the root of the document, found {}",
                        root.display()
                    ),
                    help: Some(
                        "an entity is a mapping with apiVersion, kind, metadata and spec"
                            .to_owned(),
                    ),
                    fix: None,
                },
            );
        }
    }
}

/// The first character of a span (empty spans stay empty).
fn first_char(span: &std::ops::Range<usize>, text: &str) -> std::ops::Range<usize> {
    let length = text
        .get(span.clone())
        .and_then(|slice| slice.chars().next())
        .map_or(0, char::len_utf8);
    span.start..span.start + length
}
