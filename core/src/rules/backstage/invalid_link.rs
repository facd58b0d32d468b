//! CAT011 `invalid-link`.

use crate::catalog::{Entity, formats};
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::metadata_items;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT011",
    name: "invalid-link",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A link's url is not an absolute URL, or its title or icon is blank",
    docs: r#"## What it does
Checks each of `metadata.links`: `url` parses as an absolute URL (WHATWG, as `new URL()`;
`mailto:` works, `/docs` does not), and `title` and `icon`, when present, are not blank.

## Why is this bad?
Backstage rejects the entity (`"links.0.url" is not valid`).

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  links:
    - url: /docs/phippy
      title: Docs
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  links:
    - url: https://docs.acme.example/phippy
      title: Docs
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    for (index, link) in metadata_items(entity, "links").iter().enumerate() {
        let pointer = format!("/metadata/links/{index}");
        if let Some(url) = link.get("url").filter(|node| node.placeholder().is_none()) {
            if let Some(text) = url.as_str().filter(|text| !text.is_empty()) {
                if !formats::is_valid_url(text) {
                    out.report(
                        &RULE,
                        url,
                        &format!("{pointer}/url"),
                        format!("link url \"{text}\" is not an absolute URL"),
                        Some("use a full URL with a scheme, e.g. `https://...`".to_owned()),
                    );
                }
            }
        }
        for key in ["title", "icon"] {
            if let Some(node) = link.get(key) {
                if node
                    .as_str()
                    .is_some_and(|text| !text.is_empty() && !formats::is_non_empty_after_trim(text))
                {
                    out.report(
                        &RULE,
                        node,
                        &format!("{pointer}/{key}"),
                        format!("link {key} is blank"),
                        Some(format!("remove `{key}` or give it text")),
                    );
                }
            }
        }
    }
}
