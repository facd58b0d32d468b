//! ORG004 `owner-kind`.

use crate::catalog::Entity;
use crate::catalog::refs::parse_ref;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::spec_string;

pub static RULE: RuleMeta = RuleMeta {
    code: "ORG004",
    name: "owner-kind",
    family: Family::Model,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The owner is of a kind the policy does not allow as owner",
    docs: r"## What it does
Checks the kind of `spec.owner` references (explicit or the default Group) against the
policy's `model.ownerKinds`, for example to require Groups as owners.

## Why is this bad?
A person who leaves takes the ownership with them; a team outlives its members.

## Policy
```yaml
model:
  ownerKinds: [Group]
```

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: user:john.doe}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: group:team-a}
```
",
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let allowed = &context.policy.model.owner_kinds;
    if allowed.is_empty() {
        return;
    }
    let Some((node, _)) = spec_string(entity, "owner") else {
        return;
    };
    let Ok(owner) = parse_ref(node, Some("Group"), entity.namespace()) else {
        return;
    };
    if !allowed
        .iter()
        .any(|kind| kind.eq_ignore_ascii_case(&owner.kind))
    {
        out.report(
            &RULE,
            node,
            "/spec/owner",
            format!(
                "owner {owner} is a {}; the policy allows {} as owners",
                owner.kind.to_lowercase(),
                allowed.join(" or ")
            ),
            Some("make a team the owner".to_owned()),
        );
    }
}
