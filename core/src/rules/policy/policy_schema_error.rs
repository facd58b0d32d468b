//! POL001 `policy-schema-error`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "POL001",
    name: "policy-schema-error",
    family: Family::Policy,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The policy file has an unknown key or a value of the wrong type",
    docs: r#"## What it does
Reads `kataster.yaml` (or `.kataster.yaml`, or `--config FILE`) against the policy's
structure (`kataster schema policy` prints its JSON Schema) and reports the first unknown key
or wrongly typed value, at its line.

## Why is this bad?
A misspelt key would otherwise be ignored silently, and the convention you meant to set would
not apply. kataster refuses to check with a policy it cannot read (exit code 2).

## Example
```yaml
naming:
  namespace:
    templat: "{apptype}-{appid}-{stage}"
```

## Use instead
```yaml
naming:
  namespace:
    template: "{apptype}-{appid}-{stage}"
```
"#,
};
