//! What the format tests share: the cases, the formats, running kataster and rendering every
//! format of a case.

#![allow(dead_code, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// The cases: one of each kind of output (errors, warnings, several documents, Unicode
/// columns, file-level and could-not-check problems, nothing found, characters to escape,
/// directories of several files).
pub const CASES: &[&str] = &[
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
pub const FORMATS: &[(&str, &str)] = &[
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

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `kataster` in the workspace root, without the CI variables of whatever runs the tests.
pub fn kataster(dir: &Path) -> Command {
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

pub fn slug(case: &str) -> String {
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
pub fn root_uri(root: &Path) -> String {
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
pub fn scratch(name: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One run writing every format but human to a file, human to standard output.
pub fn render_all(case: &str, out: &Path) -> (Output, Vec<(&'static str, &'static str, String)>) {
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

pub fn rendered_outputs(format: &str) -> Vec<(String, String)> {
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

pub fn json_schema(path: &Path) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

pub fn assert_valid(validator: &jsonschema::Validator, case: &str, format: &str, text: &str) {
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
