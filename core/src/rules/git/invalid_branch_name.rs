//! GIT001 `invalid-branch-name`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "GIT001",
    name: "invalid-branch-name",
    family: Family::Git,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A branch name is not one of the workflow's",
    docs: r"## What it does
Checks branch names: `main`, `dev`, or a prefix (`feat`, `fix`, `hotfix`, `release`)
followed by `/` and a lowercase name matching `[a-z0-9][a-z0-9._/-]*`. All of it is policy
(`versions.branches`). `kataster branch NAME...` checks names on their own; `version check`
checks the source and target of a merge.

## Why is this bad?
The prefix says where a branch comes from and goes to, and what release it makes: a
`feature/` or `bugfix/` branch has no place in the workflow, so its merge cannot be checked.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
check: branch
branch: feature/Login Page
```

## Use instead
```text
check: branch
branch: feat/login-page
```
",
};
