//! `--format gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality`).
//!
//! A JSON array of issues: `description`, `check_name`, `fingerprint`, `severity` and
//! `location` (`path` relative to `CI_PROJECT_DIR`, `lines.begin`/`lines.end`). The fingerprint
//! identifies a finding across runs without its position: it hashes the path, the rule, the
//! entity, the JSON pointer, the message and the finding's rank among identical ones, so that
//! editing other lines of a file keeps it, and two identical findings still differ.

use std::collections::HashMap;

use crate::Severity;
use serde::Serialize;

use super::{Context, Input, entity_ref, is_failure_to_check, project_path};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
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
    let mut seen: HashMap<u128, usize> = HashMap::new();
    let issues: Vec<Issue> = input
        .report
        .diagnostics
        .iter()
        .zip(&input.json.diagnostics)
        .map(|(diagnostic, d)| {
            let path = project_path(&d.file, context);
            let entity = d
                .document
                .and_then(|document| {
                    entity_ref(&input.files[diagnostic.file], diagnostic.file, document)
                })
                .unwrap_or_default();
            let identity = fnv1a128(&[&path, d.code, &entity, &d.pointer, &d.message]);
            let rank = seen.entry(identity).or_insert(0);
            *rank += 1;
            let fingerprint = fnv1a128(&[&identity.to_string(), &rank.to_string()]);
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
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}

/// 128-bit FNV-1a over the parts, each followed by a NUL: stable across runs, platforms and
/// versions (unlike `std`'s hasher).
fn fnv1a128(parts: &[&str]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        // FNV-1a of no input is the offset basis; parts are separated.
        assert_eq!(fnv1a128(&[]), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_ne!(fnv1a128(&["a", "b"]), fnv1a128(&["ab"]));
        assert_ne!(fnv1a128(&["a", ""]), fnv1a128(&["", "a"]));
    }

    #[test]
    fn severities_map_to_code_quality() {
        assert_eq!(severity("CAT006", Severity::Error), "major");
        assert_eq!(severity("CAT101", Severity::Warning), "minor");
        assert_eq!(severity("CAT101", Severity::Info), "info");
        assert_eq!(severity("YAML001", Severity::Error), "blocker");
        assert_eq!(severity("IO002", Severity::Error), "blocker");
    }
}
