//! HELM003 `chart-version-not-bumped`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "HELM003",
    name: "chart-version-not-bumped",
    family: Family::Helm,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A changed chart's version is not greater than on the target branch",
    docs: r#"## What it does
Checks, for a chart whose folder changed against the target branch, that Chart.yaml's
`version` is greater than the target branch's (what `ct lint` checks, with strict SemVer). In
lockstep mode a version already bumped on the target branch for the coming release is enough.

## Why is this bad?
Helm repositories and Argo CD cache charts by version: a changed chart with the old
version is never picked up, or differs between clusters.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: feat/big-thing
target: dev
tag: 1.2.1
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.2.1
  appVersion: "1.2.1"
base-chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.2.1
  appVersion: "1.2.1"
changed: charts/phippy/Chart.yaml
```

## Use instead
```text
source: feat/big-thing
target: dev
tag: 1.2.1
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.3.0
  appVersion: "1.3.0"
base-chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.2.1
  appVersion: "1.2.1"
changed: charts/phippy/Chart.yaml
```
"#,
};
