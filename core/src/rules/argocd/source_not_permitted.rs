//! ARGO002 `source-not-permitted`.

use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::{allowed_list, applications_with_projects, project_label};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO002",
    name: "source-not-permitted",
    family: Family::ArgoCd,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Application's repository is not in its AppProject's sourceRepos",
    docs: r"## What it does
Matches each `repoURL` of an Application (`spec.source`, every `spec.sources` item) against
the `sourceRepos` of its AppProject, as Argo CD does (`AppProject.IsSourcePermitted`): both
sides normalised (lowercase, without `.git`, `git@host:path` as `git@host/path`), globs where
`*` stays within a path segment and `**` crosses them, and `!` patterns that deny. Only
projects defined in the checked files are known; with several AppProjects of one name (one per
Argo CD instance), one that permits is enough.

## Why is this bad?
Argo CD refuses to sync the Application (`application repo ... is not permitted in project`),
after the merge. The project is how a platform team limits what a team may deploy from where.

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
  source: {repoURL: 'https://github.com/someone/phippy.git', path: prd}
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
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for (application, projects) in applications_with_projects(catalog) {
        for source in &application.sources {
            if projects
                .iter()
                .any(|project| project.permits_source(source.repo_url))
            {
                continue;
            }
            let allowed =
                allowed_list(projects.iter().flat_map(|project| {
                    project.source_repos.iter().map(|repo| (*repo).to_owned())
                }));
            Catalog::report(
                out,
                &RULE,
                &application.document,
                source.node,
                &source.pointer,
                format!(
                    "{} takes its source from \"{}\", which {} does not permit (sourceRepos: {allowed})",
                    application.title(),
                    source.repo_url,
                    project_label(application.project_name(), projects.len())
                ),
                Some("add the repository to the AppProject's `sourceRepos`, or deploy from a permitted one".to_owned()),
            );
        }
    }
}
