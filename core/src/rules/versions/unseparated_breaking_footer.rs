//! VER013 `unseparated-breaking-footer`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER013",
    name: "unseparated-breaking-footer",
    family: Family::Versions,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A `BREAKING CHANGE:` line without the blank line that makes it a footer",
    docs: r"## What it does
Finds a `BREAKING CHANGE:` (or `BREAKING-CHANGE:`) line right below a commit's header, with
no blank line between them. Conventional Commits 1.0.0 reads footers only after a blank line,
so kataster does not count it as a breaking change; semantic-release and conventional-changelog
(`conventional-commits-parser` reads notes on any line) do, and release a major version. The
message says which bump each computes.

## Why is this bad?
Two tools compute two different versions from the same history: the release kataster
accepts is not the one the changelog tool publishes.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit:
  feat: New API
  BREAKING CHANGE: clients must call /v2
new-tag: 1.3.0
```

## Use instead
```text
source: dev
target: main
tag: 1.2.1
commit:
  feat: New API

  BREAKING CHANGE: clients must call /v2
new-tag: 2.0.0
```
",
};
