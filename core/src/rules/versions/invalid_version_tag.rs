//! VER001 `invalid-version-tag`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER001",
    name: "invalid-version-tag",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A release tag is not a strict SemVer 2.0.0 version",
    docs: r"## What it does
Checks that a tag with the release prefix is `MAJOR.MINOR.PATCH[-PRERELEASE]` exactly as
SemVer 2.0.0 defines it: no missing fields (`1.2`), no leading zeros (`01.2.0`), no fourth
field (`1.2.0.1`). A version proposed with `--version` is checked the same way.

## Why is this bad?
Version precedence, bump rules and Helm all need a strict version; a loose tag is sorted
differently by every tool (GitVersion, `ct`, `sort -V`) and breaks the next release.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
target: main
tag: 1.2.0
commit: fix: Handle empty carts
new-tag: 1.2
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
