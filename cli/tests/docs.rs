//! Generated documentation stays current: docs/rules/ from the rule registry, and the
//! conformance fixtures `docs-example.yaml` from the examples in each rule's docs.
//! `KATASTER_BLESS=1 cargo test --test docs` regenerates them.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kataster_core::rules::{Family, RULES, RuleMeta, index_page};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The first YAML block after a heading of a rule's docs.
fn example(docs: &str, heading: &str) -> Option<String> {
    block(docs, heading, "yaml")
}

/// The first code block of a language after a heading of a rule's docs.
fn block(docs: &str, heading: &str, language: &str) -> Option<String> {
    let section = docs.split(&format!("## {heading}\n")).nth(1)?;
    let block = section.split(&format!("```{language}\n")).nth(1)?;
    Some(block.split("```").next()?.to_owned())
}

/// A valid entity beside a policy example, so that the example directory is a catalog.
const POLICY_EXAMPLE_CATALOG: &str = "apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec: {type: team, children: []}
";

/// The first scenario block (```text) after a heading of a version rule's docs: the version
/// families' examples are scenarios (see `kataster_core::check::versions::scenario`), run by
/// core/tests/versions_corpus.rs.
fn scenario(rule: &RuleMeta, heading: &str) -> Option<String> {
    if !matches!(
        rule.family,
        Family::Versions | Family::Git | Family::Stages | Family::Helm
    ) {
        return None;
    }
    let section = rule.docs.split(&format!("## {heading}\n")).nth(1)?;
    let block = section.split("```text\n").nth(1)?;
    Some(block.split("```").next()?.to_owned())
}

fn expected_files() -> Vec<(PathBuf, String)> {
    let root = workspace();
    let policy_schema =
        serde_json::to_string_pretty(&kataster_core::Policy::json_schema()).unwrap() + "\n";
    let mut files = vec![
        (root.join("docs/rules/README.md"), index_page()),
        (root.join("schemas/kataster.schema.json"), policy_schema),
        (
            root.join("schemas/catalog-info.schema.json"),
            serde_json::to_string_pretty(&kataster_core::schema::catalog_schema(None)).unwrap()
                + "\n",
        ),
    ];
    for rule in RULES {
        files.push((
            root.join(format!("docs/rules/{}.md", rule.code)),
            rule.page(),
        ));
        let policy = example(rule.docs, "Policy");
        let catalog = example(rule.docs, "Catalog");
        for (heading, kind) in [("Example", "invalid"), ("Use instead", "valid")] {
            if let Some(text) = scenario(rule, heading) {
                let header = format!(
                    "# The {} of `kataster rule {}`.\n",
                    heading.to_lowercase(),
                    rule.code
                );
                files.push((
                    root.join(format!(
                        "tests/corpus/{}/{kind}/docs-example.txt",
                        rule.code
                    )),
                    header + &text,
                ));
            }
            let Some(yaml) = example(rule.docs, heading) else {
                continue;
            };
            let header = format!(
                "# The {} of `kataster rule {}`.\n",
                heading.to_lowercase(),
                rule.code
            );
            let case = root.join(format!("tests/corpus/{}/{kind}", rule.code));
            if rule.family == Family::Policy {
                // The example is the policy itself, next to a valid catalog.
                files.push((case.join("docs-example/kataster.yaml"), header + &yaml));
                files.push((
                    case.join("docs-example/catalog-info.yaml"),
                    POLICY_EXAMPLE_CATALOG.to_owned(),
                ));
            } else if let Some(catalog) = &catalog {
                // Manifests judged against the catalog of the rule's docs.
                files.push((
                    case.join("docs-example/catalog-info.yaml"),
                    format!("# The catalog of `kataster rule {}`.\n{catalog}", rule.code),
                ));
                files.push((case.join("docs-example/manifests.yaml"), header + &yaml));
                if let Some(policy) = &policy {
                    files.push((
                        case.join("docs-example/kataster.yaml"),
                        format!("# The policy of `kataster rule {}`.\n{policy}", rule.code),
                    ));
                }
            } else if let Some(policy) = &policy {
                if let Some(schema) = block(rule.docs, "Schema", "json") {
                    files.push((case.join("docs-example/schema.json"), schema));
                }
                // The example under the policy of the rule's docs.
                files.push((
                    case.join("docs-example/kataster.yaml"),
                    format!("# The policy of `kataster rule {}`.\n{policy}", rule.code),
                ));
                files.push((case.join("docs-example/catalog-info.yaml"), header + &yaml));
            } else {
                files.push((case.join("docs-example.yaml"), header + &yaml));
            }
        }
    }
    files
}

#[test]
fn generated_docs_and_examples_are_current() {
    let bless = std::env::var_os("KATASTER_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, content) in expected_files() {
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &content).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run KATASTER_BLESS=1 cargo test --test docs):\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_rule_has_a_docs_page_and_no_page_is_orphaned() {
    let dir = workspace().join("docs/rules");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(code) = name.strip_suffix(".md").filter(|code| *code != "README") {
            assert!(
                RULES.iter().any(|rule| rule.code == code),
                "docs/rules/{name} has no rule"
            );
        }
    }
}
