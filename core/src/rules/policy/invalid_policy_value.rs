//! POL002 `invalid-policy-value`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "POL002",
    name: "invalid-policy-value",
    family: Family::Policy,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A policy value is well-typed but makes no sense",
    docs: r"## What it does
Checks the policy's values: rule prefixes that match no rule, naming templates that do not
parse or use undefined parts, patterns that are not valid regular expressions, a stage part
that is not in the template, contributor globs and `may` entries.

## Why is this bad?
Such a setting would silently match nothing. kataster refuses to check with it (exit code 2).

## Example
```yaml
rules:
  CAT1O1: error
```

## Use instead
```yaml
rules:
  CAT101: error
```
",
};
