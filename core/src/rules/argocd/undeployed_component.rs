//! ARGO007 `undeployed-component`.

use crate::diagnostic::Severity;
use crate::rules::argocd::deployed_namespaces;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO007",
    name: "undeployed-component",
    family: Family::ArgoCd,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A catalog Component's namespace is one that no Application deploys to",
    docs: r"## What it does
Compares the namespace each catalog Component names in its namespace annotation
(`backstage.io/kubernetes-namespace`, the policy's `naming.namespace.annotation`) with the
namespaces the checked GitOps files deploy to: Argo CD Applications' destinations (those an
ApplicationSet's list generator makes too), Flux `targetNamespace`s and the `namespace` and
`defaultNamespace` of Rancher Fleet bundles (`fleet.yaml`, its targets too, except those with
`doNotDeploy: true`). Reports a Component whose namespace none of them deploys to. Only when
the checked files deploy somewhere at all (a catalog checked on its own says nothing about
deployments); platform namespaces of the policy's `exempt` list are not judged.

## Why is this bad?
The catalog says the component runs there; nothing deploys it. Either the deployment was
removed or renamed and the catalog is stale, or the namespace in the annotation is wrong and
the Kubernetes plugin shows nothing.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: website, lifecycle: production, owner: team-a}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec: {type: team, children: []}
```

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: phippy-prd}
spec:
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://kubernetes.default.svc', namespace: ap-phippy-prod}
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: phippy-prd}
spec:
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://kubernetes.default.svc', namespace: ap-phippy-prd}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    let deployed: std::collections::HashSet<&str> =
        deployed_namespaces(catalog).into_iter().collect();
    if deployed.is_empty() {
        return;
    }
    for usage in &catalog.namespaces {
        if !usage.is_component_annotation() || !usage.is_judged() || deployed.contains(usage.name) {
            continue;
        }
        let entity = &usage.entity;
        Catalog::report(
            out,
            &RULE,
            entity,
            usage.node,
            &usage.pointer,
            format!(
                "{} runs in namespace \"{}\", which no Argo CD Application, Flux release or Fleet bundle of the checked files deploys to",
                entity.display_ref(),
                usage.name
            ),
            Some("correct the namespace annotation, or deploy the component there".to_owned()),
        );
    }
}
