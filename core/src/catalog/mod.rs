//! The Backstage catalog model: entities, field formats, kinds and references.

pub mod entity;
pub mod file;
pub mod formats;
pub mod kinds;
pub mod modules;
pub mod refs;

pub use entity::{DEFAULT_NAMESPACE, Entity};
