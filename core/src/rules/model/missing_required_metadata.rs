//! ORG003 `missing-required-metadata`.

use crate::catalog::Entity;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::spec_type;

pub static RULE: RuleMeta = RuleMeta {
    code: "ORG003",
    name: "missing-required-metadata",
    family: Family::Model,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "An annotation or label the policy requires is missing",
    docs: r"## What it does
Checks the annotations and labels the policy's `model.required` entries require of entities
of a kind (and type).

## Why is this bad?
Plugins and automation depend on them: without `backstage.io/kubernetes-namespace` the
Kubernetes tab is empty and Argo CD does not know where the app goes.

## Policy
```yaml
model:
  required:
    - match: {kind: Component, type: website}
      annotations: [backstage.io/kubernetes-namespace]
```

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: website, lifecycle: production, owner: team-a}
```
",
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let Some(metadata) = entity.metadata() else {
        return;
    };
    let spec_type = spec_type(entity);
    for required in &context.policy.model.required {
        if !required.matches.matches(entity.kind(), spec_type) {
            continue;
        }
        for (field, keys) in [
            ("annotations", &required.annotations),
            ("labels", &required.labels),
        ] {
            let present = metadata.get(field);
            for key in keys {
                if present.and_then(|map| map.get(key)).is_none() {
                    let what = format!(
                        "{} {}",
                        entity.kind().unwrap_or("entity"),
                        spec_type
                            .map(|t| format!("of type {t}"))
                            .unwrap_or_default()
                    );
                    let pointer = if present.is_some() {
                        format!("/metadata/{field}")
                    } else {
                        "/metadata".to_owned()
                    };
                    out.report_span(
                        &RULE,
                        present.map_or_else(
                            || metadata.span.start..metadata.span.start,
                            |map| map.span.start..map.span.start,
                        ),
                        &pointer,
                        format!(
                            "{} `{key}` is required for a {}",
                            &field[..field.len() - 1],
                            what.trim_end()
                        ),
                        Some(format!("add `metadata.{field}.{key}`")),
                    );
                }
            }
        }
    }
}
