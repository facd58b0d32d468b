//! CAT102 `duplicate-entity`.

use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::Catalog;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT102",
    name: "duplicate-entity",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The same entity (kind, namespace, name) is defined twice",
    docs: r"## What it does
Reports every definition of an entity after the first, comparing kind, namespace and name
case-insensitively.

## Why is this bad?
Backstage keeps one of them and reports a conflict on the other location only in its
processing logs; which one wins depends on ingestion order.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: Team-A}
spec: {type: team, children: []}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec: {type: team, children: []}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for indices in catalog.by_key.values() {
        let Some((&first, rest)) = indices.split_first() else {
            continue;
        };
        let original = &catalog.entities[first].entity;
        let first_at = original
            .metadata()
            .and_then(|metadata| metadata.get("name"))
            .map_or(original.root.span.start, |name| name.span.start);
        for &index in rest {
            let duplicate = &catalog.entities[index].entity;
            let Some(name) = duplicate
                .metadata()
                .and_then(|metadata| metadata.get("name"))
            else {
                continue;
            };
            Catalog::report(
                out,
                &RULE,
                duplicate,
                name,
                "/metadata/name",
                format!(
                    "{} is already defined at {}",
                    duplicate.display_ref(),
                    catalog.position(original.file, first_at)
                ),
                Some(
                    "remove one definition, or give this one another name or namespace".to_owned(),
                ),
            );
        }
    }
}
