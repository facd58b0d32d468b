//! CAT007 `invalid-namespace`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::string_field;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT007",
    name: "invalid-namespace",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "metadata.namespace is not a DNS label",
    docs: r#"## What it does
Checks `metadata.namespace`: a DNS label of 1-63 characters, lowercase letters and digits
separated by `-`.

## Why is this bad?
Backstage rejects the entity (`"metadata.namespace" is not valid`). Unlike names, namespaces
are lowercase only.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  namespace: Acme
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  namespace: acme
spec: {type: website, lifecycle: production, owner: team-a}
```

## Fix safety
`--fix` lowercases the namespace when that makes it a DNS label (`Acme` -> `acme`): a safe
fix, Backstage compares entity references without regard to case (`group:Acme/team-a` finds
the entity in `acme`), and it rejected the entity until now. A namespace that lowercasing
does not make valid gets no fix.
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    if let Some((node, value)) = string_field(entity.metadata(), "namespace") {
        if !formats::is_valid_dns_label(value) {
            let lower = value.to_lowercase();
            let (help, fix) = if formats::is_valid_dns_label(&lower) {
                let edit = Edit::scalar(node.span.clone(), value, lower.clone());
                let fix = Fix::safe(format!("use `{lower}`"), vec![edit]);
                (format!("namespaces are lowercase: `{lower}`"), Some(fix))
            } else {
                let help =
                    "use lowercase letters and digits separated by `-`, at most 63 characters";
                (help.to_owned(), None)
            };
            out.report_fix(
                &RULE,
                node.span.clone(),
                "/metadata/namespace",
                format!("invalid namespace \"{value}\""),
                Some(help),
                fix,
            );
        }
    }
}
