//! YAML003 `not-a-mapping`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "YAML003",
    name: "not-a-mapping",
    family: Family::Parse,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A document is not a mapping",
    docs: r#"## What it does
Reports a document whose root is a list or a scalar. Empty documents (a trailing `---`) are
skipped, as Backstage skips them.

## Why is this bad?
Every catalog entity is a mapping; Backstage rejects the document with
"Expected object at root, got ...".

## Example
```yaml
- apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata: {name: phippy}
  spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};
