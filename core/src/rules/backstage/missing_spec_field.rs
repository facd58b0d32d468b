//! CAT013 `missing-spec-field`.

use crate::catalog::Entity;
use crate::catalog::modules::module_of_spec_type;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::shape::{Problem, report_missing, spec_problems};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT013",
    name: "missing-spec-field",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "spec, or a field its kind requires, is missing",
    docs: r#"## What it does
Checks that an entity of a built-in kind has a `spec` with the fields its kind requires:
Component `type`, `lifecycle`, `owner`; API those and `definition`; Resource `type`, `owner`;
System and Domain `owner`; Group `type` and `children` (which may be empty); User `memberOf`;
Template `type` and `steps`, each step with an `action`.

## Why is this bad?
Backstage rejects the entity ("must have required property 'lifecycle'").

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec:
  type: team
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec:
  type: team
  children: []
```
"#,
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let Some(kind) = entity.kind() else {
        return;
    };
    let Some(schema) = context.kind_schema(entity) else {
        return;
    };
    let Some(spec) = entity.root.get("spec") else {
        report_missing(
            out,
            &RULE,
            entity.root,
            "",
            "spec",
            Some(format!("every {kind} needs a `spec`")),
        );
        return;
    };
    for problem in spec_problems(spec, &schema.spec) {
        if let Problem::Missing {
            parent,
            pointer,
            key,
        } = problem
        {
            report_missing(
                out,
                &RULE,
                parent,
                &pointer,
                key,
                module_help(entity, kind, context),
            );
        }
    }
}

/// For a spec type that a catalog model module the policy does not install gives another
/// schema (an `mcp-server` API has `remotes`, no `definition`), how to say it is installed.
fn module_help(entity: &Entity<'_>, kind: &str, context: &Context<'_>) -> Option<String> {
    let spec_type = entity.spec()?.get("type")?.as_str()?;
    let module = module_of_spec_type(kind, spec_type)?;
    (!context.policy.modules.contains(&module)).then(|| {
        format!(
            "a `{spec_type}` {kind} is validated by Backstage's catalog module `{}`: if the backend installs it, add `modules: [{}]` to the policy",
            module.package(),
            module.name()
        )
    })
}
