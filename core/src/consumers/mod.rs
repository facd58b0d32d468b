//! The consumers of the inventory: the systems that read what the catalog and the GitOps
//! repositories declare and act on it. Each computes facts about its own resources; the
//! rules (`crate::rules::argocd`, `crate::rules::rancher`) judge them.

pub mod argocd;
pub mod clusters;
pub mod identity;
pub mod rancher;
