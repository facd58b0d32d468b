//! The Backstage catalog model: entities, field formats, kinds and references.

pub mod entity;
pub mod formats;
pub mod kinds;
pub mod refs;
pub mod schema;

pub use entity::{DEFAULT_NAMESPACE, Entity};
