//! VER006 `skipped-version`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER006",
    name: "skipped-version",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The version skips numbers or does not reset the lower fields",
    docs: r"## What it does
Checks that the version is exactly the next patch, minor or major of the previous
release: `1.2.0 -> 1.4.0` and `1.2.0 -> 1.2.2` skip, `1.2.1 -> 1.3.1` does not reset the
patch. Also checks a changed Helm chart's version against the previous release.

## Why is this bad?
A gap in the versions looks like a lost release, and `1.3.1` without `1.3.0` says that
there was a `1.3.0` to patch.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.5.0
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
