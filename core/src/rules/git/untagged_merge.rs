//! GIT008 `untagged-merge`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT008",
    name: "untagged-merge",
    family: Family::Git,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A merge into the released branch has no release tag",
    docs: r"## What it does
`version audit` checks that every merge commit on `main`'s first-parent history carries a
release tag, and that its merge edge is allowed. A branch with no release tag at all gets one
finding for the branch, not one per merge.

## Why is this bad?
Every merge into `main` is a release. An untagged one is deployed nowhere, or deployed
without a version.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
check: audit
release 1.2.0: Merge branch 'dev'
commit: feat: Add feature 1
untagged: Merge branch 'hotfix/critical-bug'
```

## Use instead
```text
check: audit
release 1.2.0: Merge branch 'dev'
commit: feat: Add feature 1
release 1.2.1: Merge branch 'hotfix/critical-bug'
commit: fix: Fix critical bug
```
",
};
