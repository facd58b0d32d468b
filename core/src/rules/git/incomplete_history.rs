//! GIT007 `incomplete-history`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT007",
    name: "incomplete-history",
    family: Family::Git,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The history needed is not in the clone (shallow clone, missing branch)",
    docs: r#"## What it does
Reports that the history a check needs is missing: a shallow clone that ends before the
previous release, or a target branch that was not fetched. The check stops there (exit code
2): kataster never takes a missing history for "no previous release".

## Why is this bad?
CI clones are shallow by default (GitLab: 20 commits, GitHub: 1). Without the previous
release's tag every version looks like a first release.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
shallow: the clone is shallow and no release tag is within its 20 commits
```

## Use instead
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
```
"#,
};
