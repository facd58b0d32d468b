//! Every `--format` on a fixed set of conformance corpus cases and the examples, against the
//! golden files `tests/golden/<format>/<case>.<ext>` (`KATASTER_BLESS=1 cargo test --test
//! formats` rewrites them). The outputs are also validated: JUnit and checkstyle against XSDs
//! (with xmllint), GitLab Code Quality against its documented fields (jsonschema crate); SARIF
//! in tests/sarif.rs. `scripts/test-deps.sh` installs xmllint; a test whose tool is missing
//! says so and skips that check.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::{
    CASES, assert_valid, json_schema, kataster, render_all, rendered_outputs, root_uri, scratch,
    slug, workspace,
};

#[test]
fn every_format_matches_its_golden_files() {
    let root = workspace();
    let bless = std::env::var_os("KATASTER_BLESS").is_some();
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    let root_uri = format!("\"uri\": \"{}\"", root_uri(&root));
    let mut failures = Vec::new();
    for case in CASES {
        let out = scratch(&format!("formats-{}", slug(case)));
        let (output, rendered) = render_all(case, &out);
        assert!(
            matches!(output.status.code(), Some(0..=2)),
            "{case}: {output:?}"
        );
        for (format, ext, text) in rendered {
            // The tool version in SARIF changes with every release, not with the format, and
            // the root of the run (SARIF's %SRCROOT%) is wherever the checkout lies.
            let text = text
                .replace(&version, "\"version\": \"<VERSION>\"")
                .replace(&root_uri, "\"uri\": \"file:///<ROOT>/\"");
            let golden = root
                .join("tests/golden")
                .join(format)
                .join(format!("{}.{ext}", slug(case)));
            if bless {
                std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
                std::fs::write(&golden, &text).unwrap();
                continue;
            }
            match std::fs::read_to_string(&golden) {
                Ok(expected) if expected == text => {}
                Ok(expected) => failures.push(format!(
                    "{case} --format {format}: differs from {}:\n--- expected\n{expected}\n--- actual\n{text}",
                    golden.display()
                )),
                Err(_) => failures.push(format!(
                    "{case} --format {format}: no golden file {} (run with KATASTER_BLESS=1)",
                    golden.display()
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Writing to a file gives what standard output gives: the human, JSON and concise outputs
/// are the ones `--format X` alone prints.
#[test]
fn files_and_standard_output_agree() {
    let root = workspace();
    for case in [
        "examples/broken",
        "tests/corpus/YAML001/invalid/tab-indentation.yaml",
    ] {
        let out = scratch(&format!("agree-{}", slug(case)));
        let (multi, rendered) = render_all(case, &out);
        for (format, _, text) in &rendered {
            let single = kataster(&root)
                .env("CI_PROJECT_DIR", &root)
                .args(["check", "--no-color", "--format", format, case])
                .output()
                .unwrap();
            assert_eq!(
                String::from_utf8(single.stdout).unwrap(),
                *text,
                "{case} --format {format}"
            );
            assert_eq!(single.status.code(), multi.status.code());
        }
    }
}

fn xmllint() -> Option<PathBuf> {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    if !found {
        eprintln!(
            "SKIPPED: xmllint is not installed (Debian: apt-get install libxml2-utils, or run scripts/test-deps.sh as root); XML schema validation not run"
        );
    }
    found.then(|| PathBuf::from("xmllint"))
}

fn validate_xml(format: &str, xsd: &str) {
    let Some(xmllint) = xmllint() else {
        return;
    };
    let xsd = workspace().join("tests/schemas").join(xsd);
    let dir = scratch(&format!("xsd-{format}"));
    for (case, text) in rendered_outputs(format) {
        let file = dir.join(format!("{}.xml", slug(&case)));
        std::fs::write(&file, &text).unwrap();
        let output = Command::new(&xmllint)
            .arg("--noout")
            .arg("--schema")
            .arg(&xsd)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{case} --format {format} does not validate against {}:\n{}\n{text}",
            xsd.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The count attributes of an element: `tests`, `failures`, `errors`.
fn counts(tag: &str) -> [usize; 3] {
    ["tests", "failures", "errors"].map(|name| {
        let key = format!(" {name}=\"");
        let start = tag.find(&key).unwrap() + key.len();
        tag[start..start + tag[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    })
}

#[test]
fn junit_validates_against_the_xsd() {
    validate_xml("junit", "junit.xsd");
}

#[test]
fn junit_counts_add_up() {
    for (case, text) in rendered_outputs("junit") {
        let mut total = [0; 3];
        for suite in text.split("<testsuite ").skip(1) {
            let (tag, body) = suite.split_once('>').unwrap();
            let body = body.split("</testsuite>").next().unwrap();
            let expected = [
                body.matches("<testcase ").count(),
                body.matches("<failure ").count(),
                body.matches("<error ").count(),
            ];
            assert_eq!(counts(tag), expected, "{case}: {tag}");
            for (sum, n) in total.iter_mut().zip(expected) {
                *sum += n;
            }
        }
        let root = text.split("<testsuites ").nth(1).unwrap();
        assert_eq!(counts(root.split_once('>').unwrap().0), total, "{case}");
    }
}

#[test]
fn checkstyle_validates_against_the_xsd() {
    validate_xml("checkstyle", "checkstyle.xsd");
}

#[test]
fn gitlab_code_quality_is_valid_with_unique_fingerprints() {
    let validator = json_schema(&workspace().join("tests/schemas/gitlab-codequality.schema.json"));
    assert!(!validator.is_valid(&serde_json::json!([{"description": "x", "check_name": "y",
        "fingerprint": "z", "severity": "error", "location": {"path": "a", "lines": {"begin": 1}}}])));
    for (case, text) in rendered_outputs("gitlab") {
        assert!(!text.starts_with('\u{feff}'), "{case}: BOM");
        assert_valid(&validator, &case, "gitlab", &text);
        let issues: Vec<Value> = serde_json::from_str(&text).unwrap();
        let mut fingerprints = HashSet::new();
        for issue in &issues {
            assert!(
                fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()),
                "{case}: duplicate fingerprint {issue}"
            );
            let path = issue["location"]["path"].as_str().unwrap();
            assert!(
                !path.starts_with('/') && !path.starts_with("./"),
                "{case}: {path} is not relative to CI_PROJECT_DIR"
            );
        }
    }
}

fn gitlab(dir: &Path, project: &Path, paths: &[&str]) -> Vec<Value> {
    let output = kataster(dir)
        .env("CI_PROJECT_DIR", project)
        .args(["check", "--format", "gitlab"])
        .args(paths)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Fingerprints stay when lines move (they hash what was found, not where), and identical
/// findings in one file still get different fingerprints.
#[test]
fn gitlab_fingerprints_are_stable_and_unique() {
    let root = workspace();
    let dir = scratch("fingerprints");
    let source =
        std::fs::read_to_string(root.join("examples/broken/backstage-rejects.yaml")).unwrap();
    std::fs::write(dir.join("catalog-info.yaml"), &source).unwrap();
    let before = gitlab(&dir, &dir, &["catalog-info.yaml"]);
    assert_eq!(
        before,
        gitlab(&dir, &dir, &["catalog-info.yaml"]),
        "not deterministic"
    );
    std::fs::write(
        dir.join("catalog-info.yaml"),
        format!("# a comment\n# another\n{source}"),
    )
    .unwrap();
    let after = gitlab(&dir, &dir, &["catalog-info.yaml"]);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["fingerprint"], a["fingerprint"]);
        assert_eq!(
            b["location"]["lines"]["begin"].as_u64().unwrap() + 2,
            a["location"]["lines"]["begin"].as_u64().unwrap()
        );
    }
    // The same document twice: same findings, different fingerprints.
    let twice = source.split("\n---\n").nth(3).unwrap();
    std::fs::write(dir.join("twice.yaml"), format!("{twice}\n---\n{twice}\n")).unwrap();
    let issues = gitlab(&dir, &dir, &["twice.yaml"]);
    let cat006: Vec<&Value> = issues
        .iter()
        .filter(|i| i["check_name"] == "CAT006")
        .collect();
    assert_eq!(cat006.len(), 2, "{issues:?}");
    assert_ne!(cat006[0]["fingerprint"], cat006[1]["fingerprint"]);
}

/// Paths are relative to CI_PROJECT_DIR, wherever kataster runs and however paths are given.
#[test]
fn gitlab_paths_are_relative_to_ci_project_dir() {
    let root = workspace();
    let sub = root.join("examples");
    let expected = "examples/broken/references.yaml";
    let absolute = root.join(expected);
    for (dir, path) in [
        (&root, expected.to_owned()),
        (&root, format!("./{expected}")),
        (&sub, "broken/references.yaml".to_owned()),
        (&sub, "../examples/broken/references.yaml".to_owned()),
        (&sub, absolute.display().to_string()),
    ] {
        let issues = gitlab(dir, &root, &[&path]);
        assert!(!issues.is_empty());
        for issue in issues {
            assert_eq!(
                issue["location"]["path"],
                expected,
                "{path} from {}",
                dir.display()
            );
        }
    }
}

#[test]
fn format_arguments_are_checked() {
    let root = workspace();
    let dir = scratch("format-arguments");
    let run = |args: &[&str]| {
        let output = kataster(&root)
            .args(["check", "examples/acme"])
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let (code, _, stderr) = run(&["--format", "json", "--format", "sarif"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("at most one format can go to standard output"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["--format", "yaml"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown format `yaml`"), "{stderr}");
    let same = dir.join("same.json").display().to_string();
    let (code, _, stderr) = run(&[
        "--format",
        &format!("json={same}"),
        "--format",
        &format!("sarif={same}"),
    ]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("named twice"), "{stderr}");
    // Only files requested: human output on standard output; parent folders are created.
    let nested = dir.join("reports/nested/cq.json");
    let (code, stdout, _) = run(&["--format", &format!("gitlab={}", nested.display())]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&nested).unwrap(), "[]\n");
}

#[test]
fn fail_on_sets_what_fails() {
    let root = workspace();
    let code = |case: &str, fail_on: Option<&str>| {
        let mut command = kataster(&root);
        command.args(["check", "--format", "concise", case]);
        if let Some(fail_on) = fail_on {
            command.args(["--fail-on", fail_on]);
        }
        command.output().unwrap().status.code()
    };
    let warning = "tests/corpus/CAT101/invalid/docs-example.yaml";
    let error = "examples/broken";
    let unparsable = "examples/unparsable";
    assert_eq!(code(warning, None), Some(0));
    assert_eq!(code(warning, Some("error")), Some(0));
    assert_eq!(code(warning, Some("warning")), Some(1));
    assert_eq!(code(warning, Some("never")), Some(0));
    assert_eq!(code(error, None), Some(1));
    assert_eq!(code(error, Some("never")), Some(0));
    assert_eq!(code("examples/acme", Some("warning")), Some(0));
    assert_eq!(code(unparsable, Some("never")), Some(2));
}

/// With `--fail-on warning` a warning fails its testcase; otherwise it is reported as output.
#[test]
fn junit_failures_follow_fail_on() {
    let root = workspace();
    let junit = |fail_on: &str| {
        let output = kataster(&root)
            .args(["check", "--format", "junit", "--fail-on", fail_on])
            .arg("tests/corpus/CAT101/invalid/docs-example.yaml")
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let default = junit("error");
    assert!(default.contains("failures=\"0\""), "{default}");
    assert!(default.contains("<system-out>"), "{default}");
    let strict = junit("warning");
    assert!(strict.contains("<failure message=\"CAT101: "), "{strict}");
}
