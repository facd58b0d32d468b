//! ARGO006 `undeclared-cluster`.

use crate::consumers::clusters::{API_SERVER_ANNOTATION, Resolution};
use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO006",
    name: "undeclared-cluster",
    family: Family::ArgoCd,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Application deploys to a cluster that no catalog cluster Resource declares",
    docs: r"## What it does
Resolves each Argo CD Application's destination as `ARGO005` does (by `server` against the
`kubernetes.io/api-server` annotation of the catalog's cluster Resources, by `name` through an
Argo CD cluster Secret or the Resource's `metadata.name`) and reports a destination that
resolves to none. Only when the catalog declares at least one cluster with its API server:
otherwise it does not model clusters and nothing can be said. Argo CD's own cluster
(`in-cluster`, `https://kubernetes.default.svc`) and templated destinations are not judged.

## Why is this bad?
The catalog is the inventory of where things run. A cluster it does not know has no owner,
no stage and no one who is told when it changes: a deployment there is invisible to stage
isolation (`ARGO005`) and to everyone who reads the catalog.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: cluster-prd
  labels: {kataster.io/stage: prd}
  annotations: {kubernetes.io/api-server: 'https://prd.acme.com:6443'}
spec: {type: kubernetes-cluster, owner: platform}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: platform}
spec: {type: team, children: []}
```

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: phippy-prd, namespace: argocd}
spec:
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://10.20.0.4:6443', namespace: ap-phippy-prd}
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: phippy-prd, namespace: argocd}
spec:
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://prd.acme.com:6443', namespace: ap-phippy-prd}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) || !catalog.clusters.declares_servers() {
        return;
    }
    for application in &catalog.argocd.applications {
        let Some((destination, node)) = &application.destination else {
            continue;
        };
        if !matches!(
            catalog.clusters.resolve(destination),
            Resolution::Undeclared
        ) {
            continue;
        }
        let (what, key, help) = if destination.server.is_empty() {
            (
                format!("cluster \"{}\"", destination.name),
                "name",
                format!(
                    "add the cluster to the catalog (a Resource of type `kubernetes-cluster` named \"{}\", or an Argo CD cluster Secret naming it), or correct the destination",
                    destination.name
                ),
            )
        } else {
            (
                format!("\"{}\"", destination.server),
                "server",
                format!(
                    "add the cluster to the catalog as a Resource of type `kubernetes-cluster` with `{API_SERVER_ANNOTATION}: {}`, or correct the destination",
                    destination.server
                ),
            )
        };
        let at = node.get(key).unwrap_or(node);
        Catalog::report(
            out,
            &RULE,
            &application.document,
            at,
            &application.pointer(&format!("/spec/destination/{key}")),
            format!(
                "{} deploys to {what}, which no cluster Resource of the catalog declares",
                application.title()
            ),
            Some(help),
        );
    }
}
