//! VER009 `nothing-to-release`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER009",
    name: "nothing-to-release",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A new version has no commit since the previous release",
    docs: r"## What it does
Checks that a new tag or version brings at least one commit that is not a merge since the
previous release.

## Why is this bad?
Two versions of the same content make the changelog lie and every stage redeploy for
nothing.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
target: main
tag: 1.2.1
merge: Merge branch 'main' into dev
new-tag: 1.3.0
```

## Use instead
```text
target: main
tag: 1.2.1
merge: Merge branch 'main' into dev
commit: feat: Something Big
new-tag: 1.3.0
```
",
};
