//! GIT004 `release-not-minor`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT004",
    name: "release-not-minor",
    family: Family::Git,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A release from dev is not a minor or major version",
    docs: r"## What it does
Checks that `dev` (or a `release/*` branch) merged into `main` is a minor or major
release with the patch reset to 0, even when it only carries fixes; a `release/<version>`
branch must be released as the version it names.

## Why is this bad?
Patch versions are for hotfixes from `main`. A release from `dev` with a patch version
collides with the next hotfix of the release before it.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
source: dev
target: main
tag: 1.2.1
commit: fix: Add fix nice
new-tag: 1.2.2
```

## Use instead
```text
source: dev
target: main
tag: 1.2.1
commit: fix: Add fix nice
new-tag: 1.3.0
```
",
};
