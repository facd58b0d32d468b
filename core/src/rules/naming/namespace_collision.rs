//! NS003 `namespace-collision`.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::naming::sources::NamespaceUse;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "NS003",
    name: "namespace-collision",
    family: Family::Naming,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "Two different apps map to the same namespace",
    docs: r"## What it does
Compares the `backstage.io/kubernetes-namespace` annotations of all Components across the
checked files and reports a namespace claimed by two different Components. Namespaces that
several components share on purpose are listed in the policy's `naming.namespace.shared`
(names and globs, e.g. `[ap-shop-*]`); platform namespaces (`naming.namespace.exempt`, e.g.
`kube-system`, `monitoring`) are not reported either.

## Why is this bad?
Two apps in one namespace share quotas, secrets and permissions, and the Kubernetes plugin
shows each app the other's workloads. The convention gives every app its own namespace.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: website, lifecycle: production, owner: team-a}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: goldie
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: operator, lifecycle: production, owner: team-b}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: website, lifecycle: production, owner: team-a}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: goldie
  annotations: {backstage.io/kubernetes-namespace: ps-goldie-prd}
spec: {type: operator, lifecycle: production, owner: team-b}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    let mut first: HashMap<&str, &NamespaceUse<'_>> = HashMap::new();
    for usage in catalog.namespaces.iter().filter(|usage| usage.is_judged()) {
        let Some(owner) = &usage.owner else { continue };
        if catalog.namespace_sets.is_shared(usage.name) {
            continue;
        }
        match first.get(usage.name) {
            None => {
                first.insert(usage.name, usage);
            }
            Some(earlier) if earlier.owner.as_ref() != Some(owner) => {
                Catalog::report(
                    out,
                    &RULE,
                    &usage.entity,
                    usage.node,
                    &usage.pointer,
                    format!(
                        "namespace \"{}\" of {owner} is already the namespace of {} ({})",
                        usage.name,
                        earlier.owner.as_deref().unwrap_or("another app"),
                        catalog.position(earlier.entity.file, earlier.node.span.start)
                    ),
                    Some("give every app its own namespace".to_owned()),
                );
            }
            Some(_) => {}
        }
    }
}
