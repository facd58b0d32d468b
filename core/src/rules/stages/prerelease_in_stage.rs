//! STG002 `prerelease-in-stage`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "STG002",
    name: "prerelease-in-stage",
    family: Family::Stages,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A stage runs a pre-release it does not accept",
    docs: r"## What it does
Checks the pre-releases each stage runs against `versions.promotion.prereleases`: `prd`
none, `int` only `-rc.N`, `dev` any.

## Why is this bad?
Production runs released versions only; a pre-release there has no tag on `main` and no
release notes, and is replaced by its own release later.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
check: promote
file apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-prd}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.3.0-rc.1}}
```

## Use instead
```text
check: promote
file apps/phippy-prd.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-prd}
  spec: {destination: {namespace: ap-phippy-prd}, source: {chart: phippy, targetRevision: 1.2.1}}
```
",
};
