//! CAT015 `invalid-entity-ref`.

use crate::catalog::Entity;
use crate::catalog::refs::{FoundRef, RefError, ref_error, visit_spec_refs};
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT015",
    name: "invalid-entity-ref",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A relation field holds a malformed entity reference",
    docs: r#"## What it does
Parses each relation field (`owner`, `system`, `dependsOn`, `memberOf`, `parent`,
`children`, `members`, `providesApis`, ...) as an entity reference
`[<kind>:][<namespace>/]<name>`, with the field's default kind. Empty parts (`group:`, `:x`,
`/x`) are errors, and `dependsOn`/`dependencyOf` have no default kind, so a bare name is an
error there.

## Why is this bad?
Backstage rejects the entity when it builds its relations ("Entity reference ... had missing
or empty kind").

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec:
  type: website
  lifecycle: production
  owner: team-a
  dependsOn: [cluster-prd-eu1]
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
  dependsOn: [resource:cluster-prd-eu1]
```
"#,
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let (Some(kind), Some(spec)) = (entity.kind(), entity.spec()) else {
        return;
    };
    if context.kind_schema(entity).is_none() {
        return;
    }
    let mut failed = Vec::new();
    visit_spec_refs(kind, spec, |field, node, index| {
        if let Some(error) = ref_error(node, field.default_kind) {
            failed.push(FoundRef {
                field,
                node,
                index,
                parsed: Err(error),
            });
        }
    });
    for found in failed {
        let Err(error) = &found.parsed else {
            continue;
        };
        // Schema-typed fields report non-strings as CAT014; `dependencyOf` has no schema.
        if found.node.as_str().is_none() && found.field.field != "dependencyOf" {
            continue;
        }
        // The ModelProcessor (a backend with catalog model modules) passes over what is not a
        // non-empty string.
        if !context.policy.modules.is_empty() && found.node.as_str().is_none_or(str::is_empty) {
            continue;
        }
        let field = found.pointer().trim_start_matches('/').replace('/', ".");
        let help = match error {
            RefError::MissingKind => {
                let name = found.node.as_str().unwrap_or("name");
                Some(format!(
                    "name the kind: `component:{name}` or `resource:{name}`"
                ))
            }
            _ => Some(
                "write references as `[<kind>:][<namespace>/]<name>`, e.g. `group:default/team-a`"
                    .to_owned(),
            ),
        };
        out.report(
            &RULE,
            found.node,
            &found.pointer(),
            format!(
                "entity reference {} in `{field}` {}",
                found.node.display(),
                error.describe()
            ),
            help,
        );
    }
}
