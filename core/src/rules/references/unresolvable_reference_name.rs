//! CAT107 `unresolvable-reference-name`.

use crate::catalog::formats::{is_valid_dns_label, is_valid_object_name};
use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::Catalog;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT107",
    name: "unresolvable-reference-name",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A reference's name or namespace can never be an entity's",
    docs: r#"## What it does
Reports references whose parsed name is not a valid entity name or whose namespace is not a
valid namespace. `user:acme/team-b/bjoern.dieding` parses as namespace `acme` and name
`team-b/bjoern.dieding`, and no entity can have a `/` in its name.

## Why is this bad?
Backstage accepts the reference and the relation points nowhere, forever.

An error by default; a warning when the name is an email address (`owner: john@example.com`):
Backstage's `create-app` template writes exactly that owner into every new app's
`catalog-info.yaml`, Backstage ingests it, and the page shows the address as the owner. It
still names no entity, so it is worth fixing, but failing the build of every fresh
Backstage app on it would be a false alarm. `rules: {CAT107: error}` makes it an error.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-b}
spec: {type: team, children: [], members: ["user:acme/team-b/bjoern.dieding"]}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-b}
spec: {type: team, children: [], members: ["user:bjoern.dieding"]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: bjoern.dieding}
spec: {memberOf: [team-b]}
```
"#,
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for indexed in catalog.subjects() {
        for (found, target) in indexed.refs() {
            let name_ok = is_valid_object_name(&target.name);
            let namespace_ok = is_valid_dns_label(&target.namespace);
            if name_ok && namespace_ok {
                continue;
            }
            let text = found.node.as_str().unwrap_or_default();
            let email = name_is_email(&target.name);
            let message = if name_ok {
                format!(
                    "reference \"{text}\" has namespace \"{}\", which no entity can have",
                    target.namespace
                )
            } else {
                format!(
                    "reference \"{text}\" has name \"{}\", which no entity can have",
                    target.name
                )
            };
            let last = target.name.rsplit('/').next().unwrap_or_default();
            let help = if email {
                let user = target.name.split('@').next().unwrap_or_default();
                if is_valid_object_name(user) {
                    format!(
                        "name an entity, e.g. the User `user:{user}` or the owning Group (Backstage's create-app template writes `john@example.com` as a placeholder)"
                    )
                } else {
                    "name an entity, e.g. the owning Group (Backstage's create-app template writes `john@example.com` as a placeholder)".to_owned()
                }
            } else if is_valid_object_name(last) && last != target.name {
                format!(
                    "a reference is [<kind>:][<namespace>/]<name> with one `/` at most; did you mean `{}:{}`?",
                    target.kind.to_lowercase(),
                    last
                )
            } else {
                "a reference is [<kind>:][<namespace>/]<name> with one `/` at most".to_owned()
            };
            Catalog::report_with_default(
                out,
                &RULE,
                if email && name_ok_but_for_at(&target.name) {
                    Severity::Warning
                } else {
                    RULE.severity
                },
                &indexed.entity,
                found.node,
                &found.pointer(),
                message,
                Some(help),
            );
        }
    }
}

/// `john@example.com`: one `@` with text on both sides.
fn name_is_email(name: &str) -> bool {
    let mut halves = name.split('@');
    matches!(
        (halves.next(), halves.next(), halves.next()),
        (Some(user), Some(domain), None) if !user.is_empty() && domain.contains('.') && !domain.starts_with('.')
    )
}

/// Whether the `@` is what keeps the name from being an entity name (not also a `/`).
fn name_ok_but_for_at(name: &str) -> bool {
    !name.contains('/')
}
