//! VER003 `build-metadata-in-tag`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER003",
    name: "build-metadata-in-tag",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A release tag has build metadata (`+...`)",
    docs: r"## What it does
Checks that a release tag or version has no build metadata (`1.2.1+build.7`).

## Why is this bad?
Precedence ignores build metadata, so `1.2.1+build.7` and `1.2.1+build.8` are the same
version to every tool: the tag only creates look-alike duplicates.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
target: main
tag: 1.2.0
commit: fix: Handle empty carts
new-tag: 1.2.1+build.7
```

## Use instead
```text
target: main
tag: 1.2.0
commit: fix: Handle empty carts
new-tag: 1.2.1
```
",
};
