//! NS002 `namespace-convention`.

use crate::diagnostic::Severity;
use crate::naming::NameProblem;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "NS002",
    name: "namespace-convention",
    family: Family::Naming,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A namespace name does not follow the naming convention",
    docs: r"## What it does
Parses every namespace name by the policy's convention, by default
`{apptype}-{appid}[-{instance}]-{stage}` with apptype `cs`, `ap` or `ps`, appid and instance
`[a-z0-9]+`, and stage `dev`, `int` or `prd`. The message names the part that is wrong and
what was expected; a name in an older order (`{apptype}-{stage}-{appid}`) is recognised and
the conventional name suggested.

Platform namespaces are not app namespaces and are not checked: the policy's
`naming.namespace.exempt` (names and globs) defaults to Kubernetes' and common platform tools'
namespaces (`default`, `kube-*`, `openshift`, `openshift-*`, `argocd`, `openshift-gitops`,
`cert-manager`, `ingress-nginx`, `cattle-*`, `istio-system`, `flux-system`,
`gatekeeper-system`, `monitoring`, `logging`, `local-path-storage`, `metallb-system`,
`tekton-pipelines`, `open-cluster-management`, `olm`, and the customary `*-operator`,
`*-operators` and `*-system`, ...; `kataster schema policy` lists them all). A list given there
replaces the default list; `extendExempt` adds to it. Exempt names are skipped by NS001 to
NS004 alike.

## Why is this bad?
The convention is what lets people and automation tell an app, its instance and its stage
from a namespace: `app-phippy-prod` breaks every script that expects `ap-phippy-prd`.

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: phippy-prd
spec:
  project: phippy
  destination:
    server: https://kubernetes.default.svc
    namespace: ap-prd-phippy
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: phippy-prd
spec:
  project: phippy
  destination:
    server: https://kubernetes.default.svc
    namespace: ap-phippy-prd
```

## Fix safety
`--fix --unsafe-fixes` renames the namespace to the conventional name when the rule can
compute one (an older order of the parts, a part with a known correction), where the name is
written on its own: an unsafe fix, renaming a namespace changes where workloads run, and
the other places that name it do not follow. A name whose shape does not fit gets no fix.
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    let Some(convention) = catalog.context.convention else {
        return;
    };
    if !out.enabled(&RULE) {
        return;
    }
    for usage in catalog.namespaces.iter().filter(|usage| usage.is_judged()) {
        match convention.parse(usage.name) {
            Ok(_) | Err(NameProblem::NotDnsLabel { .. }) => {}
            Err(problem) => super::report(out, &RULE, usage, &problem, convention.template()),
        }
    }
}
