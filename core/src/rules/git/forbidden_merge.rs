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
