//! CAT009 `invalid-annotation`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::{child_pointer, metadata_entries};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT009",
    name: "invalid-annotation",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "An annotation key has an invalid format",
    docs: r#"## What it does
Checks the keys of `metadata.annotations`: `[<dns subdomain>/]<name>`, with at most one `/`.
(Values may be any string; non-strings are reported by CAT002.)

## Why is this bad?
Backstage rejects the entity (`"annotations.<key>" is not valid`).

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations:
    gitlab.com/project/slug: acme/phippy
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations:
    gitlab.com/project-slug: acme/phippy
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    for entry in metadata_entries(entity, "annotations") {
        let key = entry.key.js_key();
        if !formats::is_valid_label_key(&key) {
            out.report(
                &RULE,
                &entry.key,
                &child_pointer("/metadata/annotations", &key),
                format!("invalid annotation key \"{key}\""),
                Some(
                    "a key is `[<dns subdomain>/]<name>`, e.g. `backstage.io/techdocs-ref`"
                        .to_owned(),
                ),
            );
        }
    }
}
