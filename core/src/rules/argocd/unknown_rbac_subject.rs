//! ARGO010 `unknown-rbac-subject`.

use crate::catalog::file::manifest_documents;
use crate::consumers::argocd::rbac::Rbac;
use crate::consumers::identity::{Identities, Principal};
use crate::diagnostic::{Finding, Severity};
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO010",
    name: "unknown-rbac-subject",
    family: Family::ArgoCd,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Argo CD RBAC policy line grants to a subject that is no catalog Group or User",
    docs: r"## What it does
Reads the policy lines of the `argocd-rbac-cm` ConfigMap (`policy.csv` and every
`policy.<name>.csv`, which Argo CD appends): `g, <subject>, <role>` and `p, <subject>, ...`.
Each subject that is not a role (`role:...`, `proj:...`) nor a local account (`admin`, or an
`accounts.<name>` of an `argocd-cm` among the checked files) must be a catalog Group or User:
by `metadata.name`, `namespace/name`, `spec.profile.email`, or the directory identity in the
annotations Backstage's org providers write (`graph.microsoft.com/group-id`,
`graph.microsoft.com/user-id`, `backstage.io/ldap-dn`, `github.com/team-slug` — also as
`org:team`, the group name Dex's GitHub connector gives — and `github.com/user-login`) or
those the policy adds (`identities.annotations`); case-insensitively. Groups and Users of
`--known-entities` count too. Nothing is reported when the catalog has no Group and no User.
A warning by default; an error with `--strict-refs` or `references.strict: true`.

## Why is this bad?
The RBAC ConfigMap is where Argo CD's access is decided, and SSO groups are matched by name:
a line for a team that was renamed or left is a grant nobody reviews, and a misspelt one is
access that silently never works.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: phippy-devs
spec: {type: team, children: []}
```

## Example
```yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-rbac-cm, namespace: argocd}
data:
  policy.csv: |
    g, phippy-developers, role:deployer
```

## Use instead
```yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-rbac-cm, namespace: argocd}
data:
  policy.csv: |
    g, phippy-devs, role:deployer
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    let rbac = Rbac::new(manifest_documents(catalog.files), |file| {
        catalog.files[file].source.text.as_str()
    });
    if rbac.subjects.is_empty() {
        return;
    }
    let identities = |principal| {
        Identities::of_catalog(
            principal,
            catalog.entities.iter().map(|indexed| indexed.entity),
            &catalog.known,
            &catalog.context.policy.identities.annotations,
        )
    };
    let (groups, users) = (identities(Principal::Group), identities(Principal::User));
    if groups.is_empty() && users.is_empty() {
        return;
    }
    for found in &rbac.subjects {
        if found.is_role()
            || rbac.is_account(found.subject)
            || groups.contains(found.subject)
            || users.contains(found.subject)
        {
            continue;
        }
        out.emit(
            &RULE,
            found.document.file,
            Some(found.document.document),
            Finding {
                span: found.span.clone(),
                pointer: found.pointer.clone(),
                message: format!(
                    "`{}` in {} grants to \"{}\", which is no Group or User of the catalog nor a local account",
                    found.line, found.config_map, found.subject
                ),
                help: Some(
                    "add the Group or User to the catalog (by name, email or directory id), declare the local account in `argocd-cm` (`accounts.<name>`), or remove the line"
                        .to_owned(),
                ),
                fix: None,
            },
        );
    }
}
