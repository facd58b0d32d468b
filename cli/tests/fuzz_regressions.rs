//! The fuzz targets' seeds and every input they ever failed on (`fuzz/seeds/<target>/`,
//! `fuzz/regressions/<target>/`), run through the targets' own bodies (`fuzz/src/lib.rs`,
//! included by path) in the normal test suite: no panic, and every invariant holds.

#![allow(clippy::unwrap_used)]

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut inputs = Vec::new();
    for folder in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            inputs.push((entry.path().display().to_string(), bytes));
        }
    }
    inputs.sort();
    assert!(!inputs.is_empty(), "no seeds for {target}");
    inputs
}

fn run(target: &str, body: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        let outcome = std::panic::catch_unwind(|| body(&bytes));
        assert!(outcome.is_ok(), "{path} fails the {target} target");
    }
}

#[test]
fn check() {
    run("check", targets::check);
}

#[test]
fn policy() {
    run("policy", targets::policy);
}

#[test]
fn namespace() {
    run("namespace", targets::namespace);
}

#[test]
fn versions() {
    run("versions", targets::versions);
}

#[test]
fn render() {
    run("render", targets::render_all);
}
