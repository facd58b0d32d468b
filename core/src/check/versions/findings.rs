//! Collecting version diagnostics and the files they point into.
//!
//! Version rules are about tags, branches and commits, which have no file. Their diagnostics
//! point into pseudo-files whose text is the thing itself, so that every renderer can show
//! and underline it:
//!
//! | what | path | text |
//! |---|---|---|
//! | a tag (also one about to be created from `--version`) | `refs/tags/<tag>` | the tag name |
//! | a branch, a merge edge | `refs/heads/<branch>` | the branch name |
//! | a commit | its id | its full message |
//! | a shallow clone | `.git/shallow` | empty |
//!
//! Chart.yaml files and Argo CD Applications are real files, with spans and pointers.

use std::collections::HashSet;
use std::ops::Range;

use crate::check::{ParsedFile, Report, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{RuleMeta, Selection};
use crate::source::SourceFile;

/// Diagnostics and the (pseudo-)files they point into.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    selection: Selection,
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// What was reported: code, file, span and message.
    seen: HashSet<(&'static str, usize, usize, usize, String)>,
}

impl Findings {
    pub fn new(selection: &Selection) -> Self {
        Self {
            selection: selection.clone(),
            files: Vec::new(),
            diagnostics: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// The index of a file, added on first use. The same path with another text is another
    /// file (found by fuzzing: a scenario that gives a chart twice placed the diagnostics of
    /// one text in the other).
    pub fn file(&mut self, path: &str, text: &str) -> usize {
        if let Some(index) = self
            .files
            .iter()
            .position(|file| file.path == path && file.text == text)
        {
            return index;
        }
        self.files.push(SourceFile::new(path, text));
        self.files.len() - 1
    }

    /// The pseudo-file of a tag.
    pub fn tag_file(&mut self, tag: &str) -> usize {
        self.file(&format!("refs/tags/{tag}"), tag)
    }

    /// The pseudo-file of a branch.
    pub fn branch_file(&mut self, branch: &str) -> usize {
        self.file(&format!("refs/heads/{branch}"), branch)
    }

    /// The pseudo-file of a commit.
    pub fn commit_file(&mut self, id: &str, message: &str) -> usize {
        self.file(id, message)
    }

    /// Whether a rule runs.
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.selection.severity_of(rule).is_some()
    }

    /// Report a finding (once: an identical one is not repeated).
    pub fn emit(
        &mut self,
        rule: &'static RuleMeta,
        file: usize,
        span: Range<usize>,
        pointer: &str,
        message: String,
        help: Option<String>,
    ) {
        self.emit_fix(rule, (file, span, pointer), message, help, None);
    }

    /// [`Findings::emit`] with the change that fixes the finding (edits in the file's text).
    pub fn emit_fix(
        &mut self,
        rule: &'static RuleMeta,
        (file, span, pointer): (usize, Range<usize>, &str),
        message: String,
        help: Option<String>,
        fix: Option<crate::diagnostic::Fix>,
    ) {
        let Some(severity) = self.selection.severity_of(rule) else {
            return;
        };
        if !self
            .seen
            .insert((rule.code, file, span.start, span.end, message.clone()))
        {
            return;
        }
        self.diagnostics.push(Diagnostic {
            code: rule.code,
            name: rule.name,
            severity,
            message: crate::redact::redacted(message),
            file,
            document: None,
            span,
            pointer: pointer.to_owned(),
            help: help.map(crate::redact::redacted),
            fix,
        });
    }

    /// Report a finding about a whole file.
    pub fn emit_at(
        &mut self,
        rule: &'static RuleMeta,
        file: usize,
        message: String,
        help: Option<String>,
    ) {
        let span = 0..self.files[file].text.len();
        self.emit(rule, file, span, "", message, help);
    }

    /// Counts of the diagnostics at each severity.
    pub fn counts(&self) -> (usize, usize) {
        let count = |severity| {
            self.diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.severity == severity)
                .count()
        };
        (count(Severity::Error), count(Severity::Warning))
    }

    /// Whether some input could not be checked (`GIT007` or a file that could not be read).
    pub fn has_failures(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| is_failure_to_check(diagnostic.code))
    }

    /// The diagnostics as a report (sorted by file, position and code; files in the order
    /// they were first used).
    pub fn report(&self) -> Report {
        let mut diagnostics = self.diagnostics.clone();
        diagnostics.sort_by(|a, b| {
            (a.file, a.span.start, a.code, a.span.end).cmp(&(
                b.file,
                b.span.start,
                b.code,
                b.span.end,
            ))
        });
        let (errors, warnings) = self.counts();
        Report {
            diagnostics,
            summary: Summary {
                files: self.files.len(),
                documents: 0,
                entities: 0,
                errors,
                warnings,
                skipped: 0,
                infos: self
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Info)
                    .count(),
                suppressed: 0,
            },
            skipped: Vec::new(),
        }
    }

    /// The files as the renderers take them.
    pub fn parsed_files(&self) -> Vec<ParsedFile> {
        self.files
            .iter()
            .map(|source| ParsedFile {
                source: source.clone(),
                documents: Vec::new(),
                problems: Vec::new(),
            })
            .collect()
    }
}

/// Whether a version diagnostic means the input could not be checked (exit code 2).
pub fn is_failure_to_check(code: &str) -> bool {
    code == crate::rules::git::incomplete_history::RULE.code
        || crate::rules::rule(code).is_some_and(|rule| rule.family.is_failure_to_check())
}
