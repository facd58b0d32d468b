//! Collecting the files to check: explicit files, walked directories, and the targets of
//! Location entities.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use kataster_core::discover::{self, Decision, is_candidate_path};
use kataster_core::input::{encoding_message, has_utf16_bom};
use kataster_core::rules::parse::{invalid_encoding, unreadable_file};
use kataster_core::{Checker, SourceFile};

/// Decides who wrote a file.
type ContributorOf<'c> = Box<dyn Fn(&Path) -> Option<String> + 'c>;

/// Adds files to a checker, each once.
pub struct Collector<'c> {
    checker: &'c mut Checker,
    seen: HashSet<PathBuf>,
    /// Read but not yet parsed: parsed together, in parallel, by [`Collector::flush`].
    pending: Vec<(SourceFile, PathBuf)>,
    added: VecDeque<(usize, PathBuf)>,
    /// Who wrote a file, for the contributor rules.
    contributor_of: ContributorOf<'c>,
    /// Texts that replace files on disk (documents open in an editor), by canonical path.
    overrides: HashMap<PathBuf, String>,
}

impl<'c> Collector<'c> {
    pub fn new(checker: &'c mut Checker) -> Self {
        Self {
            checker,
            seen: HashSet::new(),
            pending: Vec::new(),
            added: VecDeque::new(),
            contributor_of: Box::new(|_| None),
            overrides: HashMap::new(),
        }
    }

    /// Read these texts instead of the files on disk (paths as canonical as possible).
    #[must_use]
    pub fn with_overrides(mut self, overrides: HashMap<PathBuf, String>) -> Self {
        self.overrides = overrides;
        self
    }

    /// Decide the contributor of each file added from now on.
    #[must_use]
    pub fn with_contributors(
        mut self,
        contributor_of: impl Fn(&Path) -> Option<String> + 'c,
    ) -> Self {
        self.contributor_of = Box::new(contributor_of);
        self
    }

    /// Add the files a command-line path names.
    pub fn add_path(&mut self, path: &Path) {
        if self.overrides.contains_key(&canonical(path)) {
            self.add_file(path, true);
            return;
        }
        match std::fs::metadata(path) {
            Err(error) => {
                self.checker.add_failure(
                    display(path),
                    &unreadable_file::RULE,
                    format!("cannot read {}: {error}", display(path)),
                );
            }
            Ok(metadata) if metadata.is_dir() => self.walk(path),
            Ok(_) => self.add_file(path, true),
        }
    }

    fn walk(&mut self, root: &Path) {
        let walker = ignore::WalkBuilder::new(root)
            .require_git(false)
            .follow_links(true)
            .hidden(false)
            .filter_entry(|entry| entry.file_name() != ".git")
            .sort_by_file_path(Path::cmp)
            .build();
        for entry in walker {
            match entry {
                Err(error) => {
                    let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                    self.checker.add_failure(
                        display(&path),
                        &unreadable_file::RULE,
                        format!("cannot read {}: {}", display(&path), error_cause(&error)),
                    );
                }
                Ok(entry) => {
                    let Some(kind) = entry.file_type() else {
                        continue;
                    };
                    if !is_candidate_path(&entry.path().to_string_lossy()) || kind.is_dir() {
                        continue;
                    }
                    if kind.is_file() {
                        self.add_file(entry.path(), false);
                    } else if let Some(what) = special_file(kind) {
                        // A FIFO would block the read forever; it is reported, never opened.
                        let shown = display(entry.path());
                        self.checker.add_failure(
                            &shown,
                            &unreadable_file::RULE,
                            format!("cannot read {shown}: it is {what}, not a regular file"),
                        );
                    }
                }
            }
        }
    }

    /// Read and add one file; found by walking, it is added only if it holds catalog entities.
    fn add_file(&mut self, path: &Path, explicit: bool) {
        let key = canonical(path);
        if self.seen.contains(&key) {
            return;
        }
        let shown = display(path);
        let read = match self.overrides.get(&key) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => match std::fs::metadata(path) {
                Ok(metadata) if !metadata.is_file() => {
                    let what = special_file(metadata.file_type()).unwrap_or("a directory");
                    self.seen.insert(key);
                    self.checker.add_failure(
                        &shown,
                        &unreadable_file::RULE,
                        format!("cannot read {shown}: it is {what}, not a regular file"),
                    );
                    return;
                }
                _ => std::fs::read(path),
            },
        };
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(error) => {
                self.seen.insert(key);
                self.checker.add_failure(
                    &shown,
                    &unreadable_file::RULE,
                    format!("cannot read {shown}: {error}"),
                );
                return;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                if !explicit && !has_utf16_bom(error.as_bytes()) {
                    return;
                }
                self.seen.insert(key);
                self.checker.add_failure(
                    &shown,
                    &invalid_encoding::RULE,
                    encoding_message(&shown, error.as_bytes(), error.utf8_error().valid_up_to()),
                );
                return;
            }
        };
        let kind = match discover::decide(&shown, &text, explicit, placement(path)) {
            Decision::Check(kind) => kind,
            Decision::Ignore => return,
            Decision::Skip { template, reason } => {
                self.seen.insert(key);
                self.checker.add_skipped(shown, template, reason);
                return;
            }
        };
        self.seen.insert(key);
        let contributor = (self.contributor_of)(path);
        let source = SourceFile::new(shown, text)
            .with_kind(kind)
            .with_contributor(contributor);
        self.pending.push((source, path.to_path_buf()));
    }

    /// Parse the files read so far.
    pub fn flush(&mut self) {
        let (sources, paths): (Vec<SourceFile>, Vec<PathBuf>) = self.pending.drain(..).unzip();
        let indices = self.checker.add_files(sources);
        self.added.extend(indices.zip(paths));
    }

    /// Follow the targets of Location entities in every added file, transitively.
    pub fn follow_locations(&mut self) {
        self.flush();
        while let Some((index, path)) = self.added.pop_front() {
            let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
            for target in self.checker.location_targets(index) {
                if target.contains("://") || target.starts_with('/') {
                    continue;
                }
                if target.contains(['*', '?', '[', '{']) {
                    self.add_glob(&base, &target);
                } else {
                    let path = base.join(&target);
                    if path.is_file() {
                        self.add_file(&normalize(&path), true);
                    }
                }
            }
            if self.added.is_empty() {
                self.flush();
            }
        }
    }

    fn add_glob(&mut self, base: &Path, pattern: &str) {
        let pattern = pattern.trim_start_matches("./");
        let Ok(glob) = globset::Glob::new(pattern) else {
            return;
        };
        let matcher = glob.compile_matcher();
        let walker = ignore::WalkBuilder::new(base)
            .standard_filters(false)
            .sort_by_file_path(Path::cmp)
            .build();
        for entry in walker.flatten() {
            let relative = entry.path().strip_prefix(base).unwrap_or(entry.path());
            if entry.file_type().is_some_and(|kind| kind.is_file()) && matcher.is_match(relative) {
                self.add_file(&normalize(entry.path()), true);
            }
        }
    }
}

/// Where a file lies: under a chart's `templates/`, or in a scaffolder Template's skeleton.
fn placement(path: &Path) -> discover::Placement {
    let text = path.to_string_lossy();
    discover::Placement {
        in_chart_templates: discover::chart_files_for(&text)
            .iter()
            .any(|chart| Path::new(chart).is_file()),
        in_template_skeleton: discover::skeleton_parents_for(&text)
            .iter()
            .any(|dir| holds_scaffolder_template(Path::new(dir))),
    }
}

/// Whether a directory holds a YAML file that is a scaffolder `Template`.
fn holds_scaffolder_template(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        discover::is_yaml_path(&path.to_string_lossy())
            && path.is_file()
            && std::fs::read_to_string(&path)
                .is_ok_and(|text| discover::is_scaffolder_template(&text))
    })
}

/// What a file that is neither a regular file nor a directory is (reading a FIFO blocks).
fn special_file(kind: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    (!kind.is_file() && !kind.is_dir() && !kind.is_symlink()).then_some("a special file")
}

/// The path with links resolved, or as given when it does not exist (yet).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A path as users wrote it, without a leading `./`.
fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

/// Fold `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<std::path::Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if matches!(parts.last(), Some(std::path::Component::Normal(_))) =>
            {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

/// The innermost cause of a walking error, without the path (the message names it).
fn error_cause(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_cause(err),
        ignore::Error::Loop { ancestor, .. } => format!(
            "a symbolic link loop: it points to its ancestor {}",
            display(ancestor)
        ),
        ignore::Error::Io(error) => {
            let message = error.to_string();
            // "IO error for operation on PATH: CAUSE"
            match message.strip_prefix("IO error for operation on ") {
                Some(rest) => rest
                    .rsplit_once(": ")
                    .map_or(message.clone(), |(_, cause)| cause.to_owned()),
                None => message,
            }
        }
        other => other.to_string(),
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}
