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
Checks that version tags carry the prefix of `versions.tagPrefix` or of their component
(`versions.components[].tagPrefix`). Reported for the tag at hand, for newer tags with
another prefix, and by `version audit` for every tag.

Without `versions.tagPrefix` (and without components), the prefix is the one more than half
of the repository's version tags carry: a Go module tagged `v1.2.3` throughout has the
prefix `v` and no finding, and in a mixed repository only the tags of the minority are
reported, with how many tags carry the prefix. When no prefix has more than half (a tie),
release tags have none. A set `tagPrefix` always wins, `""` (no prefix) included. A
monorepo whose parts have prefixes of their own (`argo-cd-5.1.0`, `argo-workflows-0.2.0`)
needs `versions.components`: without it, one part's prefix may be the majority.

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
