//! VER008 `insufficient-bump`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER008",
    name: "insufficient-bump",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The version is a smaller bump than its commits require",
    docs: r"## What it does
Computes the bump the commits since the previous release require (Conventional Commits: a
breaking change, `!` or a `BREAKING CHANGE:` footer, requires a major release, or a minor one
while the major version is 0; `feat` a minor; `fix`, `perf` and `revert` a patch) and checks
that the version is at least that bump. The message names the commit that requires more.

## Why is this bad?
Consumers trust the version: a breaking change in a minor release breaks everyone who
accepts minor updates automatically.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
commit 4e5f6a7:
  feat(api)!: Drop the v1 endpoints

  BREAKING CHANGE: clients must call /v2
new-tag: 1.3.0
```

## Use instead
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
commit 4e5f6a7:
  feat(api)!: Drop the v1 endpoints

  BREAKING CHANGE: clients must call /v2
new-tag: 2.0.0
```
",
};
