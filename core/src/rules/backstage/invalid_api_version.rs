//! CAT004 `invalid-api-version`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::string_field;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT004",
    name: "invalid-api-version",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "apiVersion is not of the form [<dns subdomain>/]<version>",
    docs: r#"## What it does
Checks `apiVersion` against Backstage's format: an optional DNS subdomain prefix and a `/`,
then 1-63 ASCII letters and digits.

## Why is this bad?
Backstage rejects the entity (`"apiVersion" is not valid`).

## Example
```yaml
apiVersion: backstage.io/v1_alpha1
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

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    if let Some((node, value)) = string_field(Some(entity.root), "apiVersion") {
        if !formats::is_valid_api_version(value) {
            out.report(
                &RULE,
                node,
                "/apiVersion",
                format!("invalid apiVersion \"{value}\""),
                Some(
                    "use `[<dns subdomain>/]<alphanumeric version>`, e.g. `backstage.io/v1alpha1`"
                        .to_owned(),
                ),
            );
        }
    }
}
