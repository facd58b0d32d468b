//! NS001 `invalid-namespace-name`.

use crate::diagnostic::Severity;
use crate::naming::NameProblem;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "NS001",
    name: "invalid-namespace-name",
    family: Family::Naming,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A namespace name is not a DNS label",
    docs: r#"## What it does
Checks every namespace name (the `backstage.io/kubernetes-namespace` annotation, `Namespace`
manifests, Argo CD destinations, Rancher Projects) is a DNS-1123 label, as Kubernetes
validates it: at most 63 characters, lowercase letters, digits and `-`, starting and ending
with a letter or digit.

## Why is this bad?
Kubernetes rejects the namespace, and the deployment fails late, in the cluster. (A digit
first is valid for Kubernetes; the convention's own rule, "Namespaces can't start with
numbers", is `NS002`'s: its first part is `cs`, `ap` or `ps`.)

## Example
```yaml
apiVersion: v1
kind: Namespace
metadata:
  name: AP-Phippy-PRD
```

## Use instead
```yaml
apiVersion: v1
kind: Namespace
metadata:
  name: ap-phippy-prd
```

## Fix safety
`--fix --unsafe-fixes` renames the namespace to the suggested DNS label where the name is
written on its own (an annotation, a `Namespace`'s name, an Argo CD destination): an unsafe
fix, a namespace is where workloads run, and the other places that name it do not follow.
"#,
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    let Some(convention) = catalog.context.convention else {
        return;
    };
    if !out.enabled(&RULE) {
        return;
    }
    for usage in catalog.namespaces.iter().filter(|usage| usage.is_judged()) {
        if let Err(problem @ NameProblem::NotDnsLabel { .. }) = convention.parse(usage.name) {
            super::report(out, &RULE, usage, &problem, convention.template());
        }
    }
}
