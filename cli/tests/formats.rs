//! Every `--format` on a fixed set of conformance corpus cases and the examples, against the
//! golden files `tests/golden/<format>/<case>.<ext>` (`KATASTER_BLESS=1 cargo test --test
//! formats` rewrites them). The outputs are also validated: JUnit and checkstyle against XSDs
//! (with xmllint), SARIF against the SARIF 2.1.0 JSON schema, GitLab Code Quality against its
//! documented fields (both with the jsonschema crate). `scripts/test-deps.sh` installs xmllint
//! and the SARIF schema; a test whose tool is missing says so and skips that check.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// The cases: one of each kind of output (errors, warnings, several documents, Unicode
/// columns, file-level and could-not-check problems, nothing found, characters to escape,
/// directories of several files).
const CASES: &[&str] = &[
    "tests/corpus/CAT006/invalid/non-ascii.yaml",
    "tests/corpus/CAT001/invalid/missing-api-version-and-kind.yaml",
    "tests/corpus/CAT016/invalid/docs-example.yaml",
    "tests/corpus/CAT101/invalid/docs-example.yaml",
    "tests/corpus/CAT006/valid/docs-example.yaml",
    "tests/corpus/YAML001/invalid/tab-indentation.yaml",
    "tests/corpus/YAML006/invalid/alias-bomb-then-entity.yaml",
    "tests/corpus/IO002/invalid/latin1.yaml",
    "tests/golden/fixtures/odd name, 100%.yaml",
    "examples/broken",
    "examples/unparsable",
];

/// Every format with its golden file extension.
const FORMATS: &[(&str, &str)] = &[
    ("human", "txt"),
    ("json", "json"),
    ("concise", "txt"),
    ("gitlab", "json"),
    ("junit", "xml"),
    ("sarif", "sarif"),
    ("github", "txt"),
    ("azure", "txt"),
    ("checkstyle", "xml"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `kataster` in the workspace root, without the CI variables of whatever runs the tests.
fn kataster(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kataster"));
    command.current_dir(dir);
    for var in [
        "CI_PROJECT_DIR",
        "GITHUB_WORKSPACE",
        "NO_COLOR",
        "CLICOLOR_FORCE",
    ] {
        command.env_remove(var);
    }
    command
}

fn slug(case: &str) -> String {
    let stem = case
        .strip_suffix(".yaml")
        .unwrap_or(case)
        .trim_start_matches("tests/");
    stem.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The workspace as SARIF's `originalUriBaseIds` names it: `file://`, the canonical path
/// percent-encoded, `/`.
fn root_uri(root: &Path) -> String {
    let canonical = std::fs::canonicalize(root).unwrap();
    let mut uri = String::from("file://");
    for byte in format!("{}/", canonical.display()).bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            write!(uri, "%{byte:02X}").unwrap();
        }
    }
    uri
}

/// A fresh folder; unique per call, as tests run in parallel.
fn scratch(name: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One run writing every format but human to a file, human to standard output.
fn render_all(case: &str, out: &Path) -> (Output, Vec<(&'static str, &'static str, String)>) {
    let root = workspace();
    let mut command = kataster(&root);
    command
        .env("CI_PROJECT_DIR", &root)
        .args(["check", "--no-color", "--format", "human"]);
    for (format, ext) in &FORMATS[1..] {
        command.arg("--format").arg(format!(
            "{format}={}",
            out.join(format!("{format}.{ext}")).display()
        ));
    }
    let output = command.arg(case).output().unwrap();
    let mut rendered = vec![(
        "human",
        "txt",
        String::from_utf8(output.stdout.clone()).unwrap(),
    )];
    for (format, ext) in &FORMATS[1..] {
        let bytes = std::fs::read(out.join(format!("{format}.{ext}"))).unwrap();
        rendered.push((format, ext, String::from_utf8(bytes).unwrap()));
    }
    (output, rendered)
}

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

fn rendered_outputs(format: &str) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    for case in CASES {
        let out = scratch(&format!("validate-{format}-{}", slug(case)));
        let (_, rendered) = render_all(case, &out);
        let text = rendered
            .into_iter()
            .find(|(f, _, _)| *f == format)
            .unwrap()
            .2;
        outputs.push(((*case).to_owned(), text));
    }
    outputs
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

fn json_schema(path: &Path) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, case: &str, format: &str, text: &str) {
    let instance: Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{case} --format {format} does not validate:\n{}",
        errors.join("\n")
    );
}

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
