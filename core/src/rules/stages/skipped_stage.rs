//! STG001 `skipped-stage`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "STG001",
    name: "skipped-stage",
    family: Family::Stages,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A version is promoted past a stage",
    docs: r"## What it does
In a merge request to a GitOps repository, checks that a version promoted into a stage
comes from the stage before it: only `dev -> int` and `int -> prd` (the stages are the
policy's). A version that an earlier stage runs but the stage before does not has skipped
it. The stage of an Argo CD Application is the last part of its destination namespace.

## Why is this bad?
Each stage tests what the next one gets. A version promoted from `dev` to `prd` never ran
in `int`, where the pipelines test it.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
check: promote
file apps/phippy-dev.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-dev}
  spec: {destination: {namespace: ap-phippy-dev}, source: {chart: phippy, targetRevision: 1.3.0}}
file apps/phippy-int.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-int}
  spec: {destination: {namespace: ap-phippy-int}, source: {chart: phippy, targetRevision: 1.2.1}}
file apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-prd}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.3.0}}
base apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-prd}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.2.1}}
```

## Use instead
```text
check: promote
file apps/phippy-dev.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-dev}
  spec: {destination: {namespace: ap-phippy-dev}, source: {chart: phippy, targetRevision: 1.3.0}}
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
base apps/phippy-int.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-int}
  spec: {destination: {namespace: ap-phippy-int}, source: {chart: phippy, targetRevision: 1.2.1}}
```
",
};
