//! `IO0xx` and `YAML0xx`: inputs that could not be read or parsed. These are not rule
//! findings: the document could not be checked (exit code 2), and Backstage rejects it.

pub mod alias_limit;
pub mod binary_file;
pub mod duplicate_key;
pub mod invalid_encoding;
pub mod nesting_too_deep;
pub mod not_a_mapping;
pub mod outside_root;
pub mod syntax;
pub mod unread_document;
pub mod unreadable_file;
