//! ORG002 `disallowed-lifecycle`.

use crate::catalog::Entity;
use crate::diagnostic::Severity;
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
        out.report(
            &RULE,
            node,
            "/spec/lifecycle",
            format!("lifecycle \"{value}\" is not allowed"),
            Some(help),
        );
    }
}
