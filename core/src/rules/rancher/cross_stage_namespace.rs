//! RAN004 `cross-stage-rancher-namespace`.

use crate::diagnostic::Severity;
use crate::rules::model::stage_isolation::crossed_stages;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "RAN004",
    name: "cross-stage-rancher-namespace",
    family: Family::Rancher,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A Namespace of one stage is in a Rancher Project of another stage's cluster",
    docs: r"## What it does
Resolves the cluster of each Kubernetes Namespace that Rancher puts in a Project (its
annotation `field.cattle.io/projectId: <cluster id>:<project id>`) to the catalog's cluster
Resource whose Rancher id annotation (the policy's `clusters.rancherIdAnnotation`) is that
cluster id, and compares the namespace's stage (its stage part under the naming convention)
with the cluster's (its stage label, else the stage part of its name). Only when the policy
names the annotation.

## Why is this bad?
Stages need isolation: a `prd` namespace on an `int` cluster shares nodes, networks and
credentials with what is being tested.

## Policy
```yaml
clusters:
  rancherIdAnnotation: rancher.acme.example/cluster-id
```

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: cluster-int
  labels: {kataster.io/stage: int}
  annotations: {rancher.acme.example/cluster-id: c-m-int01}
spec: {type: kubernetes-cluster, owner: platform}
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: cluster-prd
  labels: {kataster.io/stage: prd}
  annotations: {rancher.acme.example/cluster-id: c-m-prd01}
spec: {type: kubernetes-cluster, owner: platform}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: platform}
spec: {type: team, children: []}
```

## Example
```yaml
apiVersion: v1
kind: Namespace
metadata:
  name: ap-phippy-prd
  annotations: {field.cattle.io/projectId: 'c-m-int01:p-x7k2q'}
```

## Use instead
```yaml
apiVersion: v1
kind: Namespace
metadata:
  name: ap-phippy-prd
  annotations: {field.cattle.io/projectId: 'c-m-prd01:p-q9w3e'}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    let context = &catalog.context;
    if !out.enabled(&RULE) || !catalog.clusters.declares_rancher_ids() {
        return;
    }
    for namespace in &catalog.rancher.namespaces {
        let Some(cluster) = catalog.clusters.by_rancher_id(namespace.cluster()) else {
            continue;
        };
        let Some((stage, cluster_stage, source)) =
            crossed_stages(namespace.name, &cluster.entity, context)
        else {
            continue;
        };
        Catalog::report(
            out,
            &RULE,
            &namespace.document,
            namespace.project.node,
            namespace.project.pointer,
            format!(
                "Namespace \"{}\" (stage {stage}) is in a Rancher project of cluster \"{}\" ({}), of stage {cluster_stage} (its {source})",
                namespace.name,
                cluster.name,
                namespace.cluster()
            ),
            Some(format!(
                "move the namespace to a project on a {stage} cluster, or correct the cluster's stage in the catalog"
            )),
        );
    }
}
