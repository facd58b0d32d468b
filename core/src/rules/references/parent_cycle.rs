//! CAT104 `parent-cycle`.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};

use super::Catalog;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT104",
    name: "parent-cycle",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A hierarchy (Group parent/children, Domain subdomainOf, Component subcomponentOf) has a cycle",
    docs: r"## What it does
Follows the hierarchies of the catalog, Group `parent` and `children`, Domain `subdomainOf`
and Component `subcomponentOf`, and reports an entity that is its own ancestor, with the
whole cycle.

## Why is this bad?
Backstage accepts the cycle; org charts, ownership roll-ups and tree views then loop or show
nothing.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: north}
spec: {type: team, parent: south, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: south}
spec: {type: team, parent: north, children: []}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: north}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: south}
spec: {type: team, parent: north, children: []}
```
",
};

/// An edge child -> parent, remembered by the entity and reference that made it.
struct Edge {
    parent: String,
    entity: usize,
    reference: usize,
}

/// The spec fields of the hierarchy's links (those of the match below).
pub(crate) const HIERARCHY_FIELDS: &[&str] =
    &["parent", "subdomainOf", "subcomponentOf", "children"];

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    let mut edges: HashMap<String, Vec<Edge>> = HashMap::new();
    for (entity, indexed) in catalog.entities.iter().enumerate() {
        let Some(own) = indexed.key else { continue };
        if !indexed.hierarchy {
            continue;
        }
        for (reference, ((found, _), target)) in
            indexed.refs().iter().zip(indexed.ref_keys()).enumerate()
        {
            let (child, parent) = match found.field.field {
                "parent" | "subdomainOf" | "subcomponentOf" => (own.to_owned(), target.clone()),
                "children" => (target.clone(), own.to_owned()),
                _ => continue,
            };
            edges.entry(child).or_default().push(Edge {
                parent,
                entity,
                reference,
            });
        }
    }
    let mut reported: Vec<Vec<String>> = Vec::new();
    let mut starts: Vec<&String> = edges.keys().collect();
    starts.sort();
    for start in starts {
        let Some(cycle) = find_cycle(&edges, start) else {
            continue;
        };
        let mut normalized: Vec<String> = cycle.iter().map(|(key, _)| key.clone()).collect();
        normalized.sort();
        if reported.contains(&normalized) {
            continue;
        }
        reported.push(normalized);
        let path: Vec<&str> = cycle
            .iter()
            .map(|(key, _)| key.as_str())
            .chain([start.as_str()])
            .collect();
        let (_, edge) = &cycle[0];
        let indexed = &catalog.entities[edge.entity];
        let (found, _) = &indexed.refs()[edge.reference];
        Catalog::report(
            out,
            &RULE,
            &indexed.entity,
            found.node,
            &found.pointer(),
            format!("hierarchy cycle: {}", path.join(" -> ")),
            Some("remove one of the links so that the hierarchy is a tree".to_owned()),
        );
    }
}

/// The cycle through `start`, as (node, edge leaving it) pairs, if `start` is its own ancestor.
fn find_cycle<'e>(
    edges: &'e HashMap<String, Vec<Edge>>,
    start: &str,
) -> Option<Vec<(String, &'e Edge)>> {
    let mut path: Vec<(String, &Edge)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<(String, usize)> = vec![(start.to_owned(), 0)];
    while let Some((node, next)) = stack.pop() {
        path.truncate(stack.len());
        let Some(edge) = edges.get(&node).and_then(|list| list.get(next)) else {
            continue;
        };
        stack.push((node.clone(), next + 1));
        path.push((node, edge));
        if edge.parent == start {
            return Some(path);
        }
        if seen.insert(edge.parent.clone()) {
            stack.push((edge.parent.clone(), 0));
        }
    }
    None
}
