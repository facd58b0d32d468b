//! CAT001 `invalid-envelope`.

use crate::catalog::Entity;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};
use crate::yaml::Node;

use super::shape::report_missing;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT001",
    name: "invalid-envelope",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "apiVersion, kind, metadata or metadata.name is missing or not a non-empty string",
    docs: r#"## What it does
Checks the entity envelope: `apiVersion` and `kind` are non-empty strings, `metadata` is a
mapping, `metadata.name` is a non-empty string, and `metadata.namespace`, when present, is a
non-empty string.

## Why is this bad?
Backstage validates the envelope before anything else and drops the entity with
"Malformed envelope". A number (`name: 3000`) or a null (`name:`) is not a string.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: 3000
spec: {type: project, lifecycle: production, owner: client01}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: "3000"
spec: {type: project, lifecycle: production, owner: client01}
```

## Fix safety
`--fix` quotes a number or a boolean where a string is needed (`name: 3000` becomes
`name: "3000"`) when it is written as JavaScript reads it: a safe fix, the string is the
value Backstage's validator was shown. A value written otherwise (`1.10`, `0x1F`, `True`)
gets no fix: which string was meant needs a person's look.
"#,
};

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let root = entity.root;
    required_string(out, root, "", "apiVersion");
    required_string(out, root, "", "kind");
    match root.get("metadata") {
        None => report_missing(out, &RULE, root, "", "metadata", None),
        Some(metadata) if metadata.as_mapping().is_none() => out.report(
            &RULE,
            metadata,
            "/metadata",
            format!("`metadata` must be a mapping, found {}", metadata.display()),
            None,
        ),
        Some(metadata) => {
            required_string(out, metadata, "/metadata", "name");
            if let Some(namespace) = metadata.get("namespace") {
                expect_string(out, namespace, "/metadata/namespace", "metadata.namespace");
            }
        }
    }
}

fn required_string(out: &mut EntityOut<'_, '_>, parent: &Node, pointer: &str, key: &str) {
    match parent.get(key) {
        None => report_missing(out, &RULE, parent, pointer, key, None),
        // The common case costs no allocation.
        Some(value) if value.as_str().is_some_and(|text| !text.is_empty()) => {}
        Some(value) => {
            let field = format!("{}.{key}", pointer.trim_start_matches('/'))
                .trim_start_matches('.')
                .to_owned();
            expect_string(out, value, &format!("{pointer}/{key}"), &field);
        }
    }
}

fn expect_string(out: &mut EntityOut<'_, '_>, value: &Node, pointer: &str, field: &str) {
    let problem = match value.as_str() {
        Some("") => "must not be empty".to_owned(),
        Some(_) => return,
        None => format!("must be a string, found {}", value.display()),
    };
    let scalar = matches!(
        value.value,
        crate::yaml::Value::Number(_) | crate::yaml::Value::Bool(_)
    );
    let help = scalar.then(|| format!("quote the value: `\"{}\"`", value.js_key()));
    // Only where the text is what JavaScript makes of the value (`3000`, not `1.10`).
    let fix = scalar.then(|| {
        let edit = Edit::quote(value.span.clone(), value.js_key());
        Fix::safe(format!("quote it: `\"{}\"`", value.js_key()), vec![edit])
    });
    out.report_fix(
        &RULE,
        value.span.clone(),
        pointer,
        format!("`{field}` {problem}"),
        help,
        fix,
    );
}
