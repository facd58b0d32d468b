//! The consumers of the inventory: the systems that read what the catalog and the GitOps
//! repositories declare and act on it. Each computes facts about its own resources; the
//! rules (`crate::rules::argocd`, `crate::rules::rancher`) judge them.

pub mod argocd;
pub mod clusters;
pub mod identity;
pub mod rancher;

use crate::yaml::Node;

/// A string field with its node, for findings that point at it.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    pub value: &'a str,
    pub node: &'a Node,
    pub pointer: &'static str,
}
