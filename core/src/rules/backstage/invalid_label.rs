//! CAT008 `invalid-label`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::{child_pointer, metadata_entries};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT008",
    name: "invalid-label",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A label key or value has an invalid format",
    docs: r#"## What it does
Checks `metadata.labels`: keys are `[<dns subdomain>/]<name>` and values are empty or names
(1-63 letters and digits separated by `-_.`), as in Kubernetes.

## Why is this bad?
Backstage rejects the entity (`"labels.<key>" is not valid`). Free text belongs in
annotations.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  labels:
    acme.io/team: Team A
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  labels:
    acme.io/team: team-a
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    for entry in metadata_entries(entity, "labels") {
        let key = entry.key.js_key();
        let pointer = child_pointer("/metadata/labels", &key);
        if !formats::is_valid_label_key(&key) {
            out.report(
                &RULE,
                &entry.key,
                &pointer,
                format!("invalid label key \"{key}\""),
                Some("a key is `[<dns subdomain>/]<name>`, e.g. `acme.io/team`".to_owned()),
            );
        }
        if let Some(value) = entry.value.as_str() {
            if !formats::is_valid_label_value(value) {
                out.report(
                    &RULE,
                    &entry.value,
                    &pointer,
                    format!("invalid value \"{value}\" for label `{key}`"),
                    Some("a label value is empty or letters and digits separated by `-_.`, at most 63 characters; free text belongs in an annotation".to_owned()),
                );
            }
        }
    }
}
