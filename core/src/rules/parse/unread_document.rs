//! YAML006 `unread-document`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "YAML006",
    name: "unread-document",
    family: Family::Parse,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A document follows an alias error, where Backstage stops reading the file",
    docs: r"## What it does
Reports every document after one with an alias error (an alias to an undefined anchor, or an
alias bomb, YAML005).

## Why is this bad?
Backstage's YAML reader throws while converting the broken document and reads nothing after
it: the following entities silently never reach the catalog, although they are valid.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: *team}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: goldie}
spec: {type: operator, lifecycle: production, owner: team-b}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: goldie}
spec: {type: operator, lifecycle: production, owner: team-b}
```
",
};
