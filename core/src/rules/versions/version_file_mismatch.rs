//! VER014 `version-file-mismatch`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "VER014",
    name: "version-file-mismatch",
    family: Family::Versions,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A version file (package.json, Cargo.toml, ...) does not follow the release",
    docs: r#"## What it does
Checks that every file of `versions.files` (package.json, Cargo.toml, pyproject.toml,
galaxy.yml, a plain VERSION file, or a file with a `key` of its own) states the release: the
tag at hand (or the proposed version) without its prefix, as Chart.yaml must (`HELM001`).

## Why is this bad?
A package published from the tag with another version in its manifest is a second version
of the same release: registries, changelogs and users see one number, the tag another.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
policy: {"files": [{"path": "package.json"}]}
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.3.0
version-file package.json:
  {"name": "phippy", "version": "1.2.1"}
```

## Use instead
```text
policy: {"files": [{"path": "package.json"}]}
target: main
tag: 1.2.1
commit: feat: Something Big
new-tag: 1.3.0
version-file package.json:
  {"name": "phippy", "version": "1.3.0"}
```
"#,
};
