//! CAT108 `location-target-missing`.

use crate::catalog::kinds::builtin_kind;
use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};
use crate::yaml::Node;

use super::Catalog;
use super::target_outside_root::{self, glob_start, report_if_outside, resolve};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT108",
    name: "location-target-missing",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A Location's relative target file does not exist",
    docs: r"## What it does
Resolves the `spec.target` and `spec.targets` of Location entities (relative to the
directory of the file that holds them, or absolute) and reports targets that do not exist.
Targets outside the checked repository are `CAT109` and never looked at. Globs and URLs are
not checked here; the CLI follows them when it collects files. Only frontends that can
see files (the CLI) run this check.

## Why is this bad?
Backstage reports the missing file in its processing logs only (for `presence: required`)
and the entities never appear in the catalog.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: acme}
spec:
  targets: [./no-such-file.yaml]
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: acme}
spec:
  targets: []
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) && !out.enabled(&target_outside_root::RULE) {
        return;
    }
    for indexed in catalog.subjects() {
        let entity = &indexed.entity;
        let (Some(api_version), Some("Location"), Some(spec)) =
            (entity.api_version(), entity.kind(), entity.spec())
        else {
            continue;
        };
        if builtin_kind(api_version, "Location").is_none() {
            continue;
        }
        let mut targets: Vec<(&Node, String)> = Vec::new();
        if let Some(target) = spec.get("target") {
            targets.push((target, "/spec/target".to_owned()));
        }
        for (index, target) in spec
            .get("targets")
            .and_then(Node::as_sequence)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            targets.push((target, format!("/spec/targets/{index}")));
        }
        let base = &catalog.files[entity.file].source.path;
        for (node, pointer) in targets {
            let Some(target) = node.as_str() else {
                continue;
            };
            let is_glob = target.contains(['*', '?', '[', '{']);
            let named = if is_glob {
                glob_start(target).0
            } else {
                target
            };
            let Some(path) = resolve(base, if named.is_empty() { "." } else { named }) else {
                continue;
            };
            let at = (entity, node, pointer.as_str());
            if report_if_outside(catalog, out, at, "Location target", target, &path) || is_glob {
                continue;
            }
            if catalog.facts.file_exists(&path) == Some(false) {
                Catalog::report(
                    out,
                    &RULE,
                    entity,
                    node,
                    &pointer,
                    format!("Location target \"{target}\" does not exist ({path})"),
                    Some("targets are relative to the file that holds the Location".to_owned()),
                );
            }
        }
    }
}
