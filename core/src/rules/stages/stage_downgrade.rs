//! STG005 `stage-downgrade`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "STG005",
    name: "stage-downgrade",
    family: Family::Stages,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A stage goes down to a lower version",
    docs: r#"## What it does
In a merge request, checks that no stage gets a version lower than the one it runs on the
target branch, unless the Application is annotated as a rollback
(`versions.promotion.rollbackAnnotation`, default `kataster.io/rollback`; then `STG006`).

## Why is this bad?
A downgrade by accident (a stale branch, a wrong merge) silently removes fixes from
production.

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
  metadata: {name: phippy-prd}
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
"#,
};
