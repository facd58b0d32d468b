//! VER010 `major-without-breaking-change`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER010",
    name: "major-without-breaking-change",
    family: Family::Versions,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A major release has no breaking change",
    docs: r"## What it does
Checks that a major release (from 1.x on) has at least one commit marked as a breaking
change (`!` or a `BREAKING CHANGE:` footer). `0.x -> 1.0.0` is always allowed.

## Why is this bad?
Users pin major versions; an unneeded major release makes them upgrade by hand for
nothing, or hides the breaking commit that was not marked.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 2.0.0
```

## Use instead
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.3.0
```
",
};
