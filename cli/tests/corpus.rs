//! The conformance corpus: `tests/corpus/<CODE>/{valid,invalid}/<case>` with the expected
//! JSON report in `<case>.json` next to each case. Every frontend must reproduce these
//! reports exactly. `KATASTER_BLESS=1 cargo test --test corpus` rewrites them.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every case: files with a YAML extension and directories under valid/ and invalid/.
fn cases() -> Vec<(String, &'static str, PathBuf)> {
    let root = workspace().join("tests/corpus");
    let mut cases = Vec::new();
    let mut codes: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    codes.sort();
    for code_dir in codes {
        let code = code_dir.file_name().unwrap().to_string_lossy().into_owned();
        for kind in ["valid", "invalid"] {
            let Ok(entries) = std::fs::read_dir(code_dir.join(kind)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                let name = path.to_string_lossy();
                let is_case = path.is_dir()
                    || path.symlink_metadata().is_ok_and(|m| m.is_symlink())
                    || name.ends_with(".yaml")
                    || name.ends_with(".yml");
                if is_case {
                    cases.push((code.clone(), kind, path));
                }
            }
        }
    }
    cases
}

fn expected_path(case: &Path) -> PathBuf {
    let name = case.file_name().unwrap().to_string_lossy();
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(&name);
    case.with_file_name(format!("{stem}.json"))
}

#[test]
fn corpus_matches_expected_reports() {
    let root = workspace();
    let bless = std::env::var_os("KATASTER_BLESS").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() > 50, "the corpus is missing");
    for (code, kind, case) in &cases {
        let relative = case
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let output = Command::new(env!("CARGO_BIN_EXE_kataster"))
            .current_dir(&root)
            .args(["check", "--format", "json", &relative])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let report: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{relative}: not JSON: {e}\n{stdout}"));
        let codes: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        let has_code = codes.contains(&code.as_str());
        if kind == &"invalid" && !has_code {
            failures.push(format!(
                "{relative}: expected a {code} diagnostic, got {codes:?}"
            ));
        }
        if kind == &"valid" && has_code {
            failures.push(format!(
                "{relative}: expected no {code} diagnostic, got {codes:?}"
            ));
        }
        let expected_exit = if codes
            .iter()
            .any(|c| c.starts_with("YAML") || c.starts_with("IO") || c.starts_with("POL"))
        {
            2
        } else {
            i32::from(
                report["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["severity"] == "error"),
            )
        };
        if output.status.code() != Some(expected_exit) {
            failures.push(format!(
                "{relative}: exit code {:?}, expected {expected_exit}",
                output.status.code()
            ));
        }
        let expected_file = expected_path(case);
        if bless {
            std::fs::write(&expected_file, &stdout).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_file) {
            Ok(expected) if expected == stdout => {}
            Ok(expected) => failures.push(format!("{relative}: report differs from {}:\n--- expected\n{expected}\n--- actual\n{stdout}", expected_file.display())),
            Err(_) => failures.push(format!("{relative}: no expected report {} (run with KATASTER_BLESS=1)", expected_file.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_valid_and_invalid_cases() {
    let root = workspace().join("tests/corpus");
    let output = Command::new(env!("CARGO_BIN_EXE_kataster"))
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut missing = Vec::new();
    for rule in rules.as_array().unwrap() {
        let code = rule["code"].as_str().unwrap();
        for kind in ["valid", "invalid"] {
            let dir = root.join(code).join(kind);
            if std::fs::read_dir(&dir).map_or(true, |mut entries| entries.next().is_none()) {
                missing.push(format!("{code}/{kind}"));
            }
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}
