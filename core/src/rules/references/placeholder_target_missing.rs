//! CAT106 `placeholder-target-missing`.

use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};
use crate::yaml::{Node, Value};

use super::Catalog;
use super::target_outside_root::{self, report_if_outside, resolve};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT106",
    name: "placeholder-target-missing",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A $text, $json or $yaml placeholder names a relative file that does not exist",
    docs: r#"## What it does
Resolves placeholders (`$text`, `$json`, `$yaml`, `$openapi`, `$asyncapi`) with a path
(relative to the directory of the file that holds them, or absolute) and reports those whose
file does not exist. Paths outside the checked repository are `CAT109` and never looked at. URLs are not fetched. Only frontends that can see files (the CLI) run this check.

## Why is this bad?
Backstage fails to process the entity ("Placeholder $text could not read location") and keeps
the previous version, if any.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: goldie-api}
spec:
  type: openapi
  lifecycle: production
  owner: team-b
  definition:
    $text: ./no-such-openapi.yaml
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: goldie-api}
spec:
  type: openapi
  lifecycle: production
  owner: team-b
  definition: |
    openapi: 3.0.0
```
"#,
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) && !out.enabled(&target_outside_root::RULE) {
        return;
    }
    for indexed in catalog
        .subjects()
        .filter(|indexed| indexed.entity.root.has_placeholder())
    {
        let base = &catalog.files[indexed.entity.file].source.path;
        let mut stack: Vec<(&Node, String)> = vec![(indexed.entity.root, String::new())];
        while let Some((node, pointer)) = stack.pop() {
            if let Some(placeholder) = node.placeholder() {
                let target = placeholder.target;
                if let Some(path) = resolve(base, target) {
                    let at = Node {
                        value: Value::Null,
                        span: placeholder.target_span.clone(),
                    };
                    let pointer = format!("{pointer}/${}", placeholder.resolver);
                    let what = format!("${} placeholder file", placeholder.resolver);
                    let entity = &indexed.entity;
                    if !report_if_outside(
                        catalog,
                        out,
                        (entity, &at, &pointer),
                        &what,
                        target,
                        &path,
                    ) && catalog.facts.file_exists(&path) == Some(false)
                    {
                        Catalog::report(
                            out,
                            &RULE,
                            entity,
                            &at,
                            &pointer,
                            format!("{what} \"{target}\" does not exist ({path})"),
                            Some(
                                "placeholder paths are relative to the file that holds them"
                                    .to_owned(),
                            ),
                        );
                    }
                }
                continue;
            }
            match &node.value {
                Value::Mapping(entries) => {
                    for entry in entries {
                        let key = crate::yaml::escape_pointer_token(&entry.key.js_key());
                        stack.push((&entry.value, format!("{pointer}/{key}")));
                    }
                }
                Value::Sequence(items) => {
                    for (index, item) in items.iter().enumerate() {
                        stack.push((item, format!("{pointer}/{index}")));
                    }
                }
                _ => {}
            }
        }
    }
}

/// `target` relative to the directory of `base`, with `.` and `..` folded.
pub(crate) fn join(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." if parts
                .last()
                .is_some_and(|last| !last.is_empty() && *last != "..") =>
            {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(
            join("examples/acme/api.yaml", "./openapi.yaml"),
            "examples/acme/openapi.yaml"
        );
        assert_eq!(join("a/b/c.yaml", "../d.yaml"), "a/d.yaml");
        assert_eq!(join("c.yaml", "d.yaml"), "d.yaml");
    }
}
