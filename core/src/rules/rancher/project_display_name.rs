//! RAN006 `rancher-project-name`.

use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "RAN006",
    name: "rancher-project-name",
    family: Family::Rancher,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A Rancher Project's display name does not follow the policy's convention",
    docs: r"## What it does
Matches each Rancher Project's `spec.displayName` against the regular expression of the
policy's `rancher.projectDisplayName`, as a whole. Nothing is judged without one (there is no
default), and the generated `metadata.name` (`p-xxxxx`) never is.

## Why is this bad?
The display name is what people pick a project by in Rancher's UI and what bindings are
reviewed by; a name outside the convention hides which app, client or stage a project is for.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: platform}
spec: {type: team, children: []}
```

## Policy
```yaml
rancher:
  projectDisplayName: '(cs|ap|ps)-[a-z0-9]+'
```

## Example
```yaml
apiVersion: management.cattle.io/v3
kind: Project
metadata: {name: p-7xk2q, namespace: c-m-4kq8z}
spec: {clusterName: c-m-4kq8z, displayName: Phippy Production}
```

## Use instead
```yaml
apiVersion: management.cattle.io/v3
kind: Project
metadata: {name: p-7xk2q, namespace: c-m-4kq8z}
spec: {clusterName: c-m-4kq8z, displayName: ap-phippy}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    let Some(pattern) = &catalog.context.policy.rancher.project_display_name else {
        return;
    };
    // An invalid pattern is the policy's problem (POL002), not every project's.
    let Ok(convention) = regex::Regex::new(&format!("^(?:{pattern})$")) else {
        return;
    };
    for project in &catalog.rancher.projects {
        let Some(node) = project.display_name else {
            continue;
        };
        let Some(name) = node.as_str() else {
            continue;
        };
        if convention.is_match(name) {
            continue;
        }
        Catalog::report(
            out,
            &RULE,
            &project.document,
            node,
            "/spec/displayName",
            format!(
                "Rancher Project \"{}\" is shown as \"{name}\", which does not match the convention `{pattern}`",
                project.name
            ),
            Some("rename it to match `rancher.projectDisplayName` of the policy".to_owned()),
        );
    }
}
