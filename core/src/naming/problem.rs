//! Why a name does not follow its convention, and the nearest allowed value or name.

use crate::catalog::kinds::edit_distance;

use super::Parts;

/// Why a name does not follow the convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    /// Not a DNS-1123 label that starts with a letter.
    NotDnsLabel {
        reason: String,
        suggestion: Option<String>,
    },
    /// In one of the older orders.
    Legacy {
        template: String,
        conventional: Option<String>,
    },
    /// A part has a value its rule does not allow.
    WrongPart {
        part: String,
        value: String,
        expected: String,
        suggestion: Option<String>,
    },
    /// Too few or too many parts.
    WrongShape { found: usize, expected: String },
}

impl NameProblem {
    /// A sentence about the problem (the name itself is said by the caller).
    pub fn describe(&self, template: &str) -> String {
        match self {
            Self::NotDnsLabel { reason, .. } => format!("is not a valid namespace name: {reason}"),
            Self::Legacy {
                template: legacy, ..
            } => {
                format!("follows the older order {legacy}, not the convention {template}")
            }
            Self::WrongPart {
                part,
                value,
                expected,
                ..
            } => {
                format!("has {part} \"{value}\", expected {expected} (convention {template})")
            }
            Self::WrongShape { found, expected } => {
                let parts = if *found == 1 { "part" } else { "parts" };
                format!("has {found} {parts}, expected {expected} (convention {template})")
            }
        }
    }

    /// The conventional name to use instead, when one can be derived.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            Self::NotDnsLabel { suggestion, .. } | Self::WrongPart { suggestion, .. } => {
                suggestion.as_deref()
            }
            Self::Legacy { conventional, .. } => conventional.as_deref(),
            Self::WrongShape { .. } => None,
        }
    }
}

/// One name checked on its own (`kataster namespace NAME`, the WASM `checkNamespace`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameReport {
    pub name: String,
    pub valid: bool,
    /// The parts, when the name follows the convention.
    pub parts: Parts,
    pub problems: Vec<NameFinding>,
}

/// A problem with a name, with its rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameFinding {
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
    /// The conventional name to use instead, when one can be derived.
    pub suggestion: Option<String>,
}

/// The allowed value a wrong one most likely meant: a prefix either way, or within two edits.
pub(super) fn closest(values: &[String], value: &str) -> Option<String> {
    values
        .iter()
        .map(|candidate| {
            let related = value.starts_with(candidate.as_str())
                || candidate.starts_with(value)
                || is_subsequence(candidate, value);
            (
                candidate,
                if related {
                    0
                } else {
                    edit_distance(candidate, value)
                },
            )
        })
        .filter(|(_, distance)| *distance <= 2)
        .min_by_key(|(_, distance)| *distance)
        .map(|(candidate, _)| candidate.clone())
}

/// `prd` in `prod`, `int` in `integration`.
pub(super) fn is_subsequence(short: &str, long: &str) -> bool {
    let mut long = long.chars();
    short.len() >= 2 && short.chars().all(|c| long.any(|l| l == c))
}

/// Why `name` is not a DNS-1123 label, as Kubernetes validates a namespace's name
/// (`IsDNS1123Label`: a digit may come first; that the convention's names start with a letter
/// is the convention's matter, `NS002`).
pub(super) fn dns_problem(name: &str) -> Option<NameProblem> {
    let lower = name.to_lowercase();
    let reason = if name.is_empty() {
        "it is empty".to_owned()
    } else if name.len() > 63 {
        format!(
            "it has {} characters, at most 63 are allowed",
            name.chars().count()
        )
    } else if name.chars().any(|c| c.is_ascii_uppercase()) {
        "it has uppercase letters".to_owned()
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        format!("it contains {c:?}; only lowercase letters, digits and `-` are allowed")
    } else if !name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        "it must start with a letter or digit".to_owned()
    } else if name.ends_with('-') {
        "it must end with a letter or digit".to_owned()
    } else {
        return None;
    };
    let suggestion = (lower != name && dns_problem(&lower).is_none()).then_some(lower);
    Some(NameProblem::NotDnsLabel { reason, suggestion })
}
