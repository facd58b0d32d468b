//! Applying every safe fix, pass after pass, never adds an error and never makes a file
//! that could be checked one that cannot: over generated catalog files full of fixable and
//! unfixable problems, and over the examples and the corpus.

#![allow(clippy::unwrap_used)]

use kataster_core::diagnostic::fix::{self, Applicability};
use kataster_core::{CheckOptions, Checker, NoFacts, Report, SourceFile};
use proptest::prelude::*;

fn check(text: &str) -> Report {
    let mut checker = Checker::new(CheckOptions::default());
    checker.add_files(vec![SourceFile::new("catalog-info.yaml", text)]);
    checker.check(&NoFacts)
}

/// The text with every safe fix applied until nothing changes (10 passes at most).
fn fix_all(text: &str) -> (String, usize) {
    let mut text = text.to_owned();
    for pass in 1..=10 {
        let report = check(&text);
        let fixes: Vec<_> = report
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|fix| fix.applicability == Applicability::Safe)
            .collect();
        let applied = fix::apply(&text, &fixes);
        if applied.text == text {
            return (text, pass);
        }
        text = applied.text;
    }
    (text, 10)
}

fn assert_no_worse(text: &str) {
    let before = check(text);
    let (fixed, passes) = fix_all(text);
    assert!(passes < 10, "the fixes do not settle: {text:?}");
    let after = check(&fixed);
    assert!(
        after.summary.errors <= before.summary.errors,
        "fixing added errors: {text:?} -> {fixed:?}"
    );
    assert!(
        !after.has_failures() || before.has_failures(),
        "fixing made the file uncheckable: {text:?} -> {fixed:?}"
    );
    let left = after
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .count();
    assert_eq!(left, 0, "safe fixes left: {fixed:?}");
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("PHP".to_owned()),
        Just("\"Web\"".to_owned()),
        Just("'C++'".to_owned()),
        Just("Big Data".to_owned()),
        Just("java".to_owned()),
        Just("\"G\\x6F\"".to_owned()),
        Just("ÄÖ".to_owned()),
        Just("x--Y".to_owned()),
        Just("TRUE".to_owned()),
        Just("NULL".to_owned()),
        Just("\"ON\"".to_owned()),
        Just("1E3".to_owned()),
        "[A-Za-z0-9:+# -]{1,8}",
    ]
}

fn catalog() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(tag(), 0..5),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just("\n"), Just("\r\n")],
    )
        .prop_map(|(tags, flow, comment, eol)| {
            let tags = if flow {
                format!("  tags: [{}]", tags.join(", "))
            } else {
                let items: String = tags.iter().map(|t| eol.to_owned() + "    - " + t).collect();
                format!("  tags:{items}")
            };
            let comment = if comment { " # the tags" } else { "" };
            format!(
                "apiVersion: backstage.io/v1alpha1{eol}kind: Component{eol}metadata:{eol}  name: phippy{eol}{tags}{comment}{eol}spec: {{type: website, lifecycle: production, owner: team-a}}{eol}"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn safe_fixes_never_add_an_error(text in catalog()) {
        assert_no_worse(&text);
    }
}

#[test]
fn safe_fixes_on_the_examples_and_the_corpus_never_add_an_error() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["examples", "tests/corpus"] {
        walk(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50);
    for file in files {
        if let Ok(text) = std::fs::read_to_string(&file) {
            assert_no_worse(&text);
        }
    }
}

fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
}
