//! A custom JSON Schema of the policy (`schemas: [{match, schema}]`), compiled. The frontend
//! reads the files; `crate::check::policy` compiles them and reports problems at the policy
//! line that names the file.

use std::sync::Arc;

use super::EntityMatch;

/// A compiled custom schema and the entities it applies to.
#[derive(Clone)]
pub struct CompiledSchema {
    pub matches: EntityMatch,
    /// The schema's path as the policy names it.
    pub path: String,
    pub validator: Arc<jsonschema::Validator>,
}

impl std::fmt::Debug for CompiledSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledSchema")
            .field("matches", &self.matches)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}
