//! `--format sarif`: SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDE viewers).
//!
//! One run whose driver lists the rules the results use (id, name, short description, help
//! URI, default level) and one result per diagnostic with its region. Columns count Unicode
//! code points, as the JSON report's do (`columnKind: unicodeCodePoints`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::Severity;
use crate::report::JsonReport;
use crate::rules::{self, RuleMeta};
use serde::Serialize;

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
    column_kind: &'static str,
    results: Vec<SarifResult>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Configuration>,
}

#[derive(Serialize)]
struct Text {
    text: String,
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
    properties: Properties,
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
struct ArtifactLocation {
    uri: String,
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

pub fn render(json: &JsonReport) -> String {
    let mut used: BTreeMap<&'static str, usize> = BTreeMap::new();
    for d in &json.diagnostics {
        used.insert(d.code, 0);
    }
    let mut rule_list = Vec::new();
    for (position, (code, index)) in used.iter_mut().enumerate() {
        *index = position;
        let meta = rules::rule(code);
        rule_list.push(Rule {
            id: (*code).to_owned(),
            name: meta.map(|meta| meta.name),
            short_description: meta.map(|meta| Text {
                text: meta.summary.to_owned(),
            }),
            help_uri: meta.map(RuleMeta::url),
            default_configuration: meta.map(|meta| Configuration {
                level: level(meta.severity),
            }),
        });
    }
    let results = json
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            SarifResult {
                rule_id: d.code,
                rule_index: used[d.code],
                level: level(d.severity),
                message: Text { text },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&d.file) },
                        region: Region {
                            start_line: d.line,
                            start_column: d.column,
                            end_line: d.end_line,
                            end_column: d.end_column,
                        },
                    },
                }],
                properties: Properties {
                    document: d.document,
                    pointer: d.pointer.clone(),
                },
            }
        })
        .collect();
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
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
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
    }
}
