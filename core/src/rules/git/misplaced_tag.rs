//! GIT003 `misplaced-tag`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT003",
    name: "misplaced-tag",
    family: Family::Git,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A stable version is tagged off the released branch, or a pre-release on it",
    docs: r"## What it does
Checks where a version is tagged: stable versions only on `main` (on its first-parent
history: the merge commits), pre-releases never on `main`. Where `main` was fast-forwarded
onto `dev` (git-flow's `--ff-master`) and `dev` had merged `main` or a release tag back
(`Merge tag '1.2.0' into develop`), `main`'s history continues behind that merge: its
earlier release merges are on it.

## Why is this bad?
`main` is what production runs: a pre-release there is deployed as a release, and a
stable tag on `dev` or a feature branch releases code that never went through `main`.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.3.0-rc.1
```

## Use instead
```text
target: dev
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.3.0-rc.1
```
",
};
