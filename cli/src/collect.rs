//! Collecting the files to check: explicit files, walked directories, and the targets of
//! Location entities.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex};

use kataster_core::discover::{self, Reading, is_candidate_path};
use kataster_core::rules::parse::{outside_root, unreadable_file};
use kataster_core::rules::references::target_outside_root::glob_start;
use kataster_core::{Checker, SourceFile};

use crate::root::Root;

/// Decides who wrote a file.
type ContributorOf<'c> = Box<dyn Fn(&Path) -> Option<String> + 'c>;

/// How a parsed file was read: enough to read a new text of it the same way
/// ([`reading`]).
#[derive(Debug, Clone)]
pub struct ReadFile {
    /// Its index in the checker.
    pub index: usize,
    /// As it was read (walked, named or a Location's target).
    pub path: PathBuf,
    /// With links resolved.
    pub canonical: PathBuf,
    /// Named (on the command line, by a Location) rather than found by walking.
    pub explicit: bool,
}

/// Adds files to a checker, each once.
pub struct Collector<'c> {
    checker: &'c mut Checker,
    seen: HashSet<PathBuf>,
    /// Read but not yet parsed: parsed together, in parallel, by [`Collector::flush`].
    pending: Vec<(SourceFile, ReadFile)>,
    added: VecDeque<(usize, PathBuf)>,
    /// Every parsed file's index in the checker and its path as it was read.
    read: Vec<(usize, PathBuf)>,
    /// Every parsed file and how it was read.
    read_files: Vec<ReadFile>,
    /// Who wrote a file, for the contributor rules.
    contributor_of: ContributorOf<'c>,
    /// Texts that replace files on disk (documents open in an editor), by canonical path.
    overrides: HashMap<PathBuf, String>,
    /// Nothing outside it is read.
    root: Root,
    /// Leave out excluded files named on the command line too.
    force_exclude: bool,
}

impl<'c> Collector<'c> {
    pub fn new(checker: &'c mut Checker, root: Root) -> Self {
        Self {
            root,
            checker,
            seen: HashSet::new(),
            pending: Vec::new(),
            added: VecDeque::new(),
            read: Vec::new(),
            read_files: Vec::new(),
            contributor_of: Box::new(|_| None),
            overrides: HashMap::new(),
            force_exclude: false,
        }
    }

    /// Leave out the files the exclusions match even when they are named.
    #[must_use]
    pub fn force_exclude(mut self, force_exclude: bool) -> Self {
        self.force_exclude = force_exclude;
        self
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
        if !self.root.contains(path) {
            let why = if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
                "is a symbolic link that leads outside the repository"
            } else {
                "is outside the root of the run"
            };
            self.refuse(path, why);
            return;
        }
        if self.force_exclude && self.checker.excludes_named(&display(path)) {
            return;
        }
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

    /// Add a document an editor has open, as if it had been found while walking: it need not
    /// exist on disk (its text is an override), and the policy's excludes apply to it.
    pub fn add_document(&mut self, path: &Path) {
        if !self.root.contains(path) {
            self.refuse(path, "is outside the root of the run");
            return;
        }
        if self.checker.excludes_named(&display(path)) {
            return;
        }
        self.add_file(path, false);
    }

    /// Record a path that is not read because it leads outside the root (`IO004`).
    fn refuse(&mut self, path: &Path, why: &str) {
        if !self.seen.insert(canonical(path)) {
            return;
        }
        let shown = display(path);
        self.checker.add_failure(
            &shown,
            &outside_root::RULE,
            format!("{shown} {why}: not read (kataster reads only the checked repository; widen it with --root)"),
        );
    }

    /// Report the symbolic links the walker's filter kept out since the last call.
    fn refuse_links(&mut self, outside: &Mutex<Vec<PathBuf>>) {
        let refused: Vec<PathBuf> = outside
            .lock()
            .map(|mut outside| outside.drain(..).collect())
            .unwrap_or_default();
        for path in refused {
            self.refuse(
                &path,
                "is a symbolic link that leads outside the repository",
            );
        }
    }

    fn walk(&mut self, root: &Path) {
        // Symbolic links are followed only where they lead inside the root; the others are
        // collected here (the filter runs inside the walker) and reported in walk order.
        let outside: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
        let filter = {
            let outside = Arc::clone(&outside);
            let run_root = self.root.clone();
            let files = self.checker.file_filter().clone();
            move |entry: &ignore::DirEntry| {
                if entry.file_name() == ".git" {
                    return false;
                }
                let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
                if entry.depth() > 0 && files.skips_walked(&display(entry.path()), is_dir) {
                    return false;
                }
                if !entry.path_is_symlink() || run_root.contains(entry.path()) {
                    return true;
                }
                let reported = entry.file_type().is_some_and(|kind| kind.is_dir())
                    || is_candidate_path(&entry.path().to_string_lossy());
                if reported && let Ok(mut outside) = outside.lock() {
                    outside.push(entry.path().to_path_buf());
                }
                false
            }
        };
        let walker = ignore::WalkBuilder::new(root)
            .require_git(false)
            .follow_links(true)
            .hidden(false)
            .sort_by_file_path(Path::cmp)
            .filter_entry(filter)
            .build();
        for entry in walker {
            self.refuse_links(&outside);
            match entry {
                Err(error) => {
                    let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                    let cause = if is_dangling_link(&path) {
                        // A link whose target is gone (a renamed folder, say) holds nothing to
                        // check unless its name is one kataster would read.
                        if !is_candidate_path(&path.to_string_lossy()) {
                            continue;
                        }
                        "it is a symbolic link whose target does not exist".to_owned()
                    } else {
                        error_cause(&error)
                    };
                    self.checker.add_failure(
                        display(&path),
                        &unreadable_file::RULE,
                        format!("cannot read {}: {cause}", display(&path)),
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
        self.refuse_links(&outside);
    }

    /// Read and add one file; found by walking, it is added only if it holds catalog entities.
    fn add_file(&mut self, path: &Path, explicit: bool) {
        let resolved = std::fs::canonicalize(path);
        let inside = match &resolved {
            Ok(real) => self.root.contains_canonical(real),
            Err(_) => self.root.contains(path),
        };
        let key = resolved.unwrap_or_else(|_| path.to_path_buf());
        if self.seen.contains(&key) {
            return;
        }
        if !inside {
            self.refuse(path, "leads outside the repository");
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
        let (text, kind) = match reading(&self.root, path, bytes, explicit) {
            Reading::Ignore => return,
            Reading::Skip { template, reason } => {
                self.seen.insert(key);
                self.checker.add_skipped(shown, template, reason);
                return;
            }
            Reading::Fail(rule, message) => {
                self.seen.insert(key);
                self.checker.add_failure(&shown, rule, message);
                return;
            }
            Reading::Check(text, kind) => (text, kind),
        };
        self.seen.insert(key.clone());
        let contributor = (self.contributor_of)(path);
        let source = SourceFile::new(shown, text)
            .with_kind(kind)
            .with_contributor(contributor);
        let read = ReadFile {
            index: 0,
            path: path.to_path_buf(),
            canonical: key,
            explicit,
        };
        self.pending.push((source, read));
    }

    /// Parse the files read so far.
    pub fn flush(&mut self) {
        let (sources, reads): (Vec<SourceFile>, Vec<ReadFile>) = self.pending.drain(..).unzip();
        let indices = self.checker.add_files(sources);
        for (index, mut read) in indices.zip(reads) {
            read.index = index;
            self.read.push((index, read.path.clone()));
            self.added.push_back((index, read.path.clone()));
            self.read_files.push(read);
        }
    }

    /// Every file parsed so far: its index in the checker and its path as it was read.
    pub fn read_paths(&self) -> &[(usize, PathBuf)] {
        &self.read
    }

    /// Every file parsed so far and how it was read.
    pub fn read_files(&self) -> &[ReadFile] {
        &self.read_files
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
                // A target outside the root is reported by the core (CAT109), never read.
                if target.contains(['*', '?', '[', '{']) {
                    let (start, pattern) = glob_start(&target);
                    let start = normalize(&base.join(start));
                    if self.root.contains(&start) {
                        self.add_glob(&start, pattern);
                    }
                } else {
                    let path = normalize(&base.join(&target));
                    if self.root.contains(&path) && path.is_file() {
                        self.add_file(&path, true);
                    }
                }
            }
            if self.added.is_empty() {
                self.flush();
            }
        }
    }

    fn add_glob(&mut self, base: &Path, pattern: &str) {
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

/// What a file's bytes are to the check, as the walk decides it: `explicit` when the file is
/// named rather than found; the placement (a chart's templates, a skeleton) from the disk.
pub fn reading(root: &Root, path: &Path, bytes: Vec<u8>, explicit: bool) -> Reading {
    discover::read(&display(path), bytes, explicit, placement(root, path))
}

/// Where a file lies: under a chart's `templates/`, or in a scaffolder Template's skeleton
/// (only files inside the root are looked at).
fn placement(root: &Root, path: &Path) -> discover::Placement {
    let text = path.to_string_lossy();
    let inside = |path: &Path| root.contains(path);
    discover::Placement {
        in_chart_templates: discover::chart_files_for(&text)
            .iter()
            .map(Path::new)
            .any(|chart| inside(chart) && chart.is_file()),
        in_template_skeleton: discover::skeleton_parents_for(&text)
            .iter()
            .map(Path::new)
            .any(|dir| inside(dir) && holds_scaffolder_template(dir, &inside)),
    }
}

/// Whether a directory holds a YAML file (inside the root) that is a scaffolder `Template`.
fn holds_scaffolder_template(dir: &Path, inside: &dyn Fn(&Path) -> bool) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        discover::is_yaml_path(&path.to_string_lossy())
            && inside(&path)
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

/// A symbolic link whose target does not exist (the link itself is there).
fn is_dangling_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_symlink())
        && std::fs::metadata(path).is_err_and(|error| error.kind() == std::io::ErrorKind::NotFound)
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
