//! Properties that hold for any input: no panic, every range inside the text on char
//! boundaries, line/column consistent with the range, every pointer resolving to the node the
//! diagnostic is about.

#![allow(clippy::unwrap_used)]

use kataster_core::source::LineIndex;
use kataster_core::yaml::{self, Node, ParseOptions, Value};
use kataster_core::{CheckOptions, Checker, NoFacts, SourceFile};
use proptest::prelude::*;

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

/// The node a pointer names, and the key span of the entry holding it (if any).
fn resolve<'a>(
    root: &'a Node,
    pointer: &str,
) -> Option<(&'a Node, Option<std::ops::Range<usize>>)> {
    if pointer.is_empty() {
        return Some((root, None));
    }
    let mut node = root;
    let mut key_span = None;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        match &node.value {
            Value::Mapping(_) => {
                let entry = node.entry(&token)?;
                key_span = Some(entry.key.span.clone());
                node = &entry.value;
            }
            Value::Sequence(items) => {
                key_span = None;
                node = items.get(token.parse::<usize>().ok()?)?;
            }
            _ => return None,
        }
    }
    Some((node, key_span))
}

fn check_invariants(text: &str) {
    let mut checker = Checker::new(CheckOptions::default());
    checker.add_file(SourceFile::new("catalog-info.yaml", text));
    let report = checker.check(&NoFacts);
    let documents = yaml::parse(text, &ParseOptions::default());
    let lines = LineIndex::new(text);
    for diagnostic in &report.diagnostics {
        let span = &diagnostic.span;
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{diagnostic:?}"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{diagnostic:?}"
        );
        let start = lines.line_column(text, span.start);
        let end = lines.line_column(text, span.end);
        assert!(
            start <= end && start.line >= 1 && start.column >= 1,
            "{diagnostic:?}"
        );
        let Some(document) = diagnostic
            .document
            .and_then(|index| documents.iter().find(|d| d.index == index))
        else {
            continue;
        };
        let Some(root) = document
            .root
            .as_ref()
            .filter(|_| document.errors.is_empty())
        else {
            continue;
        };
        let (node, key_span) = resolve(root, &diagnostic.pointer).unwrap_or_else(|| {
            panic!(
                "pointer {:?} does not resolve: {diagnostic:?}",
                diagnostic.pointer
            )
        });
        let within =
            |outer: &std::ops::Range<usize>| outer.start <= span.start && span.end <= outer.end;
        let in_key = key_span.as_ref().is_some_and(within);
        let in_node = within(&node.span);
        assert!(
            in_node || in_key,
            "span {span:?} outside node {:?} / key {key_span:?} in {text:?}: {diagnostic:?}",
            node.span
        );
    }
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
