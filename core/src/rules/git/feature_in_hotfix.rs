//! GIT006 `feature-in-hotfix`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT006",
    name: "feature-in-hotfix",
    family: Family::Git,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A hotfix carries a feature or a breaking change",
    docs: r"## What it does
Checks each commit of a `hotfix/*` branch: a `feat` commit or a breaking change requires
more than a patch, so it does not belong in a hotfix. Reported per commit, in the merge
request already.

## Why is this bad?
A hotfix is a patch release straight to production; a feature in it skips `dev` and the
stages, and the patch version hides it.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: hotfix/critical-bug
target: main
tag: 1.2.0
commit: fix: Fix critical bug
commit: feat: Add an export button
```

## Use instead
```text
source: hotfix/critical-bug
target: main
tag: 1.2.0
commit: fix: Fix critical bug
```
",
};
