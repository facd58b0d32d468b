//! RAN001 `unknown-binding-principal`.

use crate::consumers::identity::{Identities, Principal};
use crate::consumers::rancher::PrincipalName;
use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "RAN001",
    name: "unknown-binding-principal",
    family: Family::Rancher,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A Rancher binding grants access to a group or user that is not in the catalog",
    docs: r"## What it does
Resolves the `groupPrincipalName` of Rancher's `ProjectRoleTemplateBinding`,
`ClusterRoleTemplateBinding` and `GlobalRoleBinding` against the catalog's Groups, and
`userPrincipalName` against its Users: the id after `://` is matched with the directory
identity Backstage's org providers annotate (`backstage.io/ldap-dn` for Active Directory and
LDAP, `graph.microsoft.com/group-id` and `graph.microsoft.com/user-id` for Entra ID) or an
annotation the policy adds (`identities.annotations`), with
`metadata.name` or `namespace/name`, and, for a distinguished name, with the value of its
first `CN=`; case-insensitively. Rancher's local users (`local://`) are not judged, nor are
groups when the catalog has no Group at all (users likewise). A warning by default; an error
with `--strict-refs` or `references.strict: true`.

## Why is this bad?
The catalog is the inventory of who may use what; the SSO directory creates the groups from
it. A binding for a client that left, or a group that was renamed, is access nobody reviews.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: client01
  annotations:
    backstage.io/ldap-dn: CN=client01,OU=Clients,DC=acme,DC=com
spec: {type: client, children: []}
```

## Example
```yaml
apiVersion: management.cattle.io/v3
kind: ProjectRoleTemplateBinding
metadata: {name: client02-members, namespace: p-x7k2q}
projectName: c-m-4kq8z:p-x7k2q
roleTemplateName: project-member
groupPrincipalName: activedirectory_group://CN=client02,OU=Clients,DC=acme,DC=com
```

## Use instead
```yaml
apiVersion: management.cattle.io/v3
kind: ProjectRoleTemplateBinding
metadata: {name: client01-members, namespace: p-x7k2q}
projectName: c-m-4kq8z:p-x7k2q
roleTemplateName: project-member
groupPrincipalName: activedirectory_group://CN=client01,OU=Clients,DC=acme,DC=com
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) || catalog.rancher.bindings.is_empty() {
        return;
    }
    let entities = || catalog.entities.iter().map(|indexed| indexed.entity);
    let more = &catalog.context.policy.identities.annotations;
    let groups = Identities::of_catalog(Principal::Group, entities(), &catalog.known, more);
    let users = Identities::of_catalog(Principal::User, entities(), &catalog.known, more);
    for binding in &catalog.rancher.bindings {
        for field in &binding.principals {
            let name = PrincipalName::parse(field.value);
            let PrincipalName::Directory { principal, .. } = name else {
                continue;
            };
            let identities = match principal {
                Principal::Group => &groups,
                Principal::User => &users,
            };
            if identities.is_empty() || name.is_in(identities) {
                continue;
            }
            Catalog::report(
                out,
                &RULE,
                &binding.document,
                field.node,
                field.pointer,
                format!(
                    "{} \"{}\" grants access to \"{}\", which is no {} of the catalog",
                    binding.kind,
                    binding.name,
                    field.value,
                    principal.title()
                ),
                Some(format!(
                    "add the {} to the catalog with its directory identity (`backstage.io/ldap-dn`, or `graph.microsoft.com/{}-id` for Entra ID), or remove the binding",
                    principal.title(),
                    principal.kind()
                )),
            );
        }
    }
}
