//! STG004 `unreleased-version`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "STG004",
    name: "unreleased-version",
    family: Family::Stages,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A stage after the first runs a version that is not a tag",
    docs: r"## What it does
Checks that the versions in every stage after the first (`int`, `prd`) are released
versions: tags of the app's repository (`kataster version promote --tags-from REPO`).

## Why is this bad?
An untagged version cannot be traced to a commit on `main` or rebuilt; it was built from
a branch.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
check: promote
released: 1.2.0 1.2.1
file apps/phippy-int.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-int}
  spec: {destination: {namespace: ap-phippy-int}, source: {chart: phippy, targetRevision: 1.2.2}}
```

## Use instead
```text
check: promote
released: 1.2.0 1.2.1
file apps/phippy-int.yaml:
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: {name: phippy-int}
  spec: {destination: {namespace: ap-phippy-int}, source: {chart: phippy, targetRevision: 1.2.1}}
```
",
};
