//! CAT010 `invalid-tag`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::metadata_items;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT010",
    name: "invalid-tag",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A tag is not lowercase letters, digits and :+# separated by single dashes",
    docs: r#"## What it does
Checks each of `metadata.tags`: 1-63 characters of `a-z`, `0-9`, `:`, `+` and `#`, separated
by single `-`.

## Why is this bad?
Backstage rejects the entity (`"tags.0" is not valid`). Uppercase is the usual culprit.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  tags: [PHP, web]
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  tags: [php, web]
spec: {type: website, lifecycle: production, owner: team-a}
```

## Fix safety
`--fix` lowercases the tag (and turns spaces into `-`) when the result is a valid tag: a safe
fix, Backstage accepts the entity's tags afterwards and nothing refers to a tag. A tag that
lowercasing does not make valid gets no fix.
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    for (index, item) in metadata_items(entity, "tags").iter().enumerate() {
        let Some(tag) = item.as_str().filter(|tag| !tag.is_empty()) else {
            continue;
        };
        if !formats::is_valid_tag(tag) {
            let lower = tag.to_lowercase().replace(' ', "-");
            let (help, fix) = if formats::is_valid_tag(&lower) {
                let help = format!("use `{lower}`");
                let edit = Edit::scalar(item.span.clone(), tag, lower);
                (help.clone(), Some(Fix::safe(help, vec![edit])))
            } else {
                let help = "use lowercase letters, digits and `:+#`, separated by single `-`";
                (help.to_owned(), None)
            };
            out.report_fix(
                &RULE,
                item.span.clone(),
                &format!("/metadata/tags/{index}"),
                format!("invalid tag \"{tag}\""),
                Some(help),
                fix,
            );
        }
    }
}
