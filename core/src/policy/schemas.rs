//! A custom JSON Schema of the policy (`schemas: [{match, schema}]`), compiled. The frontend
//! reads the files; `crate::check::policy` compiles them and reports problems at the policy
//! line that names the file.
//!
//! The validator is the `jsonschema` crate, behind the `custom-schemas` feature (the default):
//! the WebAssembly package is also built without it, and that build compiles no schema (the
//! policy reports each given schema as unusable; the package's facade never gives it one).

use std::sync::Arc;

use super::EntityMatch;

/// A compiled JSON Schema.
#[cfg(feature = "custom-schemas")]
pub use jsonschema::Validator;

/// A compiled JSON Schema: none in a build without the `custom-schemas` feature.
#[cfg(not(feature = "custom-schemas"))]
#[derive(Debug)]
pub enum Validator {}

/// Compile a schema, or say why it is not one.
#[cfg(feature = "custom-schemas")]
pub(crate) fn compile(schema: &serde_json::Value) -> Result<Validator, String> {
    jsonschema::validator_for(schema)
        .map_err(|error| format!("it is not a valid JSON Schema: {error}"))
}

/// Compile a schema: never, in a build without the `custom-schemas` feature.
#[cfg(not(feature = "custom-schemas"))]
pub(crate) fn compile(_schema: &serde_json::Value) -> Result<Validator, String> {
    Err(
        "this build of kataster has no custom-schema validator (the `custom-schemas` feature; \
         the WebAssembly package loads the build with it when schemas are given)"
            .to_owned(),
    )
}

/// A compiled custom schema and the entities it applies to.
#[derive(Clone)]
pub struct CompiledSchema {
    pub matches: EntityMatch,
    /// The schema's path as the policy names it.
    pub path: String,
    pub validator: Arc<Validator>,
}

impl CompiledSchema {
    /// Where and why an instance does not match: (JSON pointer, message), in the validator's
    /// order.
    #[cfg(feature = "custom-schemas")]
    pub fn errors(&self, instance: &serde_json::Value) -> Vec<(String, String)> {
        self.validator
            .iter_errors(instance)
            .map(|error| (error.instance_path().as_str().to_owned(), error.to_string()))
            .collect()
    }

    /// Where and why an instance does not match (no schema exists in this build).
    #[cfg(not(feature = "custom-schemas"))]
    pub fn errors(&self, _instance: &serde_json::Value) -> Vec<(String, String)> {
        match *self.validator {}
    }
}

impl std::fmt::Debug for CompiledSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledSchema")
            .field("matches", &self.matches)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}
