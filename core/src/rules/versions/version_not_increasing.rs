//! VER005 `version-not-increasing`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER005",
    name: "version-not-increasing",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The version is not greater than the previous release",
    docs: r"## What it does
Checks that the version at hand is greater (by SemVer precedence) than the previous
release: the highest stable version among the tags reachable from the target branch (for a
tag: from the tagged commit).

## Why is this bad?
Everything downstream (Helm, Argo CD, package managers) picks the highest version: a lower
one is never deployed, or replaces a newer release where it is pinned.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: hotfix/old-line
target: main
tag: 1.2.1
tag: 1.3.0
commit: fix: Patch the 1.2 line
new-tag: 1.2.2
```

## Use instead
```text
source: hotfix/old-line
target: main
tag: 1.2.1
tag: 1.3.0
commit: fix: Patch the 1.2 line
new-tag: 1.3.1
```
",
};
