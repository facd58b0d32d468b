//! CAT003 `foreign-root-field`.

use crate::catalog::Entity;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::child_pointer;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT003",
    name: "foreign-root-field",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The entity has a root field other than apiVersion, kind, metadata and spec",
    docs: r#"## What it does
Reports root keys other than `apiVersion`, `kind`, `metadata` and `spec`. `relations` and
`status` are written by the catalog itself and are not allowed in files either.

## Why is this bad?
Backstage rejects the entity ("Unknown field owner" or "must NOT have additional
properties"). A root `owner:` is usually meant to be `spec.owner`.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
owner: team-a
spec: {type: website, lifecycle: production}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};

const ROOT_FIELDS: [&str; 4] = ["apiVersion", "kind", "metadata", "spec"];

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    for entry in entity.root.as_mapping().unwrap_or_default() {
        let key = entry.key.js_key();
        if ROOT_FIELDS.contains(&key.as_str()) {
            continue;
        }
        let help = match key.as_str() {
            "relations" | "status" => "remove it: the catalog computes it".to_owned(),
            "owner" | "type" | "lifecycle" | "system" | "dependsOn" => {
                format!("move it under `spec`: `spec.{key}`")
            }
            "name" | "namespace" | "title" | "description" | "labels" | "annotations" | "tags"
            | "links" => {
                format!("move it under `metadata`: `metadata.{key}`")
            }
            _ => "move it under `spec` or `metadata`".to_owned(),
        };
        out.report(
            &RULE,
            &entry.key,
            &child_pointer("", &key),
            format!("unknown root field `{key}`"),
            Some(help),
        );
    }
}
