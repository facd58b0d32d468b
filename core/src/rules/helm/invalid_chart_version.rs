//! HELM004 `invalid-chart-version`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "HELM004",
    name: "invalid-chart-version",
    family: Family::Helm,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "Chart.yaml's version is missing or not strict SemVer",
    docs: r#"## What it does
Checks that Chart.yaml has a `version` that is strict SemVer 2.0.0.

## Why is this bad?
Helm accepts loose versions (`1.3`), but then the chart cannot follow the release tag and
version ranges in Argo CD and `helm dependency` resolve differently.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.3
  appVersion: "1.3.0"
```

## Use instead
```text
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.3.0
  appVersion: "1.3.0"
```
"#,
};
