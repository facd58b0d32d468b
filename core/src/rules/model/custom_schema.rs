//! ORG007 `custom-schema`.

use crate::catalog::Entity;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::spec_type;

pub static RULE: RuleMeta = RuleMeta {
    code: "ORG007",
    name: "custom-schema",
    family: Family::Model,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "An entity does not satisfy a custom JSON Schema of the policy",
    docs: r#"## What it does
Validates entities that match a `schemas` entry of the policy (`match: {kind, type}`)
against its JSON Schema (a JSON or YAML file relative to the policy) and reports every error
at the line of the offending node. With `kinds: [...]` in the policy this also validates
custom kinds.

## Why is this bad?
The organisation's own contract for an entity (a licence needs a `spec.seats` number, a
cluster a `spec.region`) is otherwise only in people's heads.

## Policy
```yaml
schemas:
  - match: {kind: Resource, type: licence}
    schema: schema.json
```

## Schema
```json
{
  "type": "object",
  "properties": {
    "spec": {
      "type": "object",
      "required": ["seats"],
      "properties": {"seats": {"type": "integer", "minimum": 1}}
    }
  }
}
```

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: {name: licence-3000}
spec: {type: licence, owner: client01, seats: many}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: {name: licence-3000}
spec: {type: licence, owner: client01, seats: 25}
```
"#,
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let matching: Vec<_> = context
        .schemas
        .iter()
        .filter(|schema| schema.matches.matches(entity.kind(), spec_type(entity)))
        .collect();
    if matching.is_empty() || !out.enabled(&RULE) {
        return;
    }
    let instance = entity.root.to_json();
    for schema in matching {
        for (pointer, error) in schema.errors(&instance) {
            let node = entity.root.pointer(&pointer).unwrap_or(entity.root);
            let span = if std::ptr::eq(node, entity.root) {
                node.span.start..node.span.start
            } else {
                node.span.clone()
            };
            out.report_span(
                &RULE,
                span,
                &pointer,
                format!(
                    "{} does not match {}: {error}",
                    if pointer.is_empty() {
                        "the entity".to_owned()
                    } else {
                        format!("`{}`", pointer.trim_start_matches('/').replace('/', "."))
                    },
                    schema.path
                ),
                None,
            );
        }
    }
}
