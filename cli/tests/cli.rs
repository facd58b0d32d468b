//! CLI acceptance: exit codes and exact output on the examples, and the flags that change
//! what is reported.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn kataster(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kataster"))
        .current_dir(workspace())
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> (i32, Value) {
    let output = kataster(&[args, &["--format", "json"]].concat());
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap(), report)
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_examples_exit_as_documented() {
    let acme = kataster(&["check", "examples/acme"]);
    assert_eq!(
        acme.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&acme.stdout)
    );
    assert_eq!(
        String::from_utf8(acme.stdout).unwrap(),
        "0 errors, 0 warnings: checked 19 files (42 documents, 28 entities)\n"
    );
    assert_eq!(
        kataster(&["check", "examples/broken"]).status.code(),
        Some(1)
    );
    assert_eq!(
        kataster(&["check", "examples/unparsable"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_gitops_example_shows_each_argo_cd_rule_at_its_line() {
    let (code, report) = json(&["check", "examples/gitops"]);
    assert_eq!(code, 1);
    let at: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("ARGO004", 23),
        ("ARGO006", 37),
        ("ARGO001", 47),
        ("ARGO002", 64),
        ("ARGO003", 68),
        ("ARGO005", 68),
    ];
    let expected: Vec<(String, u64)> = expected
        .iter()
        .map(|(code, line)| ((*code).to_owned(), *line))
        .collect();
    assert_eq!(at, expected);
}

#[test]
fn broken_shows_each_error_at_its_line() {
    let (code, report) = json(&["check", "examples/broken"]);
    assert_eq!(code, 1);
    let at: Vec<(String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned();
            (
                file,
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("backstage-rejects.yaml", 31, "CAT006"),
        ("backstage-rejects.yaml", 41, "CAT006"),
        ("backstage-rejects.yaml", 52, "CAT007"),
        ("backstage-rejects.yaml", 65, "CAT010"),
        ("backstage-rejects.yaml", 88, "CAT011"),
        ("backstage-rejects.yaml", 99, "CAT003"),
        ("backstage-rejects.yaml", 107, "CAT012"),
        ("backstage-rejects.yaml", 125, "CAT015"),
        ("backstage-rejects.yaml", 135, "CAT015"),
        ("references.yaml", 42, "CAT107"),
        ("references.yaml", 62, "CAT101"),
        ("references.yaml", 74, "CAT101"),
        ("references.yaml", 86, "CAT103"),
        ("references.yaml", 97, "CAT104"),
        ("references.yaml", 128, "CAT102"),
        ("references.yaml", 157, "CAT105"),
        ("consumers.yaml", 18, "ARGO004"),
        ("consumers.yaml", 25, "ARGO001"),
        ("consumers.yaml", 36, "ARGO002"),
        ("consumers.yaml", 48, "ARGO003"),
        ("consumers.yaml", 48, "ARGO005"),
        ("consumers.yaml", 57, "ARGO006"),
        ("consumers.yaml", 68, "ARGO008"),
        ("consumers.yaml", 81, "RAN001"),
        ("consumers.yaml", 89, "RAN002"),
        ("consumers.yaml", 95, "RAN003"),
        ("consumers.yaml", 104, "NS001"),
        ("consumers.yaml", 116, "ARGO010"),
        ("inventory.yaml", 23, "ARGO007"),
    ] {
        let expected = (expected.0.to_owned(), expected.1, expected.2.to_owned());
        assert!(at.contains(&expected), "missing {expected:?} in {at:?}");
    }
}

#[test]
fn human_output_has_snippets() {
    let output = String::from_utf8(
        kataster(&[
            "check",
            "--no-color",
            "examples/broken/backstage-rejects.yaml",
        ])
        .stdout,
    )
    .unwrap();
    assert!(
        output.contains(
            "error[CAT006]: invalid entity name \"product catalog\" [invalid-entity-name]"
        ),
        "{output}"
    );
    assert!(
        output.contains("--> examples/broken/backstage-rejects.yaml:31:9"),
        "{output}"
    );
    assert!(
        output.contains("31 |   name: product catalog\n   |         ^^^^^^^^^^^^^^^"),
        "{output}"
    );
}

#[test]
fn select_and_ignore_take_prefixes() {
    let (_, report) = json(&["check", "--select", "CAT1", "examples/broken"]);
    assert!(codes(&report).iter().all(|c| c.starts_with("CAT1")));
    let (_, report) = json(&[
        "check",
        "--select",
        "CAT",
        "--ignore",
        "CAT1,CAT006",
        "examples/broken",
    ]);
    let found = codes(&report);
    assert!(
        found.iter().all(|c| c.starts_with("CAT0") && c != "CAT006"),
        "{found:?}"
    );
    assert!(found.contains(&"CAT010".to_owned()));
}

#[test]
fn strict_refs_and_known_entities_decide_dangling_references() {
    let dir = std::env::temp_dir().join(format!("kataster-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = dir.join("catalog-info.yaml");
    std::fs::write(
        &catalog,
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: phippy}\nspec: {type: website, lifecycle: production, owner: team-a}\n",
    )
    .unwrap();
    let path = catalog.to_string_lossy().into_owned();
    let (code, report) = json(&["check", &path]);
    assert_eq!((code, codes(&report)), (0, vec!["CAT101".to_owned()]));
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
    let (code, report) = json(&["check", "--strict-refs", &path]);
    assert_eq!(
        (code, report["diagnostics"][0]["severity"].as_str()),
        (1, Some("error"))
    );
    let export = dir.join("entities.json");
    std::fs::write(&export, r#"[{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"Team-A","namespace":"default"},"spec":{"type":"team","children":[]}}]"#).unwrap();
    let (code, report) = json(&[
        "check",
        "--strict-refs",
        "--known-entities",
        &export.to_string_lossy(),
        &path,
    ]);
    assert_eq!((code, codes(&report)), (0, Vec::<String>::new()));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn rule_docs_and_the_rule_list() {
    let rule = String::from_utf8(kataster(&["rule", "cat006"]).stdout).unwrap();
    assert!(rule.starts_with("# CAT006 invalid-entity-name\n"), "{rule}");
    assert!(rule.contains("## What it does") && rule.contains("## Use instead"));
    assert_eq!(kataster(&["rule", "NOPE1"]).status.code(), Some(2));
    let rules = String::from_utf8(kataster(&["rules"]).stdout).unwrap();
    assert!(
        rules
            .lines()
            .any(|line| line.starts_with("CAT101   dangling-reference")),
        "{rules}"
    );
}

#[test]
fn usage_errors_and_missing_paths_exit_2() {
    assert_eq!(kataster(&["check", "--select"]).status.code(), Some(2));
    let (code, report) = json(&["check", "does/not/exist.yaml"]);
    assert_eq!((code, codes(&report)), (2, vec!["IO001".to_owned()]));
}

#[test]
fn the_acme_inventory_joins_catalog_argo_cd_and_clusters() {
    let output = kataster(&["inventory", "examples/acme"]);
    assert_eq!(output.status.code(), Some(0));
    let table = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        rows[0],
        [
            "APP",
            "STAGE",
            "NAMESPACE",
            "COMPONENT",
            "OWNER",
            "CLUSTER",
            "PROJECT",
            "GROUPS",
            "VERSION"
        ]
    );
    assert!(
        rows.contains(&vec![
            "phippy",
            "prd",
            "ap-phippy-prd",
            "component:default/phippy",
            "team-a",
            "cluster-prd-eu1",
            "phippy",
            "team-a, client01",
            "1.4.0",
        ]),
        "{table}"
    );
    assert!(
        rows.contains(&vec![
            "goldie",
            "dev",
            "ps-goldie-eu1-dev",
            "-",
            "-",
            "cluster-dev-eu1",
            "goldie",
            "team-b",
            "2.1.0",
        ]),
        "an ApplicationSet's generated Application: {table}"
    );
    let json = kataster(&["inventory", "examples/acme", "--format", "json"]);
    let value: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["rows"].as_array().unwrap().len(), rows.len() - 1);
    let markdown = kataster(&["inventory", "examples/acme", "--format", "markdown"]);
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(
        markdown.starts_with("| app | stage | namespace |"),
        "{markdown}"
    );
}

/// `--show-skipped` lists one skipped file a line on standard error.
#[test]
fn show_skipped_lists_one_file_a_line() {
    let output = kataster(&[
        "check",
        "tests/corpus/YAML001/valid/templates-are-skipped",
        "--show-skipped",
        "--format",
        "concise",
    ]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    let skipped: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("skipped "))
        .collect();
    assert_eq!(skipped.len(), 5, "{stderr}");
    assert!(!stderr.contains("\\u{a}"), "{stderr}");
    assert!(
        skipped[4].ends_with("template syntax `{{` at line 7 (not YAML until rendered)"),
        "{stderr}"
    );
}

/// The summary points to `--show-skipped` only when the list is not shown.
#[test]
fn summary_points_to_show_skipped_only_without_it() {
    let dir = "tests/corpus/YAML001/valid/templates-are-skipped";
    let without = kataster(&["check", dir, "--no-color"]);
    let stdout = String::from_utf8(without.stdout).unwrap();
    assert!(stdout.contains("(--show-skipped lists them)"), "{stdout}");
    let with = kataster(&["check", dir, "--no-color", "--show-skipped"]);
    let stdout = String::from_utf8(with.stdout).unwrap();
    assert!(stdout.contains("; skipped 5 templates"), "{stdout}");
    assert!(!stdout.contains("--show-skipped"), "{stdout}");
}
