//! Properties that hold for any input: no panic, every range inside the text on char
//! boundaries, line/column consistent with the range, every pointer resolving to the node the
//! diagnostic is about.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

#[path = "support/invariants.rs"]
mod invariants;

use invariants::check_invariants;

/// Pieces that make YAML catalog files interesting: valid structure, Backstage fields, and
/// the scalars and syntax that trip parsers.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("apiVersion: backstage.io/v1alpha1\n".to_owned()),
        Just("kind: Component\n".to_owned()),
        Just("kind: Group\n".to_owned()),
        Just("metadata:\n  name: phippy\n".to_owned()),
        Just("metadata:\n  name: 0777\n  namespace: Acme\n".to_owned()),
        Just("  labels:\n    a/b/c: x y\n".to_owned()),
        Just("  annotations:\n    é: 3\n".to_owned()),
        Just("  tags: [Java, c++, \"\"]\n".to_owned()),
        Just("  links:\n    - url: /docs\n      title: \" \"\n".to_owned()),
        Just("spec:\n  type: website\n  lifecycle: yes\n  owner: \"group:\"\n".to_owned()),
        Just("spec:\n  dependsOn: [my-db, \"component:x/y/z\"]\n  children: []\n".to_owned()),
        Just("spec:\n  definition:\n    $text: ./missing.yaml\n".to_owned()),
        Just("---\n".to_owned()),
        Just("...\n".to_owned()),
        Just("%YAML 1.1\n---\n".to_owned()),
        Just("a: &x [1, 2]\nb: *x\nc: *y\n".to_owned()),
        Just("{a: [b, {c: d}]\n".to_owned()),
        Just("key:\tvalue\n".to_owned()),
        Just("- item\n".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("  ".to_owned()),
        Just("ü€😀".to_owned()),
        Just("\"unterminated\n".to_owned()),
        Just("|\n  block\n".to_owned()),
        "[a-z:{}\\[\\]\"'&*!|>#%@` ,-]{0,12}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn structured_inputs_keep_the_invariants(text in document()) {
        check_invariants(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check_invariants(&text);
    }
}

#[test]
fn examples_and_corpus_keep_the_invariants() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = walk(&root.join("examples"));
    files.extend(walk(&root.join("tests/corpus")));
    assert!(files.len() > 50);
    for file in files {
        if let Ok(text) = std::fs::read_to_string(&file) {
            check_invariants(&text);
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    files
}
