//! `STG0xx`: stage promotion in GitOps repositories.
//! The facts are computed in `crate::versions` and checked in `crate::check::versions`;
//! these are the rules' metadata and docs.

pub mod prerelease_in_stage;
pub mod skipped_stage;
pub mod stage_downgrade;
pub mod stage_rollback;
pub mod unreleased_version;
pub mod untested_version;
