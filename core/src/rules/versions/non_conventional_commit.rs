//! VER011 `non-conventional-commit`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER011",
    name: "non-conventional-commit",
    family: Family::Versions,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A commit header is not a Conventional Commits header",
    docs: r"## What it does
Checks each commit since the previous release (merges and `fixup!`/`squash!`/`amend!`
commits excepted) for the header `type(scope)!: description`: a type, an optional scope in
parentheses, an optional `!`, a colon and a space, a description. The subject's case is not
checked. An error under `versions.commits.strict`.

## Why is this bad?
The required bump is computed from the commit types: a commit without a type counts as
nothing, so a feature or a breaking change in it goes unnoticed.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
commit: Update Something Big
new-tag: 1.3.0
```

## Use instead
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
commit: fix: Update Something Big
new-tag: 1.3.0
```
",
};
