//! KAT001 `unused-suppression`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "KAT001",
    name: "unused-suppression",
    family: Family::Suppressions,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A suppression comment suppresses nothing",
    docs: r"## What it does
Reports a `# kataster: ignore[CODE]` or `# kataster: ignore-file[CODE]` comment (or one code in
it) that suppressed no finding in this run, a code that no rule has, and a suppression that
names no code. As ruff's `RUF100`: a suppression outlives the problem it was written for.

A code is judged only when a rule it names ran: with `--select CAT0`, a comment that ignores
`NS005` is not reported. `KAT001` itself cannot be suppressed by a comment; turn it off with
`rules: {KAT001: off}` or `--ignore KAT001`.

## Why is this bad?
A stale suppression hides the next, different problem on the same line, and tells the reader
something about the file that is no longer true.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop  # kataster: ignore[CAT006]
spec: {type: service, lifecycle: production, owner: group:team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop
spec: {type: service, lifecycle: production, owner: group:team-a}
```

## Fix safety
`--fix` removes an unused code from its comment, with its comma, or the whole comment when
it was the only code (the whole line when the comment stands alone): a safe fix, nothing it
suppresses is found there. A comment with an explanation after its codes, a code that is no
rule code (probably a typo) and a suppression that names no code get no fix.
",
};
