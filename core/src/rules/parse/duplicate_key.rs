//! YAML002 `duplicate-key`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "YAML002",
    name: "duplicate-key",
    family: Family::Parse,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A mapping has the same key twice",
    docs: r#"## What it does
Reports the second occurrence of a key in a mapping, pointing back at the first.

## Why is this bad?
Backstage's YAML parser rejects the document ("Map keys must be unique"). Parsers that accept
duplicates silently keep one of the values, so a reviewer cannot tell which one wins.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  name: goldie
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};
