//! ORG002 `disallowed-lifecycle`.

use crate::catalog::Entity;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::spec_string;

pub static RULE: RuleMeta = RuleMeta {
    code: "ORG002",
    name: "disallowed-lifecycle",
    family: Family::Model,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "spec.lifecycle is not one the policy allows",
    docs: r"## What it does
Checks `spec.lifecycle` against the policy's `model.lifecycles` (unrestricted when empty).

## Why is this bad?
Lifecycles drive decisions (what may run in `prd`, what is deprecated); `prod` and
`production` side by side make every such filter wrong.

## Policy
```yaml
model:
  lifecycles: [experimental, production, deprecated]
```

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: prod, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```

## Fix safety
`--fix --unsafe-fixes` replaces the lifecycle with the allowed one it is a prefix of, or that
is a prefix of it (`prod` -> `production`): an unsafe fix, the guess may be wrong
(`experimental-prod`). Lifecycles with no such match get no fix.
",
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let allowed = &context.policy.model.lifecycles;
    if allowed.is_empty() {
        return;
    }
    let Some((node, value)) = spec_string(entity, "lifecycle") else {
        return;
    };
    if !allowed.iter().any(|allowed| allowed == value) {
        let close = allowed
            .iter()
            .find(|allowed| allowed.starts_with(value) || value.starts_with(allowed.as_str()));
        let help = match close {
            Some(close) => format!("use `{close}`"),
            None => format!("use one of {}", allowed.join(", ")),
        };
        let fix = close.map(|close| {
            let edit = Edit::scalar(node.span.clone(), value, close.as_str());
            Fix::unsafe_(format!("use `{close}`"), vec![edit])
        });
        out.report_fix(
            &RULE,
            node.span.clone(),
            "/spec/lifecycle",
            format!("lifecycle \"{value}\" is not allowed"),
            Some(help),
            fix,
        );
    }
}
