//! `ORG0xx`: the organisation's inventory model, from the policy: allowed types and
//! lifecycles, required metadata, owner kinds, stage isolation, contributors. Unrestricted
//! until the policy restricts it (stage isolation is on by default).

pub mod contributor_not_allowed;
pub mod custom_schema;
pub mod disallowed_lifecycle;
pub mod disallowed_type;
pub mod missing_required_metadata;
pub mod owner_kind;
pub mod stage_isolation;

use crate::catalog::Entity;
use crate::yaml::Node;

/// `spec.type`, when it is a string.
pub(crate) fn spec_type<'a>(entity: &Entity<'a>) -> Option<&'a str> {
    entity.spec()?.get("type")?.as_str()
}

/// `spec.<key>` and its value, when it is a string.
pub(crate) fn spec_string<'a>(entity: &Entity<'a>, key: &str) -> Option<(&'a Node, &'a str)> {
    let node = entity.spec()?.get(key)?;
    Some((node, node.as_str()?))
}
