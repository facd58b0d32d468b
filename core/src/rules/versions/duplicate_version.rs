//! VER004 `duplicate-version`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER004",
    name: "duplicate-version",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The version exists already as another tag",
    docs: r"## What it does
Checks that no other tag of the repository (reachable or not) has a version of equal
precedence: the same tag string, the same version with build metadata, or the same version
with another prefix.

## Why is this bad?
A version is released once. A second `1.3.0` (for instance tagged on a release branch that
was never merged) means two different artefacts with one version.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
tag: 1.3.0 unreachable on 9c8b7a6
commit: feat: Something Big
version: 1.3.0
```

## Use instead
```text
# the stray tag 1.3.0 is deleted (`git push --delete origin 1.3.0`)
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
version: 1.3.0
```
",
};
