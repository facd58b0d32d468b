//! CAT002 `invalid-metadata-field`.

use crate::catalog::Entity;
use crate::catalog::kinds::Shape;
use crate::catalog::refs::is_truthy;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};
use crate::yaml::{Node, Trail};

use super::shape::{Problem, report_missing, walk};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT002",
    name: "invalid-metadata-field",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A metadata field has the wrong type",
    docs: r#"## What it does
Checks the types Backstage's entity schema gives `metadata`: `title`, `uid` and `etag` are
non-empty strings, `description` a string, `labels` and `annotations` mappings of strings,
`tags` a list of non-empty strings, `links` a list of mappings with a `url` and optional
non-empty `title`, `icon` and `type`.

## Why is this bad?
Backstage rejects the entity ("Malformed envelope, /metadata/... must be string"). YAML makes
this easy to get wrong: `version: 1.10` is a number and `enabled: true` a boolean.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations:
    acme.io/replicas: 3
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations:
    acme.io/replicas: "3"
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};

/// Annotations the backend sets itself, whatever the file says.
const OVERWRITTEN_ANNOTATIONS: [&str; 2] = [
    "backstage.io/managed-by-location",
    "backstage.io/managed-by-origin-location",
];

const STRING: Shape = Shape::String { min_length: 1 };
const ANY_STRING: Shape = Shape::String { min_length: 0 };
const LINK: Shape = Shape::Object {
    properties: &[
        ("url", STRING),
        ("title", STRING),
        ("icon", STRING),
        ("type", STRING),
    ],
    required: &["url"],
    additional: None,
};
const FIELDS: &[(&str, Shape)] = &[
    ("uid", STRING),
    ("etag", STRING),
    ("title", STRING),
    ("description", ANY_STRING),
    ("tags", Shape::Array(&STRING)),
    ("links", Shape::Array(&LINK)),
];

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let Some(metadata) = entity.metadata() else {
        return;
    };
    let mut problems = Vec::new();
    for (key, shape) in FIELDS {
        if let Some(value) = metadata.get(key) {
            walk(
                value,
                shape,
                &Trail::Key(&Trail::Root("/metadata"), key),
                &mut problems,
            );
        }
    }
    if let Some(labels) = metadata.get("labels") {
        string_map(labels, "/metadata/labels", &mut problems);
    }
    // The backend replaces falsy annotations by its own (`annotations || {}`).
    if let Some(annotations) = metadata.get("annotations").filter(|node| is_truthy(node)) {
        string_map(annotations, "/metadata/annotations", &mut problems);
    }
    for problem in problems {
        match problem {
            Problem::Missing {
                parent,
                pointer,
                key,
            } => report_missing(out, &RULE, parent, &pointer, key, None),
            Problem::Invalid {
                node,
                pointer,
                expected,
            } => {
                let field = pointer.trim_start_matches('/').replace('/', ".");
                out.report(
                    &RULE,
                    node,
                    &pointer,
                    format!("`{field}` must be {expected}, found {}", node.display()),
                    None,
                );
            }
        }
    }
}

/// `{type: object, patternProperties: {"^.+$": {type: string}}}`.
fn string_map<'a>(map: &'a Node, pointer: &str, problems: &mut Vec<Problem<'a>>) {
    if map.placeholder().is_some() {
        return;
    }
    let Some(entries) = map.as_mapping() else {
        problems.push(Problem::Invalid {
            node: map,
            pointer: pointer.to_owned(),
            expected: "a mapping".to_owned(),
        });
        return;
    };
    for entry in entries {
        let key = entry.key.js_key();
        // JavaScript's `.` matches no line terminator, so such keys escape the pattern.
        let matches_pattern =
            !key.is_empty() && !key.contains(['\n', '\r', '\u{2028}', '\u{2029}']);
        // The backend overwrites these two with the location it read the entity from.
        let overwritten =
            pointer == "/metadata/annotations" && OVERWRITTEN_ANNOTATIONS.contains(&key.as_str());
        if matches_pattern && !overwritten {
            walk(
                &entry.value,
                &ANY_STRING,
                &Trail::Key(&Trail::Root(pointer), &key),
                problems,
            );
        }
    }
}
