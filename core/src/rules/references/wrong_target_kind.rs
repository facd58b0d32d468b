//! CAT103 `wrong-target-kind`.

use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::Catalog;
use crate::catalog::kinds::BUILTIN_KINDS;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT103",
    name: "wrong-target-kind",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A reference points to an entity of a kind the field does not allow",
    docs: r#"## What it does
Checks the kind a reference names against what its field allows: `owner` a Group or User,
`system` a System, `domain` and `subdomainOf` a Domain, `subcomponentOf` a Component,
`providesApis`/`consumesApis` an API, `parent`/`children`/`memberOf` a Group, `members` a
User.

`dependsOn` and `dependencyOf` are not judged: Backstage's `BuiltinKindsEntityProcessor`
parses them without a default kind and builds the `dependsOn`/`dependencyOf` relation to an
entity of any kind (a Component depending on an API or a System is common and shown in the
dependency graph), so a finding there would be a false alarm. The kind must be written
(`CAT015` reports a bare name there, as Backstage rejects it).

## Why is this bad?
Backstage builds the relation anyway, and the entity pages show nothing: a Component that is
"part of" a Group is in no system.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a, system: group:team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a, system: azure-devops}
```
"#,
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for indexed in catalog.subjects() {
        for (found, target) in indexed.refs() {
            // No default kind (dependsOn, dependencyOf): Backstage accepts any kind.
            if found.field.default_kind.is_none() {
                continue;
            }
            let allowed = found.field.target_kinds;
            if allowed
                .iter()
                .any(|kind| kind.eq_ignore_ascii_case(&target.kind))
            {
                continue;
            }
            // Only built-in kinds are judged; other kinds are CAT105's or custom.
            if !BUILTIN_KINDS
                .iter()
                .any(|schema| schema.kind.eq_ignore_ascii_case(&target.kind))
            {
                continue;
            }
            let field = found.pointer().trim_start_matches('/').replace('/', ".");
            Catalog::report(
                out,
                &RULE,
                &indexed.entity,
                found.node,
                &found.pointer(),
                format!(
                    "`{field}` refers to {target}, but must refer to {}",
                    allowed.join(" or ")
                ),
                None,
            );
        }
    }
}
