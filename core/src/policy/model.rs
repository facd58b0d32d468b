//! The organisation's inventory model in the policy.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Allowed values, required metadata and owners. Unrestricted by default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ModelPolicy {
    /// Allowed `spec.type` values per kind (a kind not listed is unrestricted).
    pub types: BTreeMap<String, Vec<String>>,
    /// Allowed `spec.lifecycle` values (empty: unrestricted).
    pub lifecycles: Vec<String>,
    /// Annotations and labels that matching entities must have.
    pub required: Vec<RequiredMetadata>,
    /// Kinds an owner may have (empty: Group or User, as Backstage allows).
    pub owner_kinds: Vec<String>,
}

/// Which entities a setting applies to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct EntityMatch {
    /// The kind (case-insensitive); absent: any kind.
    pub kind: Option<String>,
    /// The `spec.type`; absent: any type.
    #[serde(rename = "type")]
    pub spec_type: Option<String>,
}

impl EntityMatch {
    pub fn matches(&self, kind: Option<&str>, spec_type: Option<&str>) -> bool {
        let kind_ok = self
            .kind
            .as_deref()
            .is_none_or(|wanted| kind.is_some_and(|kind| kind.eq_ignore_ascii_case(wanted)));
        let type_ok = self
            .spec_type
            .as_deref()
            .is_none_or(|wanted| spec_type == Some(wanted));
        kind_ok && type_ok
    }
}

/// Annotations and labels required on matching entities.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct RequiredMetadata {
    #[serde(rename = "match")]
    pub matches: EntityMatch,
    pub annotations: Vec<String>,
    pub labels: Vec<String>,
}

/// A contributor and what it may write.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Contributor {
    /// The contributor's name, e.g. `Lizenz Portal`.
    pub name: String,
    /// What it may write: `kind` or `kind:type`, `*` for any (`resource:licence`,
    /// `component:*`, `group`, `user`).
    pub may: Vec<String>,
    /// Files this contributor writes (globs relative to the policy file's directory).
    pub paths: Vec<String>,
}

/// A JSON Schema that matching entities must satisfy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CustomSchema {
    #[serde(rename = "match")]
    pub matches: EntityMatch,
    /// The schema file, relative to the policy file (the frontend reads it).
    pub schema: String,
}
