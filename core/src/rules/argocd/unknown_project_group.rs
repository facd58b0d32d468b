//! ARGO004 `unknown-project-group`.

use crate::consumers::identity::{Identities, Principal};
use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO004",
    name: "unknown-project-group",
    family: Family::ArgoCd,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An AppProject role is granted to a group that is no catalog Group",
    docs: r"## What it does
Resolves every group of an AppProject's roles (`spec.roles[].groups`) against the catalog's
Groups: by `metadata.name`, by `namespace/name`, or by the directory identity Backstage's org
providers write into the annotations `graph.microsoft.com/group-id` (Entra ID) and
`backstage.io/ldap-dn` (LDAP, Active Directory), or in an annotation the policy adds
(`identities.annotations`); case-insensitively. Groups of
`--known-entities` count too. Nothing is reported when no Group at all is known (the catalog is
elsewhere and no export was given). A warning by default; an error with `--strict-refs` or
`references.strict: true`.

## Why is this bad?
The catalog is the inventory of who owns what; the SSO directory creates the groups from it.
A grant to a group the catalog does not have is access for a team that left, was renamed, or
never existed: a permission nobody reviews.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: phippy-devs
  annotations:
    graph.microsoft.com/group-id: 4f6b2a51-9d1e-4c1b-8f5e-2b7d9c3a1e60
spec: {type: team, children: []}
```

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: phippy, namespace: argocd}
spec:
  sourceRepos: ['https://gitlab.acme.com/phippy/*']
  destinations: [{server: '*', namespace: 'ap-phippy-*'}]
  roles:
    - name: deployers
      groups: [phippy-developers]
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: phippy, namespace: argocd}
spec:
  sourceRepos: ['https://gitlab.acme.com/phippy/*']
  destinations: [{server: '*', namespace: 'ap-phippy-*'}]
  roles:
    - name: deployers
      groups: [phippy-devs, 4f6b2a51-9d1e-4c1b-8f5e-2b7d9c3a1e60]
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) || catalog.argocd.projects.is_empty() {
        return;
    }
    let groups = Identities::of_catalog(
        Principal::Group,
        catalog.entities.iter().map(|indexed| indexed.entity),
        &catalog.known,
        &catalog.context.policy.identities.annotations,
    );
    if groups.is_empty() {
        return;
    }
    for project in &catalog.argocd.projects {
        for role in &project.roles {
            for (group, node, pointer) in &role.groups {
                if groups.contains(group) {
                    continue;
                }
                Catalog::report(
                    out,
                    &RULE,
                    &project.document,
                    node,
                    pointer,
                    format!(
                        "AppProject \"{}\" grants role \"{}\" to group \"{group}\", which is no Group of the catalog",
                        project.name, role.name
                    ),
                    Some(
                        "add the Group to the catalog (by name, or with its directory id in `graph.microsoft.com/group-id` or `backstage.io/ldap-dn`), or remove the grant"
                            .to_owned(),
                    ),
                );
            }
        }
    }
}
