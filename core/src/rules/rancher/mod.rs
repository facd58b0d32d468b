//! `RAN0xx`: Rancher's role template bindings against the catalog's Groups and Users and the
//! Rancher Projects among the checked files. The facts are in `crate::consumers::rancher`.

pub mod cross_stage_namespace;
pub mod invalid_principal;
pub mod project_display_name;
pub mod undeclared_rancher_cluster;
pub mod unknown_binding_principal;
pub mod unknown_rancher_project;
