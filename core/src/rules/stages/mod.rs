//! `STG0xx`: stage promotion in GitOps repositories.
//! The logic is in `crate::versions`; these are the rules' metadata and docs.

pub mod prerelease_in_stage;
pub mod skipped_stage;
pub mod stage_downgrade;
pub mod stage_rollback;
pub mod unreleased_version;
pub mod untested_version;
