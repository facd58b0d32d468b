//! HELM002 `unquoted-app-version`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "HELM002",
    name: "unquoted-app-version",
    family: Family::Helm,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "Chart.yaml's appVersion is not a quoted string",
    docs: r#"## What it does
Checks that `appVersion` is written as a quoted string.

## Why is this bad?
YAML reads an unquoted `appVersion: 1.10` as the number 1.1, and `appVersion: 1.3.0`
only stays a string by luck; Helm's own docs ask for quotes.

## Example
A scenario ([docs/versions.md](../versions.md#scenarios-the-rules-examples)):
```text
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.3.0
  appVersion: 1.3.0
```

## Use instead
```text
chart charts/phippy/Chart.yaml:
  apiVersion: v2
  name: phippy
  version: 1.3.0
  appVersion: "1.3.0"
```

## Fix safety
The fix quotes the value as it is written (`appVersion: "1.3.0"`). It is safe when YAML
already reads the value as a string (`1.3.0`: the value stays) and unsafe when it reads a
number or a boolean (`1.10` is the number 1.1 today; quoted it is the string "1.10", which is
what was meant, but the chart's value changes). The fix is in the JSON report of
`kataster version check`; `kataster check --fix` does not read charts.
"#,
};
