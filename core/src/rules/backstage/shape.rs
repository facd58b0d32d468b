//! Checking a value against a kind's [`Shape`], reporting missing fields and wrong types.

use crate::catalog::formats::js_length;
use crate::catalog::kinds::Shape;
use crate::rules::EntityOut;
use crate::yaml::{Node, Trail, Value};

use super::missing_span;

/// What the walk found.
#[derive(Debug)]
pub(crate) enum Problem<'a> {
    /// A required key is absent from the mapping at `parent`.
    Missing {
        parent: &'a Node,
        pointer: String,
        key: &'static str,
    },
    /// The value at `node` does not have the expected shape.
    Invalid {
        node: &'a Node,
        pointer: String,
        expected: String,
    },
}

/// Walk `node` against `shape`; placeholders pass (they stand for file contents).
pub(crate) fn walk<'a>(
    node: &'a Node,
    shape: &Shape,
    trail: &Trail<'_>,
    problems: &mut Vec<Problem<'a>>,
) {
    if node.placeholder().is_some() {
        return;
    }
    let invalid = |expected: &str| Problem::Invalid {
        node,
        pointer: trail.render(),
        expected: expected.to_owned(),
    };
    match shape {
        Shape::Any => {}
        Shape::String { min_length } => match node.as_str() {
            Some(text) if js_length(text) >= *min_length => {}
            Some(_) => problems.push(invalid("a non-empty string")),
            None => problems.push(invalid("a string")),
        },
        Shape::BoundedString {
            min_length,
            max_length,
        } => match node.as_str() {
            Some(text) if (*min_length..=*max_length).contains(&js_length(text)) => {}
            Some(_) => problems.push(invalid(&format!(
                "a string of {min_length} to {max_length} characters"
            ))),
            None => problems.push(invalid("a string")),
        },
        Shape::StringOrBool => {
            if node.as_str().is_none() && !matches!(node.value, Value::Bool(_)) {
                problems.push(invalid("a string or a boolean"));
            }
        }
        Shape::Enum(values) => {
            if !node.as_str().is_some_and(|text| values.contains(&text)) {
                problems.push(invalid(&format!("one of {}", values.join(", "))));
            }
        }
        Shape::NonEmptyArray(items) => match node.as_sequence() {
            Some([]) => problems.push(invalid("a non-empty array")),
            Some(_) => walk(node, &Shape::Array(items), trail, problems),
            None => problems.push(invalid("an array")),
        },
        Shape::Array(items) => match node.as_sequence() {
            Some(nodes) => {
                for (index, item) in nodes.iter().enumerate() {
                    walk(item, items, &Trail::Index(trail, index), problems);
                }
            }
            None => problems.push(invalid("an array")),
        },
        Shape::Object {
            properties,
            required,
            additional,
        } => {
            let Some(entries) = node.as_mapping() else {
                problems.push(invalid("an object"));
                return;
            };
            for key in *required {
                if node.get(key).is_none() {
                    problems.push(Problem::Missing {
                        parent: node,
                        pointer: trail.render(),
                        key,
                    });
                }
            }
            for (key, property) in *properties {
                if let Some(value) = node.get(key) {
                    walk(value, property, &Trail::Key(trail, key), problems);
                }
            }
            if let Some(additional) = additional {
                for entry in entries {
                    let key = entry.key.js_key();
                    if !properties.iter().any(|(name, _)| *name == key) {
                        walk(&entry.value, additional, &Trail::Key(trail, &key), problems);
                    }
                }
            }
        }
        Shape::ObjectOrArray(object, array) => match node.value {
            Value::Mapping(_) => walk(node, object, trail, problems),
            Value::Sequence(_) => walk(node, array, trail, problems),
            _ => problems.push(invalid("an object or an array")),
        },
    }
}

/// The shape of a kind's `spec`, for reporting.
pub(crate) fn spec_problems<'a>(spec: &'a Node, shape: &Shape) -> Vec<Problem<'a>> {
    let mut problems = Vec::new();
    walk(
        spec,
        shape,
        &Trail::Key(&Trail::Root(""), "spec"),
        &mut problems,
    );
    problems
}

pub(crate) fn report_missing(
    out: &mut EntityOut<'_, '_>,
    rule: &'static crate::rules::RuleMeta,
    parent: &Node,
    pointer: &str,
    key: &str,
    help: Option<String>,
) {
    let field = format!("{}/{key}", pointer.trim_start_matches('/')).replace('/', ".");
    out.report_span(
        rule,
        missing_span(parent),
        pointer,
        format!("missing required field `{field}`"),
        help,
    );
}
