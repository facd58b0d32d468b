//! `--format human`: diagnostics with source snippets, like rustc's.

use super::mask;
use crate::diagnostic::Applicability;
use crate::report::{JsonReport, has_control_characters, printable};
use crate::source::LineIndex;
use crate::{ParsedFile, Report, Severity};
use annotate_snippets::{Level, Renderer, Snippet};

/// Snippets longer than this (in bytes) are cut after the annotated span's start.
const LONGEST_EXCERPT: usize = 10_000;
/// How much of such a snippet is kept after the span's start.
const SHOWN_AFTER_START: usize = 200;

/// How the text report is shown.
#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions {
    /// ANSI styles (a terminal).
    pub color: bool,
    /// Print info findings (`--show-infos`); they are counted in the summary either way.
    pub show_infos: bool,
    /// The skipped files are listed (`--show-skipped`): the summary does not point to the flag.
    pub show_skipped: bool,
}

/// The report as text; info findings only with `show_infos` (they are counted in the summary).
pub fn render(report: &Report, files: &[ParsedFile], options: HumanOptions) -> String {
    render_fixing(report, files, options, Fixing::default())
}

/// What a run did with fixes, for the summary (`kataster check --fix`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fixing {
    /// How many fixes were applied, when the run applied them (`--fix`).
    pub fixed: Option<usize>,
    /// Unsafe fixes are applied too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

/// The summary's fix line, as ruff words it: "2 fixable with --fix" without `--fix` (the
/// unsafe fixes counted in with `--unsafe-fixes`), "3 fixed, 1 fixable with --unsafe-fixes"
/// with it; empty when there is nothing to say.
pub fn fix_line(report: &Report, fixing: Fixing) -> String {
    let count = |applicability: Applicability| {
        report
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == applicability)
            })
            .count()
    };
    let (safe, unsafe_) = (count(Applicability::Safe), count(Applicability::Unsafe));
    let mut parts = Vec::new();
    if let Some(fixed) = fixing.fixed {
        if fixed > 0 {
            parts.push(format!("{fixed} fixed"));
        }
        if !fixing.unsafe_fixes && unsafe_ > 0 {
            parts.push(format!("{unsafe_} fixable with --unsafe-fixes"));
        }
    } else if fixing.unsafe_fixes {
        if safe + unsafe_ > 0 {
            parts.push(format!("{} fixable with --fix", safe + unsafe_));
        }
    } else {
        if safe > 0 {
            parts.push(format!("{safe} fixable with --fix"));
        }
        if unsafe_ > 0 {
            parts.push(format!("{unsafe_} fixable with --fix --unsafe-fixes"));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        parts.join(", ") + "\n"
    }
}

/// [`render`] with the fix line of a run that applied fixes.
pub fn render_fixing(
    report: &Report,
    files: &[ParsedFile],
    options: HumanOptions,
    fixing: Fixing,
) -> String {
    let HumanOptions {
        color, show_infos, ..
    } = options;
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let json = JsonReport::new(report, files);
    let mut out = String::new();
    let mut indexes: Vec<Option<LineIndex>> = vec![None; files.len()];
    let mut sensitive: Vec<Option<Vec<std::ops::Range<usize>>>> = vec![None; files.len()];
    for (diagnostic, located) in report.diagnostics.iter().zip(&json.diagnostics) {
        if diagnostic.severity == Severity::Info && !show_infos {
            continue;
        }
        let file = &files[diagnostic.file];
        let text = file.source.text.as_str();
        let level = match diagnostic.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Info,
        };
        let title = format!("{} [{}]", printable(&diagnostic.message), diagnostic.name);
        let origin = located.file.clone();
        let mut message = level.title(&title).id(diagnostic.code);
        let excerpt;
        let label;
        let hidden;
        let lines = (!text.is_empty()).then(|| {
            let index = indexes[diagnostic.file].get_or_insert_with(|| LineIndex::new(text));
            index.line_range(text, located.line).start..index.line_range(text, located.end_line).end
        });
        if text.is_empty() {
            message = message.footer(Level::Note.title(&origin));
        } else if lines.as_ref().is_some_and(|lines| {
            has_control_characters(&text[lines.start..lines.end.max(lines.start)])
        }) {
            // A binary-looking line (or a terminal escape sequence): named, never shown.
            hidden = format!(
                "{origin}:{}:{}: the source line is not shown (it holds control characters)",
                located.line, located.column
            );
            message = message.footer(Level::Note.title(&hidden));
        } else if let Some(lines) = lines {
            let mut start = lines.start;
            if start == 0 && text.starts_with('\u{feff}') {
                start = 3;
            }
            let mut end = lines.end.max(start);
            if end - start > LONGEST_EXCERPT {
                // A megabyte line or value: the snippet ends a little after the span starts
                // (its start stays, so that the column shown stays right).
                end = end.min(diagnostic.span.start.max(start) + SHOWN_AFTER_START);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
            }
            let ranges =
                sensitive[diagnostic.file].get_or_insert_with(|| mask::sensitive_ranges(text));
            excerpt = mask::masked(&text[start..end], start, ranges);
            label = shorten(&diagnostic.pointer);
            let span =
                diagnostic.span.start.clamp(start, end)..diagnostic.span.end.clamp(start, end);
            let span = (span.start - start)..(span.end - start);
            let snippet = Snippet::source(&excerpt)
                .line_start(located.line)
                .origin(&origin)
                .fold(true)
                .annotation(level.span(span).label(&label));
            message = message.snippet(snippet);
        }
        let help_text = diagnostic.help.as_deref().map(printable);
        let help = help_text.as_deref().map(|help| Level::Help.title(help));
        if let Some(help) = help {
            message = message.footer(help);
        }
        out.push_str(&renderer.render(message).to_string());
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(report, options));
    out.push_str(&fix_line(report, fixing));
    out
}

/// A label of at most 200 characters (a pointer through a 100 KB key is named, not repeated).
fn shorten(text: &str) -> String {
    if text.chars().count() <= 200 {
        return text.to_owned();
    }
    let shown: String = text.chars().take(100).collect();
    format!("{shown}… ({} characters)", text.chars().count())
}

fn summary_line(report: &Report, options: HumanOptions) -> String {
    let HumanOptions {
        show_infos,
        show_skipped,
        ..
    } = options;
    let s = report.summary;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let templates = report
        .skipped
        .iter()
        .filter(|skipped| skipped.template)
        .count();
    let others = report.skipped.len() - templates;
    let mut skipped = Vec::new();
    if templates > 0 {
        skipped.push(plural(templates, "template"));
    }
    if others == 1 {
        skipped.push("1 file that is not a catalog file".to_owned());
    } else if others > 1 {
        skipped.push(format!("{others} files that are not catalog files"));
    }
    let skipped = match (skipped.is_empty(), show_skipped) {
        (true, _) => String::new(),
        (false, true) => format!("; skipped {}", skipped.join(" and ")),
        (false, false) => format!(
            "; skipped {} (--show-skipped lists them)",
            skipped.join(" and ")
        ),
    };
    let infos = match s.infos {
        0 => String::new(),
        n if show_infos => format!(", {}", plural(n, "info")),
        n => format!(", {} (--show-infos prints them)", plural(n, "info")),
    };
    format!(
        "{}, {}{infos}: checked {} ({}, {}){skipped}\n",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.files, "file"),
        plural(s.documents, "document"),
        plural(s.entities, "entity").replace("entitys", "entities"),
    )
}

/// The files read but not checked, one a line, for `--show-skipped` (standard error).
pub fn skipped_list(report: &Report) -> String {
    report
        .skipped
        .iter()
        .fold(String::new(), |mut out, skipped| {
            // Each line is made printable on its own: its break is the list's, not the file's.
            let line = format!("skipped {}: {}", skipped.file, skipped.reason);
            out.push_str(&printable(&line));
            out.push('\n');
            out
        })
}

/// What a run says on standard error besides its findings: the skipped files
/// (`--show-skipped`) and the note for a run that found nothing to check.
pub fn notes(report: &Report, files: &[ParsedFile], show_skipped: bool) -> String {
    let mut out = if show_skipped {
        skipped_list(report)
    } else {
        String::new()
    };
    out.extend(nothing_checked(report, files));
    out
}

/// The note for a run that found nothing to check (standard error; the exit code stays 0).
pub fn nothing_checked(report: &Report, files: &[ParsedFile]) -> Option<String> {
    let checked = files
        .iter()
        .any(|file| file.source.kind != crate::FileKind::Policy);
    if checked || !report.diagnostics.is_empty() {
        return None;
    }
    let skipped = if report.skipped.is_empty() {
        String::new()
    } else {
        format!(
            " ({} skipped: --show-skipped lists them)",
            report.skipped.len()
        )
    };
    Some(format!(
        "kataster: nothing to check: no catalog file (catalog-info.yaml, a backstage.io apiVersion) or manifest found{skipped}\n"
    ))
}
