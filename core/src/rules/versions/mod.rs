//! `VER0xx`: release tags and version bumps.
//! The facts are computed in `crate::versions` and checked in `crate::check::versions`;
//! these are the rules' metadata and docs.

pub mod build_metadata_in_tag;
pub mod duplicate_version;
pub mod insufficient_bump;
pub mod invalid_version_file;
pub mod invalid_version_tag;
pub mod major_without_breaking_change;
pub mod mixed_tag_prefix;
pub mod non_conventional_commit;
pub mod nothing_to_release;
pub mod skipped_version;
pub mod unknown_commit_type;
pub mod unseparated_breaking_footer;
pub mod unusual_first_version;
pub mod version_file_mismatch;
pub mod version_not_increasing;
