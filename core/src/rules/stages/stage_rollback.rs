//! STG006 `stage-rollback`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "STG006",
    name: "stage-rollback",
    family: Family::Stages,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A stage is rolled back to a lower version",
    docs: r#"## What it does
Reports a downgrade that the Application marks as a rollback
(`kataster.io/rollback: "<reason>"`), so that it stays visible until the rollback is over.

## Why is this bad?
A rollback is a temporary state: production runs a version without the fixes and features
of the one it replaced, and the next promotion must bring them back.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
check: promote
file apps/phippy-int.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-int}
  spec: {destination: {namespace: ap-phippy-int}, source: {chart: phippy, targetRevision: 1.3.0}}
file apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata:
    name: phippy-prd
    annotations: {kataster.io/rollback: "1.3.0 loses orders, see INC-42"}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.2.1}}
base apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-prd}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.3.0}}
```

## Use instead
```text
check: promote
file apps/phippy-int.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-int}
  spec: {destination: {namespace: ap-phippy-int}, source: {chart: phippy, targetRevision: 1.3.1}}
file apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-prd}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.3.1}}
base apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-prd}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.3.0}}
```
"#,
};
