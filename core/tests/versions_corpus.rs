//! The version families' conformance corpus: `tests/corpus/<CODE>/{valid,invalid}/<case>.txt`
//! for the `VER`, `GIT`, `STG` and `HELM` rules are scenarios (see
//! `kataster_core::check::versions::scenario`) with the expected report in `<case>.json`: the JSON
//! report of `kataster check` plus the computed `facts`. An invalid case must report its
//! rule, a valid one must not. `KATASTER_BLESS=1 cargo test --test versions_corpus` rewrites
//! the expected reports. (The YAML cases of the other families are run by cli/tests/corpus.rs,
//! which ignores `.txt` files.)

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kataster_core::check::versions::scenario;
use kataster_core::rules::{Family, RULES};
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("tests/corpus")
}

fn is_version_family(family: Family) -> bool {
    matches!(
        family,
        Family::Versions | Family::Git | Family::Stages | Family::Helm
    )
}

/// Every scenario case of the version families: (code, valid or invalid, path).
fn cases() -> Vec<(&'static str, &'static str, PathBuf)> {
    let mut cases = Vec::new();
    for rule in RULES.iter().filter(|rule| is_version_family(rule.family)) {
        for kind in ["valid", "invalid"] {
            let Ok(entries) = std::fs::read_dir(corpus().join(rule.code).join(kind)) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
                .collect();
            paths.sort();
            cases.extend(paths.into_iter().map(|path| (rule.code, kind, path)));
        }
    }
    cases
}

#[test]
fn scenarios_match_expected_reports() {
    let bless = std::env::var_os("KATASTER_BLESS").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "the version corpus is missing: {} cases",
        cases.len()
    );
    for (code, kind, path) in &cases {
        let name = path.strip_prefix(corpus()).unwrap().display().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let outcome = match scenario::run(&text) {
            Ok(outcome) => outcome,
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let json = outcome.to_json_pretty();
        let report: Value = serde_json::from_str(&json).unwrap();
        let codes: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|diagnostic| diagnostic["code"].as_str().unwrap())
            .collect();
        let has_code = codes.contains(code);
        if *kind == "invalid" && !has_code {
            failures.push(format!(
                "{name}: expected a {code} diagnostic, got {codes:?}"
            ));
        }
        if *kind == "valid" && has_code {
            failures.push(format!(
                "{name}: expected no {code} diagnostic, got {codes:?}"
            ));
        }
        let expected = path.with_extension("json");
        if bless {
            std::fs::write(&expected, &json).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected) {
            Ok(text) if text == json => {}
            Ok(text) => failures.push(format!(
                "{name}: report differs from {}:\n--- expected\n{text}\n--- actual\n{json}",
                expected.display()
            )),
            Err(_) => failures.push(format!(
                "{name}: no expected report {} (run with KATASTER_BLESS=1)",
                expected.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} version corpus cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_version_rule_has_valid_and_invalid_scenarios() {
    let cases = cases();
    for rule in RULES.iter().filter(|rule| is_version_family(rule.family)) {
        for kind in ["valid", "invalid"] {
            assert!(
                cases
                    .iter()
                    .any(|(code, case_kind, _)| *code == rule.code && *case_kind == kind),
                "{} has no {kind} scenario",
                rule.code
            );
        }
    }
}
