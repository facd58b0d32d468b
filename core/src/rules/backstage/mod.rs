//! `CAT0xx`: the checks a Backstage backend applies at ingestion, one rule per check.
//! A document has an error from this family (or `YAML0xx`) exactly when Backstage rejects it.

pub mod case_conflicting_keys;
pub mod foreign_root_field;
pub mod invalid_annotation;
pub mod invalid_api_version;
pub mod invalid_entity_name;
pub mod invalid_entity_ref;
pub mod invalid_envelope;
pub mod invalid_kind_format;
pub mod invalid_label;
pub mod invalid_link;
pub mod invalid_metadata_field;
pub mod invalid_namespace;
pub mod invalid_spec_field;
pub mod invalid_tag;
pub mod missing_spec_field;
pub mod shape;
pub mod unknown_kind;

use crate::catalog::Entity;
use crate::yaml::{Entry, Node, escape_pointer_token};

/// A non-empty string value under `key`, with its node (placeholders excluded).
pub(crate) fn string_field<'a>(parent: Option<&'a Node>, key: &str) -> Option<(&'a Node, &'a str)> {
    let node = parent?.get(key)?;
    node.as_str()
        .filter(|text| !text.is_empty())
        .map(|text| (node, text))
}

/// The entries of a mapping under `metadata`, when it is one.
pub(crate) fn metadata_entries<'a>(entity: &Entity<'a>, key: &str) -> &'a [Entry] {
    entity
        .metadata()
        .and_then(|metadata| metadata.get(key))
        .filter(|node| node.placeholder().is_none())
        .and_then(Node::as_mapping)
        .unwrap_or_default()
}

/// The items of a sequence under `metadata`, when it is one.
pub(crate) fn metadata_items<'a>(entity: &Entity<'a>, key: &str) -> &'a [Node] {
    entity
        .metadata()
        .and_then(|metadata| metadata.get(key))
        .and_then(Node::as_sequence)
        .unwrap_or_default()
}

/// `/parent/token` with the token escaped.
pub(crate) fn child_pointer(parent: &str, token: &str) -> String {
    format!("{parent}/{}", escape_pointer_token(token))
}

/// Where to point for something missing from a mapping: its first key, or the node itself.
pub(crate) fn missing_span(parent: &Node) -> std::ops::Range<usize> {
    parent
        .as_mapping()
        .and_then(|entries| entries.first())
        .map_or_else(|| parent.span.clone(), |entry| entry.key.span.clone())
}
