//! Reading a policy file: YAML into the typed [`Policy`], with every unknown key, wrong type
//! and invalid value reported at its line (`POL0xx`), never ignored.

use super::Policy;
use crate::naming::Convention;
use crate::rules::parse as parse_rules;
use crate::rules::policy::{invalid_policy_value, policy_schema_error};
use crate::rules::{Finding, RuleMeta};
use crate::yaml::{self, Document, Node, ParseOptions, Value};

/// A policy read from a file, with what was wrong in it.
#[derive(Debug, Clone)]
pub struct LoadedPolicy {
    /// The policy; the defaults where the file could not be read.
    pub policy: Policy,
    /// The file's documents (for YAML errors and positions).
    pub documents: Vec<Document>,
    /// Problems found, each with its rule.
    pub problems: Vec<(&'static RuleMeta, Option<usize>, Finding)>,
}

impl LoadedPolicy {
    /// Whether the policy is usable as written.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
            && self
                .documents
                .iter()
                .all(|document| document.errors.is_empty())
    }
}

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
            },
        ));
    }
    LoadedPolicy {
        policy,
        documents,
        problems,
    }
}

/// Deserialise, mapping the first error to the node it is about.
fn from_node(root: &Node) -> Result<Policy, Finding> {
    serde_path_to_error::deserialize(root.to_json()).map_err(
        |error: serde_path_to_error::Error<serde_json::Error>| {
            let tokens = pointer_of(error.path());
            let message = error.inner().to_string();
            let (span, pointer) = locate(root, &tokens, &message);
            Finding {
                span,
                pointer,
                message: format!("invalid policy: {message}"),
                help: Some("see `kataster schema policy` for the policy's structure".to_owned()),
            }
        },
    )
}

fn pointer_of(path: &serde_path_to_error::Path) -> Vec<String> {
    path.iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {
                None
            }
        })
        .collect()
}

/// The span and pointer of the deepest node a path reaches; an unknown field is reported at
/// its key.
fn locate(root: &Node, tokens: &[String], message: &str) -> (std::ops::Range<usize>, String) {
    let mut node = root;
    let mut pointer = String::new();
    let mut span = root.span.start..root.span.start;
    for token in tokens {
        let next = match &node.value {
            Value::Mapping(_) => node
                .entry(token)
                .map(|entry| (entry.key.span.clone(), &entry.value)),
            Value::Sequence(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get(index))
                .map(|item| (item.span.clone(), item)),
            _ => None,
        };
        let Some((key_span, child)) = next else { break };
        pointer.push('/');
        pointer.push_str(&yaml::escape_pointer_token(token));
        span = if message.starts_with("unknown field") {
            key_span
        } else {
            child.span.clone()
        };
        node = child;
    }
    if message.starts_with("unknown field") {
        if let Some(unknown) = message.split('`').nth(1) {
            if let Some(entry) = node.entry(unknown) {
                pointer.push('/');
                pointer.push_str(&yaml::escape_pointer_token(unknown));
                span = entry.key.span.clone();
            }
        }
    }
    (span, pointer)
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
            if let Err(message) = crate::files::PathPattern::new(glob) {
                report(format!("/files/{key}/{item}"), message, None);
            }
        }
    }
    for (glob, codes) in &policy.per_file_ignores {
        let at = format!("/perFileIgnores/{}", yaml::escape_pointer_token(glob));
        if let Err(message) = crate::files::PathPattern::new(glob) {
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
