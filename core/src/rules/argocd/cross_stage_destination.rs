//! ARGO005 `cross-stage-destination`.

use crate::consumers::clusters::Resolution;
use crate::diagnostic::Severity;
use crate::rules::model::stage_isolation::crossed_stages;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO005",
    name: "cross-stage-destination",
    family: Family::ArgoCd,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Application deploys a namespace of one stage to a cluster of another",
    docs: r"## What it does
Resolves each Argo CD Application's destination to a catalog cluster Resource (`spec.type`
`cluster` or `kubernetes-cluster`): by `server` against the Resource's `kubernetes.io/api-server`
annotation (the one Backstage's Kubernetes plugin reads), by `name` through an Argo CD cluster
Secret (`argocd.argoproj.io/secret-type: cluster`, its `stringData.name` and `server`), or by
the Resource's `metadata.name`. Then compares the stage of the destination namespace (its
stage part under the naming convention) with the cluster's stage (its stage label
`kataster.io/stage`, the policy's `stages.label`, else the stage part of its name) and reports
them differing.

## Why is this bad?
Stages need isolation: a `prd` namespace on an `int` cluster shares nodes, networks and
credentials with what is being tested, and production runs where nobody expects it.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: cluster-int
  labels: {kataster.io/stage: int}
  annotations: {kubernetes.io/api-server: 'https://int.acme.com:6443'}
spec: {type: kubernetes-cluster, owner: platform}
---
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
  destination: {server: 'https://int.acme.com:6443', namespace: ap-phippy-prd}
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
    let context = &catalog.context;
    if !out.enabled(&RULE) || catalog.clusters.resources.is_empty() {
        return;
    }
    for application in &catalog.argocd.applications {
        let Some((destination, node)) = &application.destination else {
            continue;
        };
        let Resolution::Cluster(cluster) = catalog.clusters.resolve(destination) else {
            continue;
        };
        let Some((stage, cluster_stage, source)) =
            crossed_stages(destination.namespace, &cluster.entity, context)
        else {
            continue;
        };
        let how = if destination.server.is_empty() {
            format!("cluster \"{}\"", destination.name)
        } else {
            format!("\"{}\"", destination.server)
        };
        Catalog::report(
            out,
            &RULE,
            &application.document,
            node,
            &application.pointer("/spec/destination"),
            format!(
                "{} deploys namespace \"{}\" (stage {stage}) to {how}, which is cluster \"{}\" of stage {cluster_stage} (its {source})",
                application.title(),
                destination.namespace,
                cluster.name
            ),
            Some(format!(
                "deploy a {stage} namespace to a {stage} cluster, or correct the cluster's stage in the catalog"
            )),
        );
    }
}
