//! GIT002 `forbidden-merge`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT002",
    name: "forbidden-merge",
    family: Family::Git,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A branch is merged into a branch it may not be merged into",
    docs: r"## What it does
Checks the merge edge against `versions.merges`: `feat/*` and `fix/*` into `dev`; `dev`
into `main`; `hotfix/*` into `main`; `main` into `dev`; `release/*` into `main` or `dev`.
A pull of a branch's remote copy into it (`Merge branch 'main' of URL`, `Merge
remote-tracking branch 'origin/main'`) is no merge of the workflow. The message names the
evidence: the merge commit (and its tag) in `version audit` and for a tagged merge.

## Why is this bad?
A feature merged straight into `main` skips integration and the `int` stage; a hotfix
merged into `dev` never reaches production as a patch; `dev` merged into a feature branch
drags unreleased work along.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: feat/big-thing
target: main
```

## Use instead
```text
source: feat/big-thing
target: dev
```
",
};
