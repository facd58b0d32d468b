//! `GIT0xx`: branch names, merge edges and where versions are tagged.
//! The facts are computed in `crate::versions` and checked in `crate::check::versions`;
//! these are the rules' metadata and docs.

pub mod feature_in_hotfix;
pub mod forbidden_merge;
pub mod hotfix_not_patch;
pub mod incomplete_history;
pub mod invalid_branch_name;
pub mod misplaced_tag;
pub mod release_not_minor;
pub mod untagged_merge;
