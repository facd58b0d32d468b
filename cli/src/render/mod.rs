//! Renderers: one output format per file.

pub mod concise;
pub mod human;
