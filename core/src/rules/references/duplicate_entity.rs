//! CAT102 `duplicate-entity`.

use std::collections::BTreeSet;

use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::Catalog;
use super::placeholder_target_missing::join;
use crate::catalog::kinds::builtin_kind;
use crate::yaml::Node;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT102",
    name: "duplicate-entity",
    family: Family::References,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.1.0",
    summary: "The same entity (kind, namespace, name) is defined twice",
    docs: r"## What it does
Reports every definition of an entity after the first, comparing kind, namespace and name
case-insensitively.

An error when both definitions are certainly registered in one catalog: they are in one
file, or one Location tree reaches both files (a Location's `target`/`targets` followed
transitively from a common file), or the checked files are the whole catalog
(`--strict-refs`, `references.strict: true`). A warning otherwise: checking a whole
repository often picks up files that are never registered together, such as the example
catalogs of a monorepo's workspaces (`workspaces/*/examples/entities.yaml`), which define the
same example entities on purpose.

## Why is this bad?
Backstage keeps one of them and reports a conflict on the other location only in its
processing logs; which one wins depends on ingestion order.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: Team-A}
spec: {type: team, children: []}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec: {type: team, children: []}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    if catalog.by_key.values().all(|indices| indices.len() < 2) {
        return;
    }
    let trees = location_roots(catalog);
    for indices in catalog.by_key.values() {
        let Some((&first, rest)) = indices.split_first() else {
            continue;
        };
        let original = &catalog.entities[first].entity;
        let first_at = original
            .metadata()
            .and_then(|metadata| metadata.get("name"))
            .map_or(original.root.span.start, |name| name.span.start);
        for &index in rest {
            let duplicate = &catalog.entities[index].entity;
            let Some(name) = duplicate
                .metadata()
                .and_then(|metadata| metadata.get("name"))
            else {
                continue;
            };
            let together = original.file == duplicate.file
                || !trees[original.file].is_disjoint(&trees[duplicate.file]);
            Catalog::report_with_default(
                out,
                &RULE,
                if together {
                    Severity::Error
                } else {
                    RULE.severity
                },
                duplicate,
                name,
                "/metadata/name",
                format!(
                    "{} is already defined at {}",
                    duplicate.display_ref(),
                    catalog.position(original.file, first_at)
                ),
                Some(
                    "remove one definition, or give this one another name or namespace".to_owned(),
                ),
            );
        }
    }
}

/// For every checked file, the files whose Location trees reach it: itself, and every file
/// with a Location whose relative `target`/`targets` (files or globs) lead to it, transitively.
fn location_roots(catalog: &Catalog<'_>) -> Vec<BTreeSet<usize>> {
    let paths: Vec<&str> = catalog
        .files
        .iter()
        .map(|file| file.source.path.as_str())
        .collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); paths.len()];
    for indexed in &catalog.entities {
        let entity = &indexed.entity;
        let (Some(api_version), Some("Location"), Some(spec)) =
            (entity.api_version(), entity.kind(), entity.spec())
        else {
            continue;
        };
        if builtin_kind(api_version, "Location").is_none() {
            continue;
        }
        let targets = spec
            .get("target")
            .into_iter()
            .chain(
                spec.get("targets")
                    .and_then(Node::as_sequence)
                    .unwrap_or_default(),
            )
            .filter_map(Node::as_str);
        let base = paths[entity.file];
        for target in targets {
            if target.contains("://") || target.starts_with('/') {
                continue;
            }
            if target.contains(['*', '?', '[', '{']) {
                let directory = join(base, ".");
                let Ok(glob) = globset::Glob::new(target.trim_start_matches("./")) else {
                    continue;
                };
                let matcher = glob.compile_matcher();
                for (index, path) in paths.iter().enumerate() {
                    let relative = if directory == "." {
                        Some(*path)
                    } else {
                        path.strip_prefix(directory.as_str())
                            .and_then(|rest| rest.strip_prefix('/'))
                    };
                    if relative.is_some_and(|relative| matcher.is_match(relative)) {
                        edges[entity.file].push(index);
                    }
                }
            } else {
                let path = join(base, target);
                if let Some(index) = paths.iter().position(|candidate| *candidate == path) {
                    edges[entity.file].push(index);
                }
            }
        }
    }
    let mut roots: Vec<BTreeSet<usize>> = (0..paths.len())
        .map(|index| BTreeSet::from([index]))
        .collect();
    for root in 0..paths.len() {
        if edges[root].is_empty() {
            continue;
        }
        let mut stack = edges[root].clone();
        let mut seen = BTreeSet::new();
        while let Some(file) = stack.pop() {
            if seen.insert(file) {
                roots[file].insert(root);
                stack.extend(edges[file].iter().copied());
            }
        }
    }
    roots
}
