//! Reading a policy file: YAML into the typed [`Policy`], the first error that stops it
//! located at its node. What the problems mean (rule codes) and the checks of values that need
//! the rule registry or a domain are the check pipeline's (`crate::check::policy`).

use super::Policy;
use crate::diagnostic::{Finding, RuleMeta};
use crate::yaml::{self, Document, Node, Value};

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

/// Deserialise, mapping the first error to the node it is about.
pub(crate) fn from_node(root: &Node) -> Result<Policy, Finding> {
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
                fix: None,
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
pub(crate) fn locate(
    root: &Node,
    tokens: &[String],
    message: &str,
) -> (std::ops::Range<usize>, String) {
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
