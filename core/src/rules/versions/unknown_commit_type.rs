//! VER012 `unknown-commit-type`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER012",
    name: "unknown-commit-type",
    family: Family::Versions,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A commit type is not one of the configured types",
    docs: r"## What it does
Checks that each conventional commit's type is one of `versions.commits.minor`, `patch`
or `other` (default `feat`; `fix`, `perf`, `revert`; `build`, `chore`, `ci`, `docs`, `style`,
`refactor`, `test`). Types are case-insensitive.

## Why is this bad?
An unknown type requires no release: a misspelt `feta:` or a made-up `wip:` hides a
feature from the version.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
commit: wip: Half of the export
new-tag: 1.3.0
```

## Use instead
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
commit: feat: Half of the export
new-tag: 1.3.0
```
",
};
