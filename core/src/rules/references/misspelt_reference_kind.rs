//! CAT105 `misspelt-reference-kind`.

use crate::catalog::kinds::closest_kind;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::Catalog;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT105",
    name: "misspelt-reference-kind",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A reference names a kind that does not exist but is close to a built-in one",
    docs: r#"## What it does
Reports a reference whose kind is neither a built-in kind nor the kind of any checked or known
entity, but is within two edits of a built-in kind (`compontent:3000`), and suggests it.

## Why is this bad?
Backstage parses `compontent:3000` as a reference to an entity of kind "compontent", which can
never exist: the relation silently points nowhere.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: prod-3000}
spec: {type: service, lifecycle: production, owner: team-b, dependsOn: ["compontent:3000"]}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: "3000"}
spec: {type: project, lifecycle: production, owner: team-b}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: prod-3000}
spec: {type: service, lifecycle: production, owner: team-b, dependsOn: ["component:3000"]}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: "3000"}
spec: {type: project, lifecycle: production, owner: team-b}
```

## Fix safety
`--fix --unsafe-fixes` replaces the kind with the built-in one it is closest to: an unsafe fix,
the reference then points to another entity, and `compontent` may be a custom kind defined
outside the checked files.
"#,
};

/// The built-in kind a reference kind is probably a typo of.
pub(crate) fn suggestion(catalog: &Catalog<'_>, kind: &str) -> Option<&'static str> {
    if catalog.kinds.contains(&kind.to_lowercase()) {
        return None;
    }
    closest_kind(kind)
}

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for indexed in catalog.subjects() {
        for (found, target) in indexed.refs() {
            let Some(kind) = suggestion(catalog, &target.kind) else {
                continue;
            };
            let text = found.node.as_str().unwrap_or_default();
            let fixed = format!("{}{}", kind.to_lowercase(), &text[target.kind.len()..]);
            let edit = Edit::scalar(found.node.span.clone(), text, fixed.clone());
            let fix = Fix::unsafe_(format!("use `{fixed}`"), vec![edit]);
            Catalog::report_fix(
                out,
                &RULE,
                &indexed.entity,
                found.node,
                &found.pointer(),
                (
                    format!("unknown kind \"{}\" in reference \"{text}\"", target.kind),
                    Some(format!("did you mean `{fixed}`?")),
                ),
                Some(fix),
            );
        }
    }
}
