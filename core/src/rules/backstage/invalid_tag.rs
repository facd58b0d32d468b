//! CAT010 `invalid-tag`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::Severity;
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
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    for (index, item) in metadata_items(entity, "tags").iter().enumerate() {
        let Some(tag) = item.as_str().filter(|tag| !tag.is_empty()) else {
            continue;
        };
        if !formats::is_valid_tag(tag) {
            let lower = tag.to_lowercase().replace(' ', "-");
            let help = if formats::is_valid_tag(&lower) {
                format!("use `{lower}`")
            } else {
                "use lowercase letters, digits and `:+#`, separated by single `-`".to_owned()
            };
            out.report(
                &RULE,
                item,
                &format!("/metadata/tags/{index}"),
                format!("invalid tag \"{tag}\""),
                Some(help),
            );
        }
    }
}
