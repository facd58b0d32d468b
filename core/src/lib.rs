//! kataster's validation core: pure functions from texts and facts to diagnostics.
//!
//! No file system, network, process, environment or clock: frontends read inputs and render
//! the diagnostics this crate returns.

pub mod source;
pub mod yaml;
