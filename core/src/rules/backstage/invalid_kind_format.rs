//! CAT005 `invalid-kind-format`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::string_field;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT005",
    name: "invalid-kind-format",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "kind is not a letter followed by letters and digits",
    docs: r#"## What it does
Checks `kind` against Backstage's format: 1-63 characters, a letter followed by ASCII letters
and digits.

## Why is this bad?
Backstage rejects the entity (`"kind" is not valid`).

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Software-Component
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

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    if let Some((node, value)) = string_field(Some(entity.root), "kind") {
        if !formats::is_valid_kind(value) {
            out.report(
                &RULE,
                node,
                "/kind",
                format!("invalid kind \"{value}\""),
                Some(
                    "a kind is a letter followed by letters and digits, at most 63 characters"
                        .to_owned(),
                ),
            );
        }
    }
}
