//! `--format sarif`: SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDE viewers).
//!
//! One run whose driver lists the rules the results use (id, name, short and full
//! description, help as text and Markdown: the rule's docs, help URI: its page in docs/rules/,
//! default level) and one result per diagnostic with its region. GitHub code scanning's
//! ingestion rules hold (checked with the SARIF Multitool in cli/tests/sarif.rs).
//!
//! Artifact URIs are relative to the root of the run (`uriBaseId: %SRCROOT%`, whose absolute
//! `file://` URI is in `originalUriBaseIds`) when the frontend says what it is
//! ([`Context::root`]); a file outside it keeps the path the report names. Each result has
//! `partialFingerprints["kataster/v1"]`: the hash of `super::fingerprint` over the path from
//! the root, stable across runs and moves of other lines (not GitHub's
//! `primaryLocationLineHash`, which hashes the line's text). Columns count Unicode code
//! points, as the JSON report's do (`columnKind: unicodeCodePoints`). A fixable finding has
//! its fix in `fixes` (one artifact change, each edit a replacement of a region).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::Severity;
use crate::rules::{self, RuleMeta};
use serde::Serialize;

use super::fingerprint::fingerprints;
use super::{Context, Input, relative_to};

/// The SARIF 2.1.0 schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, BaseUri>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// The finding's fix, if it has one (`kataster check --fix` applies it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    properties: Properties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// kataster's own data on a result: the document and the JSON pointer of the node.
#[derive(Serialize)]
struct Properties {
    document: Option<usize>,
    pointer: String,
}

/// The base URI results are relative to: the root of the run.
const SRCROOT: &str = "%SRCROOT%";

/// The key of kataster's fingerprint in `partialFingerprints`, versioned as SARIF suggests:
/// a new way of computing it gets a new key (`super::fingerprint` says what it hashes).
pub const FINGERPRINT: &str = "kataster/v1";

/// A rule's descriptor; a code the registry does not know (none today) still gets every
/// field GitHub requires.
fn rule(code: &'static str) -> Rule {
    let Some(meta) = rules::rule(code) else {
        return Rule {
            id: code.to_owned(),
            name: code.to_owned(),
            short_description: Text {
                text: code.to_owned(),
            },
            full_description: Text {
                text: code.to_owned(),
            },
            help: Help {
                text: code.to_owned(),
                markdown: code.to_owned(),
            },
            help_uri: env!("CARGO_PKG_REPOSITORY").to_owned(),
            default_configuration: Configuration { level: "error" },
        };
    };
    Rule {
        id: code.to_owned(),
        name: meta.name.to_owned(),
        short_description: Text {
            text: format!("{}.", meta.summary),
        },
        full_description: Text {
            text: full_description(meta),
        },
        help: Help {
            text: meta.docs.trim_end().to_owned(),
            markdown: meta.docs.trim_end().to_owned(),
        },
        help_uri: meta.url(),
        default_configuration: Configuration {
            level: level(meta.severity),
        },
    }
}

/// The rule's "What it does" paragraph on one line, after its summary.
fn full_description(meta: &RuleMeta) -> String {
    let what = meta
        .docs
        .split("## What it does")
        .nth(1)
        .and_then(|rest| rest.split("\n#").next())
        .map(|section| section.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if what.is_empty() {
        format!("{}.", meta.summary)
    } else {
        format!("{}. {what}", meta.summary)
    }
}

pub fn render(input: Input<'_>, context: &Context) -> String {
    let json = input.json;
    let mut used: BTreeMap<&'static str, usize> = BTreeMap::new();
    for d in &json.diagnostics {
        used.insert(d.code, 0);
    }
    let mut rule_list = Vec::new();
    for (position, (code, index)) in used.iter_mut().enumerate() {
        *index = position;
        rule_list.push(rule(code));
    }
    // Each file relative to the root (None: outside it, or no root known), and the path the
    // fingerprint hashes: the relative one, else the one the report names.
    let relative: Vec<Option<String>> = json
        .diagnostics
        .iter()
        .map(|d| {
            context
                .root
                .as_deref()
                .and_then(|root| relative_to(&d.file, root, context))
                .filter(|path| !path.is_empty())
        })
        .collect();
    let paths: Vec<String> = json
        .diagnostics
        .iter()
        .zip(&relative)
        .map(|(d, relative)| relative.clone().unwrap_or_else(|| d.file.clone()))
        .collect();
    let fingerprints = fingerprints(input, &paths);
    let results = json
        .diagnostics
        .iter()
        .zip(relative)
        .zip(fingerprints)
        .map(|((d, relative), fingerprint)| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let artifact_location = || match &relative {
                Some(path) => ArtifactLocation {
                    uri: uri(path),
                    uri_base_id: Some(SRCROOT),
                },
                None => ArtifactLocation {
                    uri: uri(&d.file),
                    uri_base_id: None,
                },
            };
            let fixes = d
                .fix
                .iter()
                .map(|fix| SarifFix {
                    description: Text {
                        text: format!("{} ({} fix)", fix.message, fix.applicability.as_str()),
                    },
                    artifact_changes: [ArtifactChange {
                        artifact_location: artifact_location(),
                        replacements: fix
                            .edits
                            .iter()
                            .map(|edit| Replacement {
                                deleted_region: Region {
                                    start_line: edit.line,
                                    start_column: edit.column,
                                    end_line: edit.end_line,
                                    end_column: edit.end_column,
                                },
                                inserted_content: Text {
                                    text: edit.content.clone(),
                                },
                            })
                            .collect(),
                    }],
                })
                .collect();
            SarifResult {
                rule_id: d.code,
                rule_index: used[d.code],
                level: level(d.severity),
                message: Text { text },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact_location(),
                        region: Region {
                            start_line: d.line,
                            start_column: d.column,
                            end_line: d.end_line,
                            end_column: d.end_column,
                        },
                    },
                }],
                partial_fingerprints: BTreeMap::from([(
                    FINGERPRINT,
                    format!("{fingerprint:032x}"),
                )]),
                fixes,
                properties: Properties {
                    document: d.document,
                    pointer: d.pointer.clone(),
                },
            }
        })
        .collect();
    let mut original_uri_base_ids = BTreeMap::new();
    if let Some(root) = &context.root {
        original_uri_base_ids.insert(
            SRCROOT,
            BaseUri {
                uri: root_uri(root),
            },
        );
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "kataster",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rule_list,
                },
            },
            original_uri_base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// The root as an absolute `file://` URI ending in `/`, as SARIF requires of a base URI.
fn root_uri(root: &Path) -> String {
    let mut path = root.to_string_lossy().replace('\\', "/");
    if !path.starts_with('/') {
        // A Windows drive (`C:/src`): `file:///C:/src/`.
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    uri(&path)
}

/// A file path as a URI reference: relative paths stay relative (to the checkout), absolute
/// ones become `file://` URIs; characters outside RFC 3986's unreserved set and `/` are
/// percent-encoded.
fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let trimmed = slashed.trim_start_matches("./");
    let mut out = String::new();
    if trimmed.starts_with('/') {
        out.push_str("file://");
    }
    for byte in trimmed.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("a/b c.yaml"), "a/b%20c.yaml");
        assert_eq!(uri("./x/é.yaml"), "x/%C3%A9.yaml");
        assert_eq!(uri("/abs/p#1.yaml"), "file:///abs/p%231.yaml");
        assert_eq!(
            root_uri(Path::new("/work/my repo")),
            "file:///work/my%20repo/"
        );
        assert_eq!(root_uri(Path::new("/")), "file:///");
    }
}
