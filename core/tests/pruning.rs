//! A document keeps only what the cross-file rules read once its own rules have run
//! (`check/prune.rs`). Checking with pruned documents must give exactly the report of checking
//! with whole ones, and the renderers must name every document the same: over every case of
//! the conformance corpus and the examples, each checked together with its policy.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kataster_core::catalog::Entity;
use kataster_core::discover::{classify, is_yaml_path};
use kataster_core::yaml::ParseOptions;
use kataster_core::{CheckOptions, Checker, Facts, FileKind, Report, SourceFile, load_policy};

/// A world without files: every placeholder and Location target is missing.
struct NoFiles;

impl Facts for NoFiles {
    fn file_exists(&self, _path: &str) -> Option<bool> {
        Some(false)
    }
}

fn check(
    files: &[(String, String)],
    policy: Option<&str>,
    full: bool,
    merge: bool,
) -> (Report, Vec<Vec<Option<String>>>) {
    let loaded = policy.map(load_policy);
    let mut checker = Checker::new(CheckOptions {
        full_documents: full,
        parse: ParseOptions {
            merge_keys: merge,
            ..ParseOptions::default()
        },
        policy: loaded
            .as_ref()
            .map(|loaded| loaded.policy.clone())
            .unwrap_or_default(),
        ..CheckOptions::default()
    });
    if let (Some(text), Some(loaded)) = (policy, loaded) {
        checker.add_policy("kataster.yaml", text, loaded);
    }
    let sources = files
        .iter()
        .map(|(path, text)| {
            let kind = classify(path, text, true).unwrap_or(FileKind::Catalog);
            SourceFile::new(path.clone(), text.clone()).with_kind(kind)
        })
        .collect();
    checker.add_files(sources);
    let report = checker.check(&NoFiles);
    let names = checker
        .files()
        .iter()
        .enumerate()
        .map(|(index, file)| {
            file.documents
                .iter()
                .map(|document| {
                    let root = document
                        .root
                        .as_ref()
                        .filter(|root| document.errors.is_empty() && root.as_mapping().is_some())?;
                    let entity = Entity {
                        file: index,
                        document: document.index,
                        root,
                        contributor: None,
                    };
                    entity.key()
                })
                .collect()
        })
        .collect();
    (report, names)
}

fn yaml_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(path) else {
        return files;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            files.extend(yaml_files(&entry));
        } else if is_yaml_path(&entry.to_string_lossy()) {
            files.push(entry);
        }
    }
    files
}

/// Every case of the corpus (files and directories under valid/ and invalid/) and example.
fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut cases = Vec::new();
    for code in std::fs::read_dir(root.join("tests/corpus"))
        .unwrap()
        .flatten()
    {
        for kind in ["valid", "invalid"] {
            let Ok(entries) = std::fs::read_dir(code.path().join(kind)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() || is_yaml_path(&path.to_string_lossy()) {
                    cases.push(path);
                }
            }
        }
    }
    for example in std::fs::read_dir(root.join("examples")).unwrap().flatten() {
        if example.path().is_dir() {
            cases.push(example.path());
        }
    }
    cases.sort();
    cases
}

#[test]
fn pruned_documents_give_the_same_reports() {
    let cases = cases();
    assert!(cases.len() > 50);
    for case in cases {
        let mut policy = None;
        let mut files = Vec::new();
        for path in yaml_files(&case) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if path.file_name().is_some_and(|name| name == "kataster.yaml") {
                policy = Some(text);
            } else {
                files.push((path.to_string_lossy().into_owned(), text));
            }
        }
        for merge in [false, true] {
            let (full, full_names) = check(&files, policy.as_deref(), true, merge);
            let (pruned, pruned_names) = check(&files, policy.as_deref(), false, merge);
            assert_eq!(full.diagnostics, pruned.diagnostics, "{}", case.display());
            assert_eq!(full.summary, pruned.summary, "{}", case.display());
            assert_eq!(full_names, pruned_names, "{}", case.display());
        }
    }
}

#[test]
fn placeholders_keep_their_pointers() {
    let text = "apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: a
  description: {$text: ./missing-description.md}
spec:
  type: openapi
  lifecycle: production
  owner: team
  definition:
    - x
    - {$openapi: ./missing.yaml}
    - [y, {nested: {$json: ./missing.json}}]
";
    let files = [("catalog-info.yaml".to_owned(), text.to_owned())];
    let (full, _) = check(&files, None, true, false);
    let (pruned, _) = check(&files, None, false, false);
    let placeholders = full
        .diagnostics
        .iter()
        .filter(|d| d.code == "CAT106")
        .count();
    assert_eq!(placeholders, 3, "{:?}", full.diagnostics);
    assert_eq!(full.diagnostics, pruned.diagnostics);
}
