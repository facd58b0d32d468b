//! YAML005 `alias-limit`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "YAML005",
    name: "alias-limit",
    family: Family::Parse,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "Aliases expand beyond the budget (an alias bomb)",
    docs: r#"## What it does
Counts alias expansions the way Backstage's YAML parser does (`maxAliasCount` of 100, weighted
by the aliases inside the anchored node) and reports the alias that exceeds it.

## Why is this bad?
A few lines of nested aliases ("billion laughs") expand to gigabytes. Backstage refuses such a
document ("Excessive alias count indicates a resource exhaustion attack").

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec:
  type: website
  lifecycle: production
  owner: team-a
  a: &a [x, x, x, x, x, x, x, x, x, x]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
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
