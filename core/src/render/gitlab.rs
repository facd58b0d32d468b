//! `--format gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality`).
//!
//! A JSON array of issues: `description`, `check_name`, `fingerprint`, `severity` and
//! `location` (`path` relative to `CI_PROJECT_DIR`, `lines.begin`/`lines.end`), and the Code
//! Climate field `content.body`: Markdown with the finding's help and the rule's docs. The
//! fingerprint identifies a finding across runs without its position (`super::fingerprint`):
//! editing other lines of a file keeps it, and two identical findings still differ.

use std::fmt::Write as _;

use crate::Severity;
use crate::rules;
use serde::Serialize;

use super::fingerprint::fingerprints;
use super::{Context, Input, is_failure_to_check, project_path};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content>,
}

/// The issue's details, Markdown, shown when it is expanded in a merge request.
#[derive(Serialize)]
struct Content {
    body: String,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// Code Quality's severity: `info`, `minor`, `major`, `critical` or `blocker`.
pub fn severity(code: &str, severity: Severity) -> &'static str {
    if is_failure_to_check(code) {
        return "blocker";
    }
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(input: Input<'_>, context: &Context) -> String {
    let paths: Vec<String> = input
        .json
        .diagnostics
        .iter()
        .map(|d| project_path(&d.file, context))
        .collect();
    let fingerprints = fingerprints(input, &paths);
    let issues: Vec<Issue> = input
        .json
        .diagnostics
        .iter()
        .zip(paths)
        .zip(fingerprints)
        .map(|((d, path), fingerprint)| {
            let meta = rules::rule(d.code);
            let mut body = String::new();
            if let Some(help) = &d.help {
                let _ = write!(body, "**help:** {help}\n\n");
            }
            if let Some(meta) = meta {
                let _ = write!(
                    body,
                    "{}\n\n[{} {}]({})\n",
                    meta.docs.trim_end(),
                    meta.code,
                    meta.name,
                    meta.url()
                );
            }
            Issue {
                description: format!("{}: {}", d.code, d.message),
                check_name: d.code,
                fingerprint: format!("{fingerprint:032x}"),
                severity: severity(d.code, d.severity),
                location: Location {
                    path,
                    lines: Lines {
                        begin: d.line,
                        end: d.end_line.max(d.line),
                    },
                },
                content: (!body.is_empty()).then_some(Content { body }),
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_map_to_code_quality() {
        assert_eq!(severity("CAT006", Severity::Error), "major");
        assert_eq!(severity("CAT101", Severity::Warning), "minor");
        assert_eq!(severity("CAT101", Severity::Info), "info");
        assert_eq!(severity("YAML001", Severity::Error), "blocker");
        assert_eq!(severity("IO002", Severity::Error), "blocker");
    }
}
