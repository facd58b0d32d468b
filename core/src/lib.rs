//! kataster's validation core: pure functions from texts and facts to diagnostics.
//!
//! No file system, network, process, environment or clock: frontends read inputs and render
//! the diagnostics this crate returns.

pub mod catalog;
pub mod check;
pub mod consumers;
pub mod diagnostic;
pub mod discover;
pub mod files;
pub mod glob;
pub mod input;
pub mod known;
pub mod naming;
mod parallel;
pub mod policy;
pub mod redact;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod versions;
pub mod yaml;

pub use check::load_policy;
pub use check::{CheckOptions, Checker, Facts, KnownEntity, NoFacts, ParsedFile, Report, Summary};
pub use diagnostic::{Diagnostic, Severity};
pub use files::FileFilter;
pub use policy::{CompiledSchema, LoadedPolicy, Policy};
pub use rules::{RULES, RuleMeta, Selection};
pub use source::{FileKind, SourceFile};
