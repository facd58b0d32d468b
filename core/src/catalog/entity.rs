//! A YAML document seen as a Backstage entity.

use crate::yaml::Node;

/// The namespace of an entity without one.
pub const DEFAULT_NAMESPACE: &str = "default";

/// One document of a catalog file whose root is a mapping.
#[derive(Debug, Clone, Copy)]
pub struct Entity<'a> {
    pub file: usize,
    pub document: usize,
    pub root: &'a Node,
    /// Who wrote the file, for the contributor rules.
    pub contributor: Option<&'a str>,
}

impl<'a> Entity<'a> {
    pub fn api_version(&self) -> Option<&'a str> {
        self.root.get("apiVersion")?.as_str()
    }

    pub fn kind(&self) -> Option<&'a str> {
        self.root.get("kind")?.as_str()
    }

    /// `metadata`, when it is a mapping.
    pub fn metadata(&self) -> Option<&'a Node> {
        self.root
            .get("metadata")
            .filter(|node| node.as_mapping().is_some())
    }

    pub fn name(&self) -> Option<&'a str> {
        self.metadata()?.get("name")?.as_str()
    }

    /// The namespace, `default` when absent or empty (as `DefaultNamespaceEntityPolicy` sets it).
    pub fn namespace(&self) -> &'a str {
        self.metadata()
            .and_then(|metadata| metadata.get("namespace"))
            .and_then(Node::as_str)
            .filter(|namespace| !namespace.is_empty())
            .unwrap_or(DEFAULT_NAMESPACE)
    }

    /// `spec`, when it is a mapping.
    pub fn spec(&self) -> Option<&'a Node> {
        self.root
            .get("spec")
            .filter(|node| node.as_mapping().is_some())
    }

    /// The case-insensitive identity `kind:namespace/name`, when kind and name are strings.
    pub fn key(&self) -> Option<String> {
        Some(crate::catalog::refs::entity_key(
            self.kind()?,
            self.namespace(),
            self.name()?,
        ))
    }

    /// The reference `kind:namespace/name` as people write it.
    pub fn display_ref(&self) -> String {
        format!(
            "{}:{}/{}",
            self.kind().unwrap_or("?").to_lowercase(),
            self.namespace(),
            self.name().unwrap_or("?")
        )
    }
}
