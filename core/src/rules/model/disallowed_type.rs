//! ORG001 `disallowed-type`.

use crate::catalog::Entity;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::spec_string;

pub static RULE: RuleMeta = RuleMeta {
    code: "ORG001",
    name: "disallowed-type",
    family: Family::Model,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "spec.type is not one the policy allows for the kind",
    docs: r"## What it does
Checks `spec.type` against the policy's `model.types` for the entity's kind. Kinds the policy
does not list are unrestricted.

## Why is this bad?
Free-text types split one concept into many (`website`, `web-site`, `frontend`), and the
catalog's filters and the automation that reads types (Argo CD, the licence portal) miss them.

## Policy
```yaml
model:
  types:
    Component: [website, project, service, operator]
```

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: web-site, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```

## Fix safety
`--fix --unsafe-fixes` replaces the type with the allowed one it differs from only in case or
dashes (`Service` -> `service`, `web-site` -> `website`): an unsafe fix, plugins and searches
that compare types exactly see another value. Types with no such close match get no fix.
",
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let Some(kind) = entity.kind() else { return };
    let Some((_, allowed)) = context
        .policy
        .model
        .types
        .iter()
        .find(|(listed, _)| listed.eq_ignore_ascii_case(kind))
    else {
        return;
    };
    let Some((node, value)) = spec_string(entity, "type") else {
        return;
    };
    if !allowed.iter().any(|allowed| allowed == value) {
        let close = allowed.iter().find(|allowed| {
            allowed.eq_ignore_ascii_case(value)
                || allowed.replace('-', "") == value.replace('-', "")
        });
        let help = match close {
            Some(close) => format!("use `{close}`"),
            None => format!(
                "use one of {}, or add the type to `model.types.{kind}` in the policy",
                allowed.join(", ")
            ),
        };
        let fix = close.map(|close| {
            let edit = Edit::scalar(node.span.clone(), value, close.as_str());
            Fix::unsafe_(format!("use `{close}`"), vec![edit])
        });
        out.report_fix(
            &RULE,
            node.span.clone(),
            "/spec/type",
            format!("type \"{value}\" is not allowed for {kind}"),
            Some(help),
            fix,
        );
    }
}
