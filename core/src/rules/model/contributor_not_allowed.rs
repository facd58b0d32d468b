//! ORG006 `contributor-not-allowed`.

use crate::catalog::Entity;
use crate::diagnostic::Severity;
use crate::policy::Contributor;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::spec_type;

pub static RULE: RuleMeta = RuleMeta {
    code: "ORG006",
    name: "contributor-not-allowed",
    family: Family::Model,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "An entity is written by a contributor that may not write it",
    docs: r"## What it does
Each kind of entity has one contributor allowed to write it (the licence portal writes
licences and projects, Rancher writes clusters, DevOps writes deployments). The policy's
`contributors` list what each may write (`kind` or `kind:type`, `*` for any); the contributor
of a file comes from `--contributor`, the policy's `contributor`, or the `paths` globs of a
contributor. An entity its contributor may not write is reported with who may.

## Why is this bad?
Two writers for one entity overwrite each other, and the source of truth is lost: the next
sync of the licence portal silently reverts a hand-edited licence.

## Policy
```yaml
contributor: DevOps
contributors:
  - name: Lizenz Portal
    may: [resource:licence, component:project, group, user]
  - name: DevOps
    may: [component:service, component:website, component:operator]
```

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: {name: licence-3000}
spec: {type: licence, owner: client01}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: prod-3000}
spec: {type: service, lifecycle: production, owner: team-b}
```
",
};

/// Whether a `may` entry (`kind`, `kind:type`, `*`) covers an entity.
fn covers(entry: &str, kind: &str, spec_type: Option<&str>) -> bool {
    let (wanted_kind, wanted_type) = entry
        .split_once(':')
        .map_or((entry, None), |(kind, t)| (kind, Some(t)));
    let kind_ok = wanted_kind == "*" || wanted_kind.eq_ignore_ascii_case(kind);
    let type_ok = wanted_type.is_none_or(|wanted| wanted == "*" || Some(wanted) == spec_type);
    kind_ok && type_ok
}

fn may_write(contributor: &Contributor, kind: &str, spec_type: Option<&str>) -> bool {
    contributor
        .may
        .iter()
        .any(|entry| covers(entry, kind, spec_type))
}

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let Some(name) = entity.contributor.or(context.policy.contributor.as_deref()) else {
        return;
    };
    let (Some(kind), Some(node)) = (entity.kind(), entity.root.get("kind")) else {
        return;
    };
    let spec_type = spec_type(entity);
    let what = format!(
        "{}{}",
        kind.to_lowercase(),
        spec_type.map(|t| format!(":{t}")).unwrap_or_default()
    );
    let contributors = &context.policy.contributors;
    let Some(contributor) = contributors
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name))
    else {
        let known: Vec<&str> = contributors.iter().map(|c| c.name.as_str()).collect();
        out.report(
            &RULE,
            node,
            "/kind",
            format!("contributor \"{name}\" is not in the policy's contributors, so it may write nothing ({what})"),
            Some(if known.is_empty() { "list the contributors in the policy".to_owned() } else { format!("known contributors: {}", known.join(", ")) }),
        );
        return;
    };
    if may_write(contributor, kind, spec_type) {
        return;
    }
    let allowed: Vec<&str> = contributors
        .iter()
        .filter(|other| may_write(other, kind, spec_type))
        .map(|other| other.name.as_str())
        .collect();
    let help = if allowed.is_empty() {
        format!("no contributor may write {what}; add it to one contributor's `may`")
    } else {
        format!("{what} is written by {}", allowed.join(" or "))
    };
    out.report(
        &RULE,
        node,
        "/kind",
        format!(
            "{} may not write {} ({what}); it may write {}",
            contributor.name,
            entity.display_ref(),
            contributor.may.join(", ")
        ),
        Some(help),
    );
}
