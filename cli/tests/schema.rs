//! The generated catalog JSON Schema agrees with `kataster check --select CAT0,CAT110` on
//! every document JSON Schema can judge, over the conformance corpus and the real corpus
//! (../shared/corpus/real, when present). The documents it cannot judge are listed by reason.
//! Placeholders are judged: the schema accepts them where Backstage resolves them, and
//! rejects `$json`/`$yaml` where a string goes, as CAT110 does.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use kataster_core::schema::catalog_schema;
use kataster_core::yaml::{self, ParseOptions};
use serde_json::Value as Json;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
            && path.file_name().is_some_and(|name| name != "kataster.yaml")
        {
            out.push(path);
        }
    }
}

/// Rules whose checks JSON Schema cannot express, with the reason.
const UNJUDGEABLE: &[(&str, &str)] = &[
    ("CAT011", "URL parsing and blank text (WHATWG URL, trim)"),
    ("CAT016", "keys that clash by letter case"),
    (
        "CAT015",
        "references in fields the kind schemas leave open (dependencyOf)",
    ),
];

#[test]
fn the_catalog_schema_agrees_with_the_backstage_rules() {
    let root = workspace();
    let mut files = Vec::new();
    yaml_files(&root.join("tests/corpus"), &mut files);
    yaml_files(&root.join("examples"), &mut files);
    let shared = root.join("../shared/corpus/real");
    if shared.is_dir() {
        yaml_files(&shared, &mut files);
    } else {
        eprintln!("skipping the real corpus: {} is absent", shared.display());
    }
    // Only catalog files (manifests and policies are not entities), and none whose
    // suppression comments change the verdict on purpose.
    files.retain(|file| {
        std::fs::read_to_string(file).is_ok_and(|text| {
            kataster_core::discover::classify(&file.to_string_lossy(), &text, true)
                == Some(kataster_core::FileKind::Catalog)
                && !text.contains("# kataster: ignore")
        })
    });
    let args: Vec<String> = files
        .iter()
        .map(|file| file.to_string_lossy().into_owned())
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_kataster"))
        .args([
            "check",
            "--select",
            "CAT0,CAT110",
            "--format",
            "json",
            "--no-follow-locations",
            "--config",
            "/dev/null",
        ])
        .args(&args)
        .output()
        .unwrap();
    let report: Json = serde_json::from_slice(&output.stdout).unwrap();
    let mut codes: HashMap<(String, u64), Vec<String>> = HashMap::new();
    for diagnostic in report["diagnostics"].as_array().unwrap() {
        if let (Some(file), Some(document)) =
            (diagnostic["file"].as_str(), diagnostic["document"].as_u64())
        {
            codes
                .entry((file.to_owned(), document))
                .or_default()
                .push(diagnostic["code"].as_str().unwrap().to_owned());
        }
    }
    let schema = jsonschema::validator_for(&catalog_schema(None)).unwrap();
    let mut judged = 0;
    let mut placeholders = 0;
    let mut unjudged: BTreeMap<&str, usize> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (file, arg) in files.iter().zip(&args) {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for document in yaml::parse(&text, &ParseOptions::default()) {
            let Some(root) = document
                .root
                .as_ref()
                .filter(|_| document.errors.is_empty())
            else {
                continue;
            };
            if root.as_mapping().is_none() {
                continue;
            }
            let found = codes
                .get(&(arg.clone(), document.index as u64))
                .cloned()
                .unwrap_or_default();
            if let Some((_, reason)) = UNJUDGEABLE
                .iter()
                .find(|(code, _)| found.iter().any(|c| c == code))
            {
                *unjudged.entry(reason).or_default() += 1;
                continue;
            }
            if root.has_placeholder() {
                placeholders += 1;
            }
            if found.iter().any(|code| code.starts_with("YAML")) {
                *unjudged
                    .entry("not readable as YAML by Backstage")
                    .or_default() += 1;
                continue;
            }
            judged += 1;
            let rules_reject = !found.is_empty();
            let errors: Vec<String> = schema
                .iter_errors(&root.to_json())
                .map(|e| format!("{} {e}", e.instance_path().as_str()))
                .collect();
            let schema_rejects = !errors.is_empty();
            if rules_reject != schema_rejects {
                disagreements.push(format!(
                    "{arg} #{}: rules {found:?}, schema {errors:?}",
                    document.index
                ));
            }
        }
    }
    eprintln!(
        "judged {judged} documents ({placeholders} with placeholders); not judged: {unjudged:?}"
    );
    assert!(judged > 100, "too few documents judged: {judged}");
    assert!(
        placeholders > 40,
        "too few documents with placeholders judged: {placeholders}"
    );
    assert!(
        disagreements.is_empty(),
        "{} of {judged} documents disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Placeholders where Backstage resolves them: text ones where a string goes, data ones where
/// an object or a list goes; not before the envelope is read (`metadata.name`).
#[test]
fn the_catalog_schema_takes_placeholders_where_backstage_resolves_them() {
    let schema = jsonschema::validator_for(&catalog_schema(None)).unwrap();
    let api = |definition: Json| {
        serde_json::json!({
            "apiVersion": "backstage.io/v1alpha1", "kind": "API",
            "metadata": {"name": "goldie-api", "description": {"$text": "./README.md"},
                "tags": {"$yaml": "./tags.yaml"}, "annotations": {"acme.io/a": {"$text": "./a.txt"}}},
            "spec": {"type": "openapi", "lifecycle": "production", "owner": "team-b",
                "definition": definition}
        })
    };
    for valid in ["$text", "$openapi", "$asyncapi"] {
        assert!(
            schema.is_valid(&api(serde_json::json!({valid: "./openapi.yaml"}))),
            "{valid}"
        );
    }
    for invalid in [
        serde_json::json!({"$json": "./openapi.json"}),
        serde_json::json!({"$yaml": "./openapi.yaml"}),
        serde_json::json!({"$text": 1}),
        serde_json::json!({"$text": "./a", "$openapi": "./b"}),
        serde_json::json!({"$file": "./openapi.yaml"}),
    ] {
        assert!(!schema.is_valid(&api(invalid.clone())), "{invalid}");
    }
    let template = |steps: Json, name: Json| {
        serde_json::json!({
            "apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template",
            "metadata": {"name": name},
            "spec": {"type": "service", "owner": "team-b", "parameters": {"$yaml": "./p.yaml"},
                "steps": steps}
        })
    };
    let name = serde_json::json!("create-service");
    assert!(schema.is_valid(&template(
        serde_json::json!({"$yaml": "./steps.yaml"}),
        name.clone()
    )));
    assert!(schema.is_valid(&template(
        serde_json::json!([{"$json": "./step.json"}]),
        name.clone()
    )));
    assert!(!schema.is_valid(&template(
        serde_json::json!({"$text": "./steps.yaml"}),
        name
    )));
    assert!(!schema.is_valid(&template(
        serde_json::json!([]),
        serde_json::json!({"$text": "./name.txt"})
    )));
    // The whole spec may come from a file.
    let mut component = api(serde_json::json!("openapi: 3.0.0"));
    component["spec"] = serde_json::json!({"$yaml": "./spec.yaml"});
    assert!(schema.is_valid(&component));
}
