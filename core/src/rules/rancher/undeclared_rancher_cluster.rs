//! RAN005 `undeclared-rancher-cluster`.

use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "RAN005",
    name: "undeclared-rancher-cluster",
    family: Family::Rancher,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A Rancher Project or Namespace is on a cluster that no catalog cluster Resource declares",
    docs: r"## What it does
Resolves the cluster id of each Rancher Project (`spec.clusterName`, else `metadata.namespace`)
and of each Namespace Rancher puts in a Project (`field.cattle.io/projectId`) against the
catalog's cluster Resources, by the annotation the policy names (`clusters.rancherIdAnnotation`),
and reports an id none declares. Only when the policy names the annotation and some cluster
Resource carries it.

## Why is this bad?
The catalog is the inventory of where things run. A cluster it does not know has no owner and
no stage: what runs there escapes stage isolation (`RAN004`) and everyone who reads the
catalog.

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
apiVersion: management.cattle.io/v3
kind: Project
metadata: {name: p-x7k2q, namespace: c-m-lab99}
spec: {clusterName: c-m-lab99, displayName: Phippy}
```

## Use instead
```yaml
apiVersion: management.cattle.io/v3
kind: Project
metadata: {name: p-x7k2q, namespace: c-m-prd01}
spec: {clusterName: c-m-prd01, displayName: Phippy}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    let clusters = &catalog.clusters;
    if !out.enabled(&RULE) || !clusters.declares_rancher_ids() {
        return;
    }
    let help = || {
        let annotation = catalog
            .context
            .policy
            .clusters
            .rancher_id_annotation
            .as_deref()
            .unwrap_or_default();
        Some(format!(
            "add the cluster to the catalog as a Resource of type `kubernetes-cluster` with `{annotation}: <cluster id>`, or correct the cluster id"
        ))
    };
    for project in &catalog.rancher.projects {
        if project.cluster.is_empty() || clusters.by_rancher_id(project.cluster).is_some() {
            continue;
        }
        let node = project
            .document
            .spec()
            .and_then(|spec| spec.get("clusterName"))
            .or_else(|| project.document.metadata()?.get("namespace"));
        let Some(node) = node else {
            continue;
        };
        let pointer = if project
            .document
            .spec()
            .is_some_and(|spec| spec.get("clusterName").is_some())
        {
            "/spec/clusterName"
        } else {
            "/metadata/namespace"
        };
        Catalog::report(
            out,
            &RULE,
            &project.document,
            node,
            pointer,
            format!(
                "Rancher Project \"{}\" is on cluster \"{}\", which no cluster Resource of the catalog declares",
                project.name, project.cluster
            ),
            help(),
        );
    }
    for namespace in &catalog.rancher.namespaces {
        let cluster = namespace.cluster();
        if cluster.is_empty() || clusters.by_rancher_id(cluster).is_some() {
            continue;
        }
        Catalog::report(
            out,
            &RULE,
            &namespace.document,
            namespace.project.node,
            namespace.project.pointer,
            format!(
                "Namespace \"{}\" is in a Rancher project of cluster \"{cluster}\", which no cluster Resource of the catalog declares",
                namespace.name
            ),
            help(),
        );
    }
}
