//! ARGO003 `destination-not-permitted`.

use crate::consumers::argocd::Destination;
use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::{allowed_list, applications_with_projects, project_label};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO003",
    name: "destination-not-permitted",
    family: Family::ArgoCd,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Application's destination is not in its AppProject's destinations",
    docs: r"## What it does
Matches an Application's `spec.destination` (`server` or `name`, and `namespace`) against the
`destinations` of its AppProject, as Argo CD does (`isDestinationMatched`): some item matches
both the cluster and the namespace, and no `!` pattern of any item denies it. `in-cluster` is
`https://kubernetes.default.svc`. A destination named by a cluster name whose server the checked
files do not say is given the benefit of the doubt on the server: only a destination that no
server could make permitted is reported. Only projects defined in the checked files are known.

## Why is this bad?
Argo CD refuses to sync (`application destination ... is not permitted in project`): the
project is what keeps a team's Applications out of other teams' namespaces and clusters.

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: phippy, namespace: argocd}
spec:
  sourceRepos: ['https://gitlab.acme.com/phippy/*']
  destinations: [{server: '*', namespace: 'ap-phippy-*'}]
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: phippy-prd, namespace: argocd}
spec:
  project: phippy
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://prd.acme.com', namespace: ps-goldie-prd}
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: phippy, namespace: argocd}
spec:
  sourceRepos: ['https://gitlab.acme.com/phippy/*']
  destinations: [{server: '*', namespace: 'ap-phippy-*'}]
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: phippy-prd, namespace: argocd}
spec:
  project: phippy
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://prd.acme.com', namespace: ap-phippy-prd}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for (application, projects) in applications_with_projects(catalog) {
        let Some((destination, node)) = &application.destination else {
            continue;
        };
        if destination.server.is_empty() && destination.name.is_empty() {
            continue;
        }
        if projects
            .iter()
            .any(|project| project.permits_destination(destination))
        {
            continue;
        }
        let allowed = allowed_list(
            projects
                .iter()
                .flat_map(|project| project.destinations.iter().map(describe)),
        );
        Catalog::report(
            out,
            &RULE,
            &application.document,
            node,
            &application.pointer("/spec/destination"),
            format!(
                "{} deploys to {}, which {} does not permit (destinations: {allowed})",
                application.title(),
                describe(destination),
                project_label(application.project_name(), projects.len())
            ),
            Some("add the destination to the AppProject's `destinations`, or deploy where it permits".to_owned()),
        );
    }
}

/// `namespace "x" on https://server` or `on cluster "name"`.
fn describe(destination: &Destination<'_>) -> String {
    let cluster = match (destination.server, destination.name) {
        ("", "") => "any cluster".to_owned(),
        ("", name) => format!("cluster \"{name}\""),
        (server, _) => format!("\"{server}\""),
    };
    format!("namespace \"{}\" on {cluster}", destination.namespace)
}
