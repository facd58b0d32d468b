//! VER002 `mixed-tag-prefix`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER002",
    name: "mixed-tag-prefix",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A version tag does not use the configured tag prefix",
    docs: r#"## What it does
Checks that version tags carry the prefix of `versions.tagPrefix` (default none) or of
their component (`versions.components[].tagPrefix`). Reported for the tag at hand, for newer
tags with another prefix, and by `version audit` for every tag.

## Why is this bad?
With `1.2.0` and `v1.2.1` in one repository, "the latest release" depends on which tool
looks: tools that know one prefix do not see the other tags at all. The SemVer FAQ also says
that `v1.2.3` is not a semantic version.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
target: main
tag: 1.2.0
commit: fix: Handle empty carts
new-tag: v1.2.1
```

## Use instead
```text
target: main
tag: 1.2.0
commit: fix: Handle empty carts
new-tag: 1.2.1
```
"#,
};
