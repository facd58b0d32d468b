//! YAML004 `nesting-too-deep`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "YAML004",
    name: "nesting-too-deep",
    family: Family::Parse,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "Collections are nested deeper than the limit",
    docs: r"## What it does
Reports a document whose mappings and sequences nest deeper than the parser's limit
(200 levels).

## Why is this bad?
No catalog entity needs such depth; deep nesting is a way to exhaust the stack of tools that
read the file. kataster stops at the limit instead of crashing.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a, x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```
",
};
