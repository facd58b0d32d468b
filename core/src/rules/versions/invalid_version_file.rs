//! VER015 `invalid-version-file`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER015",
    name: "invalid-version-file",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A version file of the policy is missing or its version cannot be read",
    docs: r#"## What it does
Reports a file of `versions.files` that is not in the repository (no file matches its path
or glob), has no version under its key, or states it in a way kataster does not read: not a
string (`"version": 1`, `version.workspace = true`), a TOML string over several lines or with
escapes, a plain text file that is not one line.

## Why is this bad?
A version file that cannot be read cannot be checked against the release (`VER014`): the
check would pass without looking.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
policy: {"files": [{"path": "Cargo.toml"}]}
target: main
tag: 1.2.1
commit: fix: Fix bug
new-tag: 1.2.2
version-file Cargo.toml:
  [package]
  name = "phippy"
  version.workspace = true
```

## Use instead
Name the file that holds the version (here the workspace's):
```text
policy: {"files": [{"path": "Cargo.toml", "key": "workspace.package.version"}]}
target: main
tag: 1.2.1
commit: fix: Fix bug
new-tag: 1.2.2
version-file Cargo.toml:
  [workspace.package]
  version = "1.2.2"
```
"#,
};
