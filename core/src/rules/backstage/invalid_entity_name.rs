//! CAT006 `invalid-entity-name`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::string_field;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT006",
    name: "invalid-entity-name",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "metadata.name is not a valid entity name",
    docs: r#"## What it does
Checks `metadata.name`: 1-63 characters, ASCII letters and digits separated by `-`, `_` or
`.`, starting and ending with a letter or digit (`a--b` and `a._b` are allowed).

## Why is this bad?
Backstage rejects the entity (`"metadata.name" is not valid`). Names end up in URLs and
references (`component:default/<name>`), where spaces and slashes break.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: product catalog
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: product-catalog
  title: Product catalog
spec: {type: website, lifecycle: production, owner: team-a}
```

## Fix safety
`--fix --unsafe-fixes` renames the entity to the suggested name (other characters replaced by
`-`, at most 63 characters): an unsafe fix, a name is the entity's identity and references
to it elsewhere do not follow. The display name is not moved to `metadata.title`.
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    if let Some((node, value)) = string_field(entity.metadata(), "name") {
        if !formats::is_valid_object_name(value) {
            let length = formats::js_length(value);
            let reason = if length > 63 {
                format!(" ({length} characters, at most 63)")
            } else {
                String::new()
            };
            let fix = suggested_name(value).map(|name| {
                let edit = Edit::scalar(node.span.clone(), value, name.clone());
                Fix::unsafe_(format!("rename to `{name}`"), vec![edit])
            });
            out.report_fix(
                &RULE,
                node.span.clone(),
                "/metadata/name",
                format!("invalid entity name \"{value}\"{reason}"),
                Some(name_help(value)),
                fix,
            );
        }
    }
}

/// A valid name close to an invalid one: other characters replaced by `-`, at most 63.
fn suggested_name(value: &str) -> Option<String> {
    let mut suggestion: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    suggestion.truncate(63);
    let suggestion = suggestion.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    (formats::is_valid_object_name(suggestion) && suggestion != value)
        .then(|| suggestion.to_owned())
}

/// Suggest a valid name for an invalid one.
pub(crate) fn name_help(value: &str) -> String {
    match suggested_name(value) {
        Some(suggestion) => format!(
            "use letters, digits and `-_.` between them, at most 63 characters, e.g. `{suggestion}`; put the display name in `metadata.title`"
        ),
        None => "use letters, digits and `-_.` between them, at most 63 characters".to_owned(),
    }
}
