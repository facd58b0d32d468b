//! `HELM0xx`: Helm charts following the release.
//! The facts are computed in `crate::versions` and checked in `crate::check::versions`;
//! these are the rules' metadata and docs.

pub mod chart_version_mismatch;
pub mod chart_version_not_bumped;
pub mod invalid_chart_version;
pub mod unquoted_app_version;
