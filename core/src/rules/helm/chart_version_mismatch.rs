//! HELM001 `chart-version-mismatch`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "HELM001",
    name: "chart-version-mismatch",
    family: Family::Helm,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "Chart.yaml's version or appVersion does not follow the release",
    docs: r#"## What it does
In lockstep mode (`versions.helm.mode`, the default), checks that Chart.yaml's `version`
and `appVersion` both equal the release tag without its prefix (and each other when there is
no tag); in independent mode, only `appVersion`.

## Why is this bad?
Argo CD deploys the chart version and shows the appVersion: when they drift from the tag,
nobody can tell which release runs where.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.3.0
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.2.1
  appVersion: "1.3.0"
```

## Use instead
```text
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.3.0
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.3.0
  appVersion: "1.3.0"
```
"#,
};
