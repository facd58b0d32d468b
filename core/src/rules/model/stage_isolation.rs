//! ORG005 `stage-isolation`.

use crate::catalog::Entity;
use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Context, Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ORG005",
    name: "stage-isolation",
    family: Family::Model,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A dependency or part-of relation crosses stages",
    docs: r"## What it does
Gives every entity a stage: from its stage label (`kataster.io/stage`, the policy's
`stages.label`), else the stage part of its namespace annotation, else the stage part of its
name when the name follows the namespace convention. Then reports every `dependsOn`,
`dependencyOf`, `subcomponentOf`, `system`, `domain` or `subdomainOf` relation between two
staged entities of different stages, naming both ends.

## Why is this bad?
Stages need isolation: a `prd` namespace on a `dev` cluster, or a `prd` cluster in a `dev`
subscription, shares networks, storage and credentials with what is being tested.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: website, lifecycle: production, owner: team-a, dependsOn: [resource:cluster-dev-eu1]}
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: cluster-dev-eu1
  labels: {kataster.io/stage: dev}
spec: {type: cluster, owner: team-b}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: website, lifecycle: production, owner: team-a, dependsOn: [resource:cluster-prd-eu1]}
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: cluster-prd-eu1
  labels: {kataster.io/stage: prd}
spec: {type: cluster, owner: team-b}
```
",
};

const STAGED_RELATIONS: [&str; 6] = [
    "dependsOn",
    "dependencyOf",
    "subcomponentOf",
    "system",
    "domain",
    "subdomainOf",
];

/// An entity's stage and where it comes from.
pub(crate) fn stage_of(
    entity: &Entity<'_>,
    context: &Context<'_>,
) -> Option<(String, &'static str)> {
    let stages = &context.policy.stages;
    let metadata = entity.metadata()?;
    let known =
        |stage: &str| stages.values.is_empty() || stages.values.iter().any(|known| known == stage);
    if let Some(stage) = metadata
        .get("labels")
        .and_then(|labels| labels.get(&stages.label))
        .and_then(|node| node.as_str())
    {
        if known(stage) {
            return Some((stage.to_owned(), "label"));
        }
    }
    let annotation = &context.policy.naming.namespace.annotation;
    let from_name = |name: &str| namespace_stage(name, context);
    if let Some(stage) = metadata
        .get("annotations")
        .and_then(|annotations| annotations.get(annotation))
        .and_then(|node| node.as_str())
        .and_then(from_name)
    {
        return Some((stage, "namespace"));
    }
    entity
        .name()
        .and_then(from_name)
        .map(|stage| (stage, "name"))
}

/// The stage part of a name under the namespace convention.
pub(crate) fn namespace_stage(name: &str, context: &Context<'_>) -> Option<String> {
    let parts = context.convention?.parse(name).ok()?;
    parts.get(&context.policy.stages.part).cloned()
}

/// A namespace's stage and its cluster's stage (with where that comes from), when both are
/// known and differ.
pub(crate) fn crossed_stages(
    namespace: &str,
    cluster: &Entity<'_>,
    context: &Context<'_>,
) -> Option<(String, String, &'static str)> {
    let stage = namespace_stage(namespace, context)?;
    let (cluster_stage, source) = stage_of(cluster, context)?;
    (stage != cluster_stage).then_some((stage, cluster_stage, source))
}

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    // Each entity's stage, read (its name parsed) once, when a staged relation needs it.
    let mut stages: Vec<Option<Option<(String, &'static str)>>> =
        vec![None; catalog.entities.len()];
    let mut stage_at = |index: usize| {
        stages[index]
            .get_or_insert_with(|| stage_of(&catalog.entities[index].entity, &catalog.context))
            .clone()
    };
    for (index, indexed) in catalog.indexed_subjects() {
        if !indexed
            .refs()
            .iter()
            .any(|(found, _)| STAGED_RELATIONS.contains(&found.field.field))
        {
            continue;
        }
        let Some((stage, source)) = stage_at(index) else {
            continue;
        };
        for ((found, _), key) in indexed.refs().iter().zip(indexed.ref_keys()) {
            if !STAGED_RELATIONS.contains(&found.field.field) {
                continue;
            }
            let Some(other_index) = catalog.find_key(key) else {
                continue;
            };
            let other = &catalog.entities[other_index];
            let Some((other_stage, other_source)) = stage_at(other_index) else {
                continue;
            };
            if other_stage != stage {
                Catalog::report(
                    out,
                    &RULE,
                    &indexed.entity,
                    found.node,
                    &found.pointer(),
                    format!(
                        "{} (stage {stage}, from its {source}) has `{}` {} (stage {other_stage}, from its {other_source})",
                        indexed.entity.display_ref(),
                        found.field.field,
                        other.entity.display_ref()
                    ),
                    Some(format!(
                        "relate {stage} entities only to {stage} entities; stages need isolation"
                    )),
                );
            }
        }
    }
}
