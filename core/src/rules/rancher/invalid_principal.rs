//! RAN002 `invalid-principal`.

use crate::consumers::rancher::PrincipalName;
use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "RAN002",
    name: "invalid-principal",
    family: Family::Rancher,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A Rancher binding's principal is not a principal name",
    docs: r"## What it does
Reads the `groupPrincipalName` and `userPrincipalName` of Rancher's
`ProjectRoleTemplateBinding`, `ClusterRoleTemplateBinding` and `GlobalRoleBinding` as Rancher's
auth providers write them, `<provider>_group://<id>` or `<provider>_user://<id>`
(`activedirectory_group://CN=client01,OU=Groups,DC=acme,DC=com`, `azuread_group://<object id>`;
`local://<id>` for Rancher's own users) and reports one of another form.

## Why is this bad?
Rancher matches the principal name as a string: a bare group name or a missing provider prefix
grants nothing, and the team that should have access finds out when it needs it.

## Example
```yaml
apiVersion: management.cattle.io/v3
kind: ProjectRoleTemplateBinding
metadata: {name: client01-members, namespace: p-x7k2q}
projectName: c-m-4kq8z:p-x7k2q
roleTemplateName: project-member
groupPrincipalName: client01
```

## Use instead
```yaml
apiVersion: management.cattle.io/v3
kind: ProjectRoleTemplateBinding
metadata: {name: client01-members, namespace: p-x7k2q}
projectName: c-m-4kq8z:p-x7k2q
roleTemplateName: project-member
groupPrincipalName: activedirectory_group://CN=client01,OU=Groups,DC=acme,DC=com
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for binding in &catalog.rancher.bindings {
        for field in &binding.principals {
            let PrincipalName::Invalid(why) = PrincipalName::parse(field.value) else {
                continue;
            };
            Catalog::report(
                out,
                &RULE,
                &binding.document,
                field.node,
                field.pointer,
                format!(
                    "{} \"{}\" grants to \"{}\", which is not a Rancher principal name: {why}",
                    binding.kind, binding.name, field.value
                ),
                Some(
                    "write the principal as Rancher's auth provider names it, e.g. `activedirectory_group://<distinguished name>` or `azuread_group://<object id>`"
                        .to_owned(),
                ),
            );
        }
    }
}
