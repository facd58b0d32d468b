//! SARIF as GitHub code scanning ingests it, on the format tests' cases (`support::CASES`):
//! valid against the SARIF 2.1.0 JSON schema (jsonschema crate), clean under the SARIF
//! Multitool's SARIF and GitHub rules, every rule with its help, URIs relative to the root of
//! the run and fingerprints that survive moved lines. `scripts/test-deps.sh` installs the
//! schema and the Multitool.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::{assert_valid, kataster, rendered_outputs, scratch, slug, workspace};

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let schema = std::env::var_os("KATASTER_SARIF_SCHEMA").map_or_else(
        || workspace().join("target/test-deps/sarif-schema-2.1.0.json"),
        PathBuf::from,
    );
    if !schema.is_file() {
        eprintln!(
            "SKIPPED: the SARIF 2.1.0 schema is not at {} (scripts/test-deps.sh unpacks it from the npm package @microsoft/jest-sarif); SARIF schema validation not run",
            schema.display()
        );
        return;
    }
    // The schema's pattern for `run.language` has an unescaped `]` that strict regex engines
    // (and this crate's meta-schema check) reject; escaped, it means the same.
    let text = std::fs::read_to_string(&schema)
        .unwrap()
        .replace("{2}-[a-zA-Z]{2}]?$", "{2}-[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut broken: Value =
        serde_json::from_str(&rendered_outputs("sarif").swap_remove(0).1).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(
        !validator.is_valid(&broken),
        "the schema does not check levels"
    );
    for (case, text) in rendered_outputs("sarif") {
        assert_valid(&validator, &case, "sarif", &text);
        let log: Value = serde_json::from_str(&text).unwrap();
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for rule in rules {
            for field in [
                "/shortDescription/text",
                "/fullDescription/text",
                "/help/text",
            ] {
                assert!(
                    rule.pointer(field)
                        .and_then(Value::as_str)
                        .is_some_and(|t| !t.is_empty()),
                    "{case}: {field} of {rule}"
                );
            }
            let code = rule["id"].as_str().unwrap();
            let docs = kataster_core::rules::rule(code).unwrap().docs.trim_end();
            assert_eq!(rule["help"]["markdown"], docs, "{case}: help of {code}");
            assert_eq!(
                rule["helpUri"],
                format!("https://github.com/kataster/kataster/blob/main/docs/rules/{code}.md"),
                "{case}"
            );
            assert!(
                workspace().join(format!("docs/rules/{code}.md")).is_file(),
                "{case}: {code} has no page"
            );
        }
        let base = &run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
        assert!(
            base.as_str()
                .is_some_and(|uri| uri.starts_with("file:///") && uri.ends_with('/')),
            "{case}: %SRCROOT% is {base}"
        );
        for result in run["results"].as_array().unwrap() {
            let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(rules[index]["id"], result["ruleId"], "{case}");
            let artifact = &result["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{case}: {artifact}");
            let uri = artifact["uri"].as_str().unwrap();
            assert!(
                !uri.starts_with('/') && !uri.contains(':') && !uri.starts_with("./"),
                "{case}: {uri} is not relative to the root"
            );
            assert!(
                result["partialFingerprints"]["kataster/v1"].is_string(),
                "{case}: {result}"
            );
        }
    }
}

/// The SARIF Multitool (`@microsoft/sarif-multitool`, installed by scripts/test-deps.sh):
/// SARIF's own rules and GitHub code scanning's ingestion rules (`--rule-kind "Gh;Sarif"`),
/// e.g. GH2012: every rule has a full description and help. Its errors and warnings fail;
/// notes are printed.
#[test]
fn sarif_passes_the_sarif_multitool_with_github_rules() {
    let tool = std::env::var_os("KATASTER_SARIF_MULTITOOL").map_or_else(
        || {
            workspace().join(
                "target/test-deps/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
            )
        },
        PathBuf::from,
    );
    if !tool.is_file() {
        let message = format!(
            "the SARIF Multitool is not at {} (scripts/test-deps.sh installs it from npm)",
            tool.display()
        );
        assert!(std::env::var_os("CI").is_none(), "{message}");
        eprintln!("SKIPPED: {message}; SARIF Multitool validation not run");
        return;
    }
    let dir = scratch("multitool");
    let mut files = Vec::new();
    for (case, text) in rendered_outputs("sarif") {
        let file = dir.join(format!("{}.sarif", slug(&case)));
        std::fs::write(&file, &text).unwrap();
        files.push(file);
    }
    let log = dir.join("validation.sarif");
    let output = Command::new(&tool)
        .args([
            "validate",
            "--rule-kind",
            "Gh;Sarif",
            "--log",
            "ForceOverwrite",
        ])
        .arg("--output")
        .arg(&log)
        .args(&files)
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains(&format!("{} files scanned", files.len())),
        "the SARIF Multitool failed: {output:?}"
    );
    let validation: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let mut problems = Vec::new();
    for run in validation["runs"].as_array().unwrap() {
        for result in run["results"].as_array().into_iter().flatten() {
            let level = result["level"].as_str().unwrap_or("warning");
            let line = format!(
                "{level} {}: {} ({})",
                result["ruleId"].as_str().unwrap_or("?"),
                result["message"],
                result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            );
            if matches!(level, "error" | "warning") {
                problems.push(line);
            } else {
                eprintln!("SARIF Multitool: {line}");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn sarif_results(dir: &Path, root: &Path, paths: &[&str]) -> Vec<Value> {
    let output = kataster(dir)
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(["--format", "sarif"])
        .args(paths)
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    log["runs"][0]["results"].as_array().unwrap().clone()
}

/// SARIF's `partialFingerprints` stay when lines move and when the run starts in another
/// folder (URIs and fingerprints are relative to the root), and differ between findings.
#[test]
fn sarif_fingerprints_and_uris_follow_the_root() {
    let root = workspace();
    let dir = scratch("sarif-fingerprints");
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let source =
        std::fs::read_to_string(root.join("examples/broken/backstage-rejects.yaml")).unwrap();
    std::fs::write(sub.join("catalog-info.yaml"), &source).unwrap();
    let before = sarif_results(&dir, &dir, &["sub/catalog-info.yaml"]);
    let elsewhere = sarif_results(&sub, &dir, &["catalog-info.yaml"]);
    std::fs::write(
        sub.join("catalog-info.yaml"),
        format!("# a comment\n# another\n{source}"),
    )
    .unwrap();
    let after = sarif_results(&dir, &dir, &["sub/catalog-info.yaml"]);
    assert!(!before.is_empty());
    assert_eq!(before.len(), after.len());
    let mut seen = HashSet::new();
    for ((b, a), e) in before.iter().zip(&after).zip(&elsewhere) {
        let location = |r: &Value| r["locations"][0]["physicalLocation"].clone();
        assert_eq!(b["partialFingerprints"], a["partialFingerprints"]);
        assert_eq!(b["partialFingerprints"], e["partialFingerprints"]);
        assert_eq!(
            location(b)["artifactLocation"],
            location(e)["artifactLocation"]
        );
        assert_eq!(
            location(b)["artifactLocation"]["uri"],
            "sub/catalog-info.yaml"
        );
        assert_eq!(
            location(b)["region"]["startLine"].as_u64().unwrap() + 2,
            location(a)["region"]["startLine"].as_u64().unwrap()
        );
        assert!(seen.insert(b["partialFingerprints"]["kataster/v1"].to_string()));
    }
}
