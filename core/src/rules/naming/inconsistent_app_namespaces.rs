//! NS004 `inconsistent-app-namespaces`.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::naming::Parts;
use crate::naming::sources::NamespaceUse;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "NS004",
    name: "inconsistent-app-namespaces",
    family: Family::Naming,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "One app's namespaces differ in more than the stage and instance",
    docs: r"## What it does
Groups all conventional namespace names of the checked files by app (the `appid` part) and
reports a name that differs from the app's first one in another part than the stage or the
instance (the policy's `varyingParts`), for example the apptype.

## Why is this bad?
An app moves from `dev` to `int` to `prd` by changing only its stage: `ap-phippy-dev` must
become `ap-phippy-prd`, not `cs-phippy-prd`. Anything else breaks promotion and the app's
permissions.

## Example
```yaml
apiVersion: v1
kind: Namespace
metadata: {name: ap-phippy-dev}
---
apiVersion: v1
kind: Namespace
metadata: {name: cs-phippy-prd}
```

## Use instead
```yaml
apiVersion: v1
kind: Namespace
metadata: {name: ap-phippy-dev}
---
apiVersion: v1
kind: Namespace
metadata: {name: ap-phippy-prd}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    let Some(convention) = catalog.context.convention else {
        return;
    };
    if !out.enabled(&RULE) {
        return;
    }
    let fixed = |parts: &Parts| -> Parts {
        parts
            .iter()
            .filter(|(name, _)| !convention.varying_parts().contains(name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    };
    let mut apps: HashMap<String, (Parts, &NamespaceUse<'_>)> = HashMap::new();
    for usage in catalog.namespaces.iter().filter(|usage| usage.is_judged()) {
        let Ok(parts) = convention.parse(usage.name) else {
            continue;
        };
        let Some(app) = parts.get(convention.app_part()) else {
            continue;
        };
        let own = fixed(&parts);
        match apps.get(app) {
            None => {
                apps.insert(app.clone(), (own, usage));
            }
            Some((first, earlier)) if *first != own => {
                let differing: Vec<&str> = own
                    .iter()
                    .filter(|(name, value)| first.get(*name) != Some(value))
                    .map(|(name, _)| name.as_str())
                    .collect();
                Catalog::report(
                    out,
                    &RULE,
                    &usage.entity,
                    usage.node,
                    &usage.pointer,
                    format!(
                        "namespace \"{}\" differs from \"{}\" ({}) of the same app \"{app}\" in {}",
                        usage.name,
                        earlier.name,
                        catalog.position(earlier.entity.file, earlier.node.span.start),
                        differing.join(", ")
                    ),
                    Some(format!(
                        "the namespaces of one app may differ only in {}",
                        convention.varying_parts().join(", ")
                    )),
                );
            }
            Some(_) => {}
        }
    }
}
