//! Custom JSON Schemas from the policy (`schemas: [{match, schema}]`). The frontend reads the
//! files; the core compiles them (no network or file resolution inside) and reports problems
//! at the policy line that names the file.

use std::sync::Arc;

use super::{EntityMatch, LoadedPolicy};
use crate::rules::Finding;
use crate::rules::policy::invalid_policy_value;
use crate::yaml::{self, Node, ParseOptions};

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

impl LoadedPolicy {
    /// Compile the policy's custom schemas; `read` returns a schema file's text (JSON or YAML)
    /// by the path the policy gives. Unreadable or invalid schemas become problems of the
    /// policy file.
    pub fn compile_schemas(
        &mut self,
        read: impl Fn(&str) -> Result<String, String>,
    ) -> Vec<CompiledSchema> {
        let mut compiled = Vec::new();
        for (index, custom) in self.policy.schemas.clone().iter().enumerate() {
            let result = read(&custom.schema).and_then(|text| {
                let documents = yaml::parse(&text, &ParseOptions::default());
                let root = documents
                    .iter()
                    .find_map(|document| {
                        document
                            .errors
                            .is_empty()
                            .then_some(document.root.as_ref())
                            .flatten()
                    })
                    .ok_or_else(|| "it is not valid JSON or YAML".to_owned())?;
                jsonschema::validator_for(&root.to_json())
                    .map_err(|error| format!("it is not a valid JSON Schema: {error}"))
            });
            match result {
                Ok(validator) => compiled.push(CompiledSchema {
                    matches: custom.matches.clone(),
                    path: custom.schema.clone(),
                    validator: Arc::new(validator),
                }),
                Err(reason) => self.report_schema(index, &custom.schema, &reason),
            }
        }
        compiled
    }

    fn report_schema(&mut self, index: usize, path: &str, reason: &str) {
        let located = self.documents.iter().find_map(|document| {
            let root: &Node = document.root.as_ref()?;
            let node = root.pointer(&format!("/schemas/{index}/schema"))?;
            Some((document.index, node.span.clone()))
        });
        let (document, span) =
            located.map_or((None, 0..0), |(document, span)| (Some(document), span));
        self.problems.push((
            &invalid_policy_value::RULE,
            document,
            Finding {
                span,
                pointer: format!("/schemas/{index}/schema"),
                message: format!("custom schema \"{path}\" cannot be used: {reason}"),
                help: Some("schema paths are relative to the policy file".to_owned()),
            },
        ));
    }
}
