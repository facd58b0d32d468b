//! Diagnostics: what a rule found, where, and how to fix it.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub mod fix;
mod rule;

pub use fix::{Applicability, Edit, Fix};
pub use rule::{Family, RuleMeta, Status};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "info" => Ok(Self::Info),
            "warning" => Ok(Self::Warning),
            "error" => Ok(Self::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// One finding. Byte ranges are the truth; lines and columns are derived when rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The permanent rule code, e.g. `CAT006`.
    pub code: &'static str,
    /// The rule's name, e.g. `invalid-entity-name`.
    pub name: &'static str,
    pub severity: Severity,
    /// What is wrong, naming the offending value.
    pub message: String,
    /// Index of the file in the checked set.
    pub file: usize,
    /// 0-based index of the YAML document in its file.
    pub document: Option<usize>,
    /// Byte range of the offending node.
    pub span: Range<usize>,
    /// JSON pointer (RFC 6901) to the offending node within its document.
    pub pointer: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The change that fixes it, when it is certain enough to propose (edits in the file's
    /// original bytes).
    pub fix: Option<Fix>,
}

/// What a rule found, before it is placed in a file.
#[derive(Debug, Clone)]
pub struct Finding {
    pub span: Range<usize>,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
    /// A scalar's new value or text edits; placed in the file's text by the check pipeline.
    pub fix: Option<Box<Fix>>,
}
