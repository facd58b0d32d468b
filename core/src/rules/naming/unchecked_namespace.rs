//! NS005 `unchecked-namespace`.

use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "NS005",
    name: "unchecked-namespace",
    family: Family::Naming,
    severity: Severity::Info,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A namespace value is templated or a pattern, so it is not checked",
    docs: r#"## What it does
Says which namespace values were skipped: templates such as `ap-{{name}}-prd` in an Argo CD
ApplicationSet whose generators kataster does not expand (`clusters`, `git`, `matrix`, ...;
the elements of `list` generators are expanded and each generated namespace is checked),
and patterns such as `ap-phippy-*` in an AppProject. (A Rancher Project's generated id such as
`p-x7k2q` is no namespace name and is not mentioned.)

## Why is this bad?
It is not bad; it tells you what kataster could not see. The rendered names are checked where
they appear literally (for example in the generated Applications, if you commit them).

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: phippy
spec:
  generators: [{clusters: {selector: {matchLabels: {acme.com/stage: prd}}}}]
  template:
    metadata: {name: "phippy-{{name}}"}
    spec:
      project: phippy
      destination: {server: "{{server}}", namespace: "ap-phippy-{{metadata.labels.acme.com/stage}}"}
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: phippy-prd
spec:
  project: phippy
  destination: {server: "https://kubernetes.default.svc", namespace: ap-phippy-prd}
```
"#,
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for usage in &catalog.namespaces {
        if let Some(reason) = usage.unchecked {
            Catalog::report(
                out,
                &RULE,
                &usage.entity,
                usage.node,
                &usage.pointer,
                format!(
                    "{} \"{}\" is not checked: {reason}",
                    usage.origin.describe(),
                    usage.name
                ),
                None,
            );
        }
    }
}
