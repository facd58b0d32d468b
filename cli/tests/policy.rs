//! The policy file: its committed JSON Schema accepts the Acme policy and rejects broken ones,
//! and the loader agrees with the schema.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kataster_core::load_policy;
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(workspace().join("schemas/kataster.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str::<Value>(&text).unwrap()).unwrap()
}

fn as_json(yaml: &str) -> Value {
    let documents = kataster_core::yaml::parse(yaml, &kataster_core::yaml::ParseOptions::default());
    documents[0].root.as_ref().unwrap().to_json()
}

#[test]
fn the_schema_accepts_the_acme_policy() {
    let text = std::fs::read_to_string(workspace().join("examples/acme/kataster.yaml")).unwrap();
    let errors: Vec<String> = schema()
        .iter_errors(&as_json(&text))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(load_policy(&text).is_valid());
}

#[test]
fn the_schema_and_the_loader_reject_broken_policies() {
    let broken = [
        "naming:\n  namespace:\n    templat: x\n",
        "kinds: Pipeline\n",
        "rules:\n  CAT101: loud\n",
        "model:\n  types:\n    Component: website\n",
        "unknown: true\n",
    ];
    let schema = schema();
    for text in broken {
        assert!(!schema.is_valid(&as_json(text)), "schema accepted {text:?}");
        assert!(!load_policy(text).is_valid(), "loader accepted {text:?}");
    }
}

#[test]
fn the_acme_policy_spells_out_the_default_convention() {
    let text = std::fs::read_to_string(workspace().join("examples/acme/kataster.yaml")).unwrap();
    let policy = load_policy(&text).policy;
    assert_eq!(
        policy.naming,
        kataster_core::policy::NamingPolicy::default()
    );
    assert_eq!(policy.stages, kataster_core::policy::StagePolicy::default());
}
