//! CAT014 `invalid-spec-field`.

use crate::catalog::Entity;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};
use crate::yaml::Value;

use super::shape::{Problem, spec_problems};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT014",
    name: "invalid-spec-field",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "spec, or one of its fields, has the wrong type or value",
    docs: r#"## What it does
Checks the types of `spec` fields as the kind's schema defines them: strings are non-empty,
reference lists are lists of strings (`dependsOn: component:x` must be a list), `presence` is
`required` or `optional`, and `spec` itself is a mapping.

## Why is this bad?
Backstage rejects the entity ("/spec/dependsOn must be array").

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec:
  type: website
  lifecycle: production
  owner: team-a
  dependsOn: resource:cluster-prd-eu1
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec:
  type: website
  lifecycle: production
  owner: team-a
  dependsOn:
    - resource:cluster-prd-eu1
```
"#,
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let Some(spec) = entity.root.get("spec") else {
        return;
    };
    if spec.as_mapping().is_none() && spec.placeholder().is_none() {
        out.report(
            &RULE,
            spec,
            "/spec",
            format!("`spec` must be a mapping, found {}", spec.display()),
            None,
        );
        return;
    }
    let Some(schema) = context.kind_schema(entity) else {
        return;
    };
    for problem in spec_problems(spec, &schema.spec) {
        if let Problem::Invalid {
            node,
            pointer,
            expected,
        } = problem
        {
            let field = pointer.trim_start_matches('/').replace('/', ".");
            let help = match (&node.value, expected.as_str()) {
                (Value::String(_), "an array") => Some("make it a list: `- <value>`".to_owned()),
                (Value::Number(_) | Value::Bool(_), "a string" | "a non-empty string") => {
                    Some(format!("quote the value: `\"{}\"`", node.js_key()))
                }
                _ => None,
            };
            out.report(
                &RULE,
                node,
                &pointer,
                format!("`{field}` must be {expected}, found {}", node.display()),
                help,
            );
        }
    }
}
