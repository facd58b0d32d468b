//! STG003 `untested-version`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "STG003",
    name: "untested-version",
    family: Family::Stages,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A stage gets a version that the stage before it does not run",
    docs: r"## What it does
Checks that a version promoted into a stage is one the stage before it runs (on the
target branch or now); without a merge request, that no stage runs a version ahead of the
stage before it. A hotfix (a patch of what the stage runs) may enter at
`versions.promotion.hotfixEntry` (default `int`).

## Why is this bad?
A version reaches production only after `int` ran it: otherwise what runs in `prd` was
never tested anywhere.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
check: promote
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
file apps/phippy-int.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-int}
  spec: {destination: {namespace: ap-phippy-int}, source: {chart: phippy, targetRevision: 1.3.0}}
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
",
};
