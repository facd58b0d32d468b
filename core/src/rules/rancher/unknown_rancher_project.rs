//! RAN003 `unknown-rancher-project`.

use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "RAN003",
    name: "unknown-rancher-project",
    family: Family::Rancher,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A Rancher project binding names a Project that no checked file defines",
    docs: r"## What it does
Resolves each `ProjectRoleTemplateBinding`'s `projectName` (`<cluster id>:<project id>`)
against the Rancher Projects of the checked files (`metadata.name` in the cluster's namespace,
`metadata.namespace` or `spec.clusterName`). Only when at least one Project is checked:
otherwise the projects are managed elsewhere and nothing can be said. A warning by default;
an error with `--strict-refs` or `references.strict: true`.

## Why is this bad?
A binding for a project that does not exist grants nothing: it is left over from a project
that was deleted or renamed, or it was written for the wrong cluster, and the group it was
meant for has no access.

## Example
```yaml
apiVersion: management.cattle.io/v3
kind: Project
metadata: {name: p-x7k2q, namespace: c-m-4kq8z}
spec: {clusterName: c-m-4kq8z, displayName: phippy}
---
apiVersion: management.cattle.io/v3
kind: ProjectRoleTemplateBinding
metadata: {name: phippy-members, namespace: p-x7k2q}
projectName: c-m-4kq8z:p-q9w3e
roleTemplateName: project-member
groupPrincipalName: activedirectory_group://CN=phippy-devs,OU=Groups,DC=acme,DC=com
```

## Use instead
```yaml
apiVersion: management.cattle.io/v3
kind: Project
metadata: {name: p-x7k2q, namespace: c-m-4kq8z}
spec: {clusterName: c-m-4kq8z, displayName: phippy}
---
apiVersion: management.cattle.io/v3
kind: ProjectRoleTemplateBinding
metadata: {name: phippy-members, namespace: p-x7k2q}
projectName: c-m-4kq8z:p-x7k2q
roleTemplateName: project-member
groupPrincipalName: activedirectory_group://CN=phippy-devs,OU=Groups,DC=acme,DC=com
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    let rancher = &catalog.rancher;
    if !out.enabled(&RULE) || rancher.projects.is_empty() {
        return;
    }
    for binding in &rancher.bindings {
        let Some(project) = &binding.project else {
            continue;
        };
        if rancher.has_project(project.value) {
            continue;
        }
        Catalog::report(
            out,
            &RULE,
            &binding.document,
            project.node,
            project.pointer,
            format!(
                "{} \"{}\" binds project \"{}\", which no Rancher Project of the checked files is",
                binding.kind, binding.name, project.value
            ),
            Some(
                "name the project as `<cluster id>:<project id>` of an existing Project, or remove the binding"
                    .to_owned(),
            ),
        );
    }
}
