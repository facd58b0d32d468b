//! GIT005 `hotfix-not-patch`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT005",
    name: "hotfix-not-patch",
    family: Family::Git,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A hotfix is not released as the next patch",
    docs: r"## What it does
Checks that a `hotfix/*` branch merged into `main` is released as exactly the previous
release's next patch (`1.2.0 -> 1.2.1`).

## Why is this bad?
A hotfix patches what production runs. A minor or major version from a hotfix takes the
number that the next release from `dev` needs.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: hotfix/critical-bug
target: main
tag: 1.2.0
commit: fix: Fix critical bug
new-tag: 1.3.0
```

## Use instead
```text
source: hotfix/critical-bug
target: main
tag: 1.2.0
commit: fix: Fix critical bug
new-tag: 1.2.1
```
",
};
