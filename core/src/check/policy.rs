//! Checking a policy file: reading it (`crate::policy`), giving its problems their rule codes
//! (`POL001` for what does not fit the policy's structure, `POL002` for values that make no
//! sense, `YAML003` for a document that is not a mapping), and compiling its custom schemas.

use std::sync::Arc;

use crate::naming::Convention;
use crate::policy::{CompiledSchema, LoadedPolicy, Policy, from_node, locate};
use crate::rules::Finding;
use crate::rules::parse as parse_rules;
use crate::rules::policy::{invalid_policy_value, policy_schema_error};
use crate::yaml::{self, Document, Node, ParseOptions};

/// Read a policy from YAML text (a JSON text is YAML too).
pub fn load_policy(text: &str) -> LoadedPolicy {
    let documents = yaml::parse(text, &ParseOptions::default());
    let mut problems = Vec::new();
    let mut policy = Policy::default();
    let readable: Vec<&Document> = documents
        .iter()
        .filter(|document| document.errors.is_empty())
        .collect();
    let roots: Vec<(usize, &Node)> = readable
        .iter()
        .filter_map(|document| {
            Some((
                document.index,
                document.root.as_ref().filter(|root| !root.is_null())?,
            ))
        })
        .collect();
    match roots.as_slice() {
        [] => {}
        [(index, root)] => match from_node(root) {
            Ok(parsed) => {
                policy = parsed;
                problems.extend(
                    validate(&policy, root)
                        .into_iter()
                        .map(|finding| (&invalid_policy_value::RULE, Some(*index), finding)),
                );
            }
            Err(finding) => problems.push((&policy_schema_error::RULE, Some(*index), finding)),
        },
        [_, (index, extra), ..] => problems.push((
            &policy_schema_error::RULE,
            Some(*index),
            Finding {
                span: extra.span.start..extra.span.start,
                pointer: String::new(),
                message: "a policy file holds one YAML document".to_owned(),
                help: Some("merge the documents into one".to_owned()),
                fix: None,
            },
        )),
    }
    if let Some(document) = documents.iter().find(|document| {
        document.errors.is_empty()
            && document
                .root
                .as_ref()
                .is_some_and(|root| root.as_mapping().is_none() && !root.is_null())
    }) {
        problems.retain(|(rule, _, _)| rule.code != policy_schema_error::RULE.code);
        let root = document
            .root
            .as_ref()
            .map_or(0..0, |root| root.span.clone());
        problems.push((
            &parse_rules::not_a_mapping::RULE,
            Some(document.index),
            Finding {
                span: root.start..root.start,
                pointer: String::new(),
                message: "a policy is a mapping".to_owned(),
                help: None,
                fix: None,
            },
        ));
    }
    LoadedPolicy {
        policy,
        documents,
        problems,
    }
}

/// Values that parse but make no sense: unknown rule prefixes, broken templates, patterns.
fn validate(policy: &Policy, root: &Node) -> Vec<Finding> {
    let mut findings = Vec::new();
    let at = |pointer: &str| -> (std::ops::Range<usize>, String) {
        let tokens: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect();
        locate(root, &tokens, "")
    };
    let mut report = |pointer: String, message: String, help: Option<String>| {
        let (span, pointer) = at(&pointer);
        findings.push(Finding {
            span,
            pointer,
            message,
            help,
            fix: None,
        });
    };
    for prefix in policy.rules.keys() {
        if prefix.to_uppercase() != "ALL" && !is_rule_prefix(prefix) {
            report(
                format!("/rules/{}", yaml::escape_pointer_token(prefix)),
                format!("no rule code starts with \"{prefix}\""),
                Some("see `kataster rules` for the codes".to_owned()),
            );
        }
    }
    if let Err(problem) = Convention::new(&policy.naming.namespace) {
        report(
            format!("/naming/namespace/{}", problem.field),
            problem.message,
            None,
        );
    }
    let namespace = &policy.naming.namespace;
    for (key, list) in [
        ("exempt", &namespace.exempt),
        ("extendExempt", &namespace.extend_exempt),
        ("shared", &namespace.shared),
    ] {
        for (item, glob) in list.iter().enumerate() {
            if let Err(error) = globset::Glob::new(glob) {
                report(
                    format!("/naming/namespace/{key}/{item}"),
                    format!("invalid glob \"{glob}\": {error}"),
                    None,
                );
            }
        }
    }
    let convention_parts: Vec<&str> = policy
        .naming
        .namespace
        .parts
        .keys()
        .map(String::as_str)
        .collect();
    if !convention_parts.contains(&policy.stages.part.as_str()) {
        report(
            "/stages/part".to_owned(),
            format!(
                "\"{}\" is not a part of the namespace convention",
                policy.stages.part
            ),
            Some(format!("use one of {}", convention_parts.join(", "))),
        );
    }
    if let Some(pattern) = &policy.rancher.project_display_name {
        if let Err(error) = regex::Regex::new(&format!("^(?:{pattern})$")) {
            report(
                "/rancher/projectDisplayName".to_owned(),
                format!("invalid regular expression \"{pattern}\": {error}"),
                None,
            );
        }
    }
    for (pointer, message) in policy.versions.problems() {
        report(format!("/versions{pointer}"), message, None);
    }
    let lists = [
        (
            "exclude",
            policy.files.exclude.as_deref().unwrap_or_default(),
        ),
        ("extendExclude", policy.files.extend_exclude.as_slice()),
        ("include", policy.files.include.as_slice()),
    ];
    for (key, globs) in lists {
        for (item, glob) in globs.iter().enumerate() {
            if let Err(message) = crate::glob::PathPattern::new(glob) {
                report(format!("/files/{key}/{item}"), message, None);
            }
        }
    }
    for (glob, codes) in &policy.per_file_ignores {
        let at = format!("/perFileIgnores/{}", yaml::escape_pointer_token(glob));
        if let Err(message) = crate::glob::PathPattern::new(glob) {
            report(at.clone(), message, None);
        }
        for (item, code) in codes.iter().enumerate() {
            if !is_rule_prefix(code) {
                report(
                    format!("{at}/{item}"),
                    format!("no rule code starts with \"{code}\""),
                    Some("see `kataster rules` for the codes".to_owned()),
                );
            }
        }
    }
    for (index, contributor) in policy.contributors.iter().enumerate() {
        for (item, glob) in contributor.paths.iter().enumerate() {
            if let Err(error) = globset::Glob::new(glob) {
                report(
                    format!("/contributors/{index}/paths/{item}"),
                    format!("invalid glob \"{glob}\": {error}"),
                    None,
                );
            }
        }
        for (item, may) in contributor.may.iter().enumerate() {
            if may.is_empty() || may.matches(':').count() > 1 {
                report(
                    format!("/contributors/{index}/may/{item}"),
                    format!("\"{may}\" is not `kind` or `kind:type`"),
                    Some("e.g. `resource:licence`, `component:*`, `group`".to_owned()),
                );
            }
        }
    }
    findings
}

/// Whether some rule's code starts with this prefix (case-insensitive).
fn is_rule_prefix(prefix: &str) -> bool {
    let upper = prefix.trim().to_uppercase();
    !upper.is_empty()
        && crate::rules::RULES
            .iter()
            .any(|rule| rule.code.starts_with(&upper))
}

impl LoadedPolicy {
    /// Compile the policy's custom schemas; `read` returns a schema file's text (JSON or YAML)
    /// by the path the policy gives. Unreadable or invalid schemas become problems of the
    /// policy file.
    pub fn compile_schemas(
        &mut self,
        read: impl Fn(&str) -> Result<String, String>,
    ) -> Vec<CompiledSchema> {
        let mut compiled = Vec::new();
        for (index, custom) in self.policy.schemas.clone().iter().enumerate() {
            let result = read(&custom.schema).and_then(|text| {
                let documents = yaml::parse(&text, &ParseOptions::default());
                let root = documents
                    .iter()
                    .find_map(|document| {
                        document
                            .errors
                            .is_empty()
                            .then_some(document.root.as_ref())
                            .flatten()
                    })
                    .ok_or_else(|| "it is not valid JSON or YAML".to_owned())?;
                crate::policy::compile_schema(&root.to_json())
            });
            match result {
                Ok(validator) => compiled.push(CompiledSchema {
                    matches: custom.matches.clone(),
                    path: custom.schema.clone(),
                    validator: Arc::new(validator),
                }),
                Err(reason) => self.report_schema(index, &custom.schema, &reason),
            }
        }
        compiled
    }

    fn report_schema(&mut self, index: usize, path: &str, reason: &str) {
        let located = self.documents.iter().find_map(|document| {
            let root: &Node = document.root.as_ref()?;
            let node = root.pointer(&format!("/schemas/{index}/schema"))?;
            Some((document.index, node.span.clone()))
        });
        let (document, span) =
            located.map_or((None, 0..0), |(document, span)| (Some(document), span));
        self.problems.push((
            &invalid_policy_value::RULE,
            document,
            Finding {
                span,
                pointer: format!("/schemas/{index}/schema"),
                message: format!("custom schema \"{path}\" cannot be used: {reason}"),
                help: Some("schema paths are relative to the policy file".to_owned()),
                fix: None,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_gives_the_defaults() {
        let loaded = load_policy("");
        assert!(loaded.is_valid());
        assert_eq!(loaded.policy, Policy::default());
    }

    #[test]
    fn unknown_keys_are_reported_at_their_key() {
        let text = "naming:\n  namespace:\n    templat: x\n";
        let loaded = load_policy(text);
        let (rule, _, finding) = &loaded.problems[0];
        assert_eq!(rule.code, policy_schema_error::RULE.code);
        assert_eq!(&text[finding.span.clone()], "templat");
        assert_eq!(finding.pointer, "/naming/namespace/templat");
    }

    #[test]
    fn wrong_types_are_reported_at_the_value() {
        let text = "kinds: Pipeline\n";
        let loaded = load_policy(text);
        let (_, _, finding) = &loaded.problems[0];
        assert_eq!(&text[finding.span.clone()], "Pipeline");
        assert!(
            finding.message.contains("expected a sequence"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn invalid_values_are_reported() {
        let text =
            "rules:\n  XYZ: error\nnaming:\n  namespace:\n    template: \"{apptype}-{nope}\"\n";
        let loaded = load_policy(text);
        let messages: Vec<&str> = loaded
            .problems
            .iter()
            .map(|(_, _, finding)| finding.message.as_str())
            .collect();
        assert!(messages.iter().any(|m| m.contains("XYZ")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("nope")), "{messages:?}");
    }
}
