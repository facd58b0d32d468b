//! ARGO001 `unknown-app-project`.

use crate::consumers::argocd::DEFAULT_PROJECT;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO001",
    name: "unknown-app-project",
    family: Family::ArgoCd,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Application names an AppProject that no checked file defines",
    docs: r"## What it does
Resolves every Argo CD Application's `spec.project` against the AppProjects of the checked
files. `default` (and an empty project, which Argo CD reads as `default`) always exists.
Nothing is reported when no AppProject at all is among the checked files: the projects are
then managed elsewhere. A warning by default; an error with `--strict-refs` or
`references.strict: true` (the checked files are the whole GitOps repository).

## Why is this bad?
Argo CD refuses to reconcile an Application whose project does not exist: it shows
`InvalidSpecError` and deploys nothing, after the merge, in a cluster the author may not see.

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
  project: phipy
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://prd.acme.com', namespace: ap-phippy-prd}
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

## Fix safety
`--fix --unsafe-fixes` replaces the project with the defined AppProject within two edits of
it: an unsafe fix, the project decides what the Application may deploy where, and the
AppProject may be defined outside the checked files.
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) || catalog.argocd.projects.is_empty() {
        return;
    }
    let mut names: Vec<&str> = catalog
        .argocd
        .projects
        .iter()
        .map(|project| project.name)
        .collect();
    names.sort_unstable();
    names.dedup();
    for application in &catalog.argocd.applications {
        let Some(node) = application.project else {
            continue;
        };
        let name = application.project_name();
        if name == DEFAULT_PROJECT || names.contains(&name) {
            continue;
        }
        let closest = names
            .iter()
            .map(|known| (crate::catalog::kinds::edit_distance(known, name), known))
            .min()
            .filter(|(distance, _)| *distance <= 2)
            .map(|(_, known)| known);
        let help = match closest {
            Some(known) => format!("use `{known}`, or define the AppProject \"{name}\""),
            None => format!(
                "define the AppProject \"{name}\" or use one of {}",
                names.join(", ")
            ),
        };
        let fix = closest.map(|known| {
            let edit = Edit::scalar(node.span.clone(), name, *known);
            Fix::unsafe_(format!("use `{known}`"), vec![edit])
        });
        Catalog::report_fix(
            out,
            &RULE,
            &application.document,
            node,
            &application.pointer("/spec/project"),
            (
                format!(
                    "{} names project \"{name}\", which no AppProject of the checked files defines",
                    application.title()
                ),
                Some(help),
            ),
            fix,
        );
    }
}
