//! Helm chart facts: a chart as a frontend read it and the fields of its Chart.yaml.

use std::ops::Range;

use semver::Version;
use serde::{Deserialize, Serialize};

use crate::yaml::{self, Node};

/// A chart as a frontend read it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Chart {
    /// The path of its Chart.yaml.
    pub path: String,
    pub text: String,
    /// Chart.yaml on the target branch (none: a new chart, or no target).
    pub base: Option<String>,
    /// Files below the chart's folder differ from the target branch.
    pub changed: bool,
}

/// What the charts are checked against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartContext {
    /// The version being released (the tag at hand without prefix), if any.
    pub release: Option<Version>,
    /// The previous release.
    pub previous: Option<Version>,
}

/// A Chart.yaml field: its text value and where it is.
#[derive(Debug)]
pub struct Field<'a> {
    pub node: &'a Node,
    pub text: String,
}

/// The field `key` of a Chart.yaml mapping as text (numbers and booleans as written).
pub fn field<'a>(root: &'a Node, source: &str, key: &str) -> Option<Field<'a>> {
    let node = root.get(key)?;
    let text = match &node.value {
        yaml::Value::String(text) => text.clone(),
        yaml::Value::Number(_) | yaml::Value::Bool(_) => {
            source.get(node.span.clone()).unwrap_or_default().to_owned()
        }
        _ => return None,
    };
    Some(Field { node, text })
}

/// The `version` of a Chart.yaml text, if it is strict SemVer.
pub fn chart_version(text: &str) -> Option<(Version, Range<usize>)> {
    let documents = yaml::parse(text, &yaml::ParseOptions::default());
    let root = documents.first()?.root.as_ref()?;
    let version = field(root, text, "version")?;
    Some((
        Version::parse(&version.text).ok()?,
        version.node.span.clone(),
    ))
}
