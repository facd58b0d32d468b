//! CAT110 `data-placeholder-for-string`.
//!
//! Backstage's placeholder processor resolves `$json` and `$yaml` to the data the file holds
//! (an OpenAPI document becomes an object), `$text`, `$openapi` and `$asyncapi` to its text.
//! Where the kind's schema (or the envelope's metadata) needs a string, a `$json`/`$yaml`
//! placeholder gives Backstage an object and the entity is rejected after the file is read.
//! kataster never reads placeholder files, so the Backstage-parity rules (`CAT0xx`) accept any
//! placeholder, as the differential test's oracle does: this rule says what the file's
//! contents will do.

use crate::catalog::Entity;
use crate::catalog::kinds::Shape;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};
use crate::yaml::{Node, Trail};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT110",
    name: "data-placeholder-for-string",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A $json or $yaml placeholder stands where Backstage needs a string",
    docs: r#"## What it does
Reports `$json` and `$yaml` placeholders in fields that must be strings: `spec` fields the
kind's schema types as strings (an API's `definition`, `type`, `owner`, ...) and the strings
of `metadata` (`title`, `description`, label and annotation values, tags, link fields).
`$text` (and `$openapi`, `$asyncapi`) are what such fields take.

## Why is this bad?
Backstage resolves `$json` and `$yaml` to the data the file holds: an OpenAPI document becomes
an object, and the entity is rejected ("/spec/definition must be string") once the file is
read. The API page never shows the definition.

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
    $json: https://acme.example/goldie/openapi.json
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
  definition:
    $text: https://acme.example/goldie/openapi.json
```
"#,
};

/// The strings of `metadata` (beyond `name` and `namespace`, which the envelope needs as
/// strings before placeholders are resolved).
const STRING: Shape = Shape::String { min_length: 0 };
const METADATA: Shape = Shape::Object {
    properties: &[
        ("title", STRING),
        ("description", STRING),
        ("uid", STRING),
        ("etag", STRING),
        (
            "labels",
            Shape::Object {
                properties: &[],
                required: &[],
                additional: Some(&STRING),
            },
        ),
        (
            "annotations",
            Shape::Object {
                properties: &[],
                required: &[],
                additional: Some(&STRING),
            },
        ),
        ("tags", Shape::Array(&STRING)),
        (
            "links",
            Shape::Array(&Shape::Object {
                properties: &[
                    ("url", STRING),
                    ("title", STRING),
                    ("icon", STRING),
                    ("type", STRING),
                ],
                required: &[],
                additional: None,
            }),
        ),
    ],
    required: &[],
    additional: None,
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    if !entity.root.has_placeholder() {
        return;
    }
    let mut found = Vec::new();
    if let Some(metadata) = entity.root.get("metadata") {
        walk(
            metadata,
            &METADATA,
            &Trail::Key(&Trail::Root(""), "metadata"),
            &mut found,
        );
    }
    if let Some(spec) = entity.root.get("spec") {
        if let Some(schema) = context.kind_schema(entity) {
            walk(
                spec,
                &schema.spec,
                &Trail::Key(&Trail::Root(""), "spec"),
                &mut found,
            );
        }
    }
    for (node, pointer, resolver) in found {
        let field: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect();
        let field = field.join(".");
        out.report(
            &RULE,
            node,
            &pointer,
            format!(
                "`${resolver}` gives `{field}` the file's data (an object or a list), but Backstage needs a string here"
            ),
            Some(format!(
                "use $text to insert the file as text: `{{$text: {}}}`",
                node.placeholder().map_or("", |placeholder| placeholder.target)
            )),
        );
    }
}

/// The `$json`/`$yaml` placeholders below `node` where `shape` needs a string.
fn walk<'a>(
    node: &'a Node,
    shape: &Shape,
    trail: &Trail<'_>,
    found: &mut Vec<(&'a Node, String, &'a str)>,
) {
    if let Some(placeholder) = node.placeholder() {
        if matches!(placeholder.resolver, "json" | "yaml")
            && matches!(
                shape,
                Shape::String { .. } | Shape::BoundedString { .. } | Shape::Enum(_)
            )
        {
            found.push((node, trail.render(), placeholder.resolver));
        }
        return;
    }
    match shape {
        Shape::Array(items) | Shape::NonEmptyArray(items) => {
            for (index, item) in node.as_sequence().unwrap_or_default().iter().enumerate() {
                walk(item, items, &Trail::Index(trail, index), found);
            }
        }
        Shape::Object {
            properties,
            additional,
            ..
        } => {
            for entry in node.as_mapping().unwrap_or_default() {
                let key = entry.key.js_key();
                let property = properties
                    .iter()
                    .find(|(name, _)| *name == key)
                    .map(|(_, shape)| shape)
                    .or(*additional);
                if let Some(property) = property {
                    walk(&entry.value, property, &Trail::Key(trail, &key), found);
                }
            }
        }
        Shape::ObjectOrArray(object, array) => {
            if node.as_mapping().is_some() {
                walk(node, object, trail, found);
            } else {
                walk(node, array, trail, found);
            }
        }
        Shape::Any
        | Shape::String { .. }
        | Shape::BoundedString { .. }
        | Shape::StringOrBool
        | Shape::Enum(_) => {}
    }
}
