//! CAT101 `dangling-reference`.

use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::{Catalog, is_plausible};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT101",
    name: "dangling-reference",
    family: Family::References,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A reference points to no entity in the checked files",
    docs: r"## What it does
Resolves every relation reference (`owner`, `system`, `dependsOn`, `memberOf`, `parent`,
`children`, `members`, `providesApis`, ...) against all checked files, and against
`--known-entities` (a catalog export), case-insensitively as the catalog does.

A warning by default, because one repository's catalog-info.yaml often names groups defined
elsewhere; an error with `--strict-refs` (the checked files are the whole catalog).

## Why is this bad?
Backstage accepts dangling references silently: the owner column stays empty, the dependency
graph has holes, and nobody is told.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-c}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
---
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
    for indexed in catalog.subjects() {
        for ((found, target), key) in indexed.refs().iter().zip(indexed.ref_keys()) {
            if catalog.resolves_key(key) || !is_plausible(catalog, target) {
                continue;
            }
            let field = found.pointer().trim_start_matches('/').replace('/', ".");
            Catalog::report(
                out,
                &RULE,
                &indexed.entity,
                found.node,
                &found.pointer(),
                format!("`{field}` refers to {target}, which is not defined in the checked files"),
                Some(format!(
                    "define {target}, fix the reference, or pass --known-entities with a catalog export that has it"
                )),
            );
        }
    }
}
