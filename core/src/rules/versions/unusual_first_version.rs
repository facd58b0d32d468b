//! VER007 `unusual-first-version`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER007",
    name: "unusual-first-version",
    family: Family::Versions,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The first release is not one of the configured first versions",
    docs: r"## What it does
Checks that a release without a previous release is one of `versions.firstVersions`
(default `0.1.0` or `1.0.0`).

## Why is this bad?
An unusual first version is often a sign that the previous releases are not visible: a
clone without tags (`git fetch --tags`) or tags with another prefix.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
target: main
commit: feat: First version of the shop
new-tag: 1.1.0
```

## Use instead
```text
target: main
commit: feat: First version of the shop
new-tag: 1.0.0
```
",
};
