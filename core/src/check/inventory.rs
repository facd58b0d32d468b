//! `kataster inventory`: the joined view of the inventory and its consumers, one row per
//! namespace: the app and stage its name says, the catalog Component that runs there and its
//! owner, the Argo CD Applications that deploy there (generated ones too), their AppProject
//! and the groups its roles grant, the cluster they deploy to and the revision they deploy.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::consumers::clusters::Resolution;
use crate::known::NoFacts;
use crate::rules::Context;
use crate::rules::references::Catalog;

/// One namespace and what the files say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The app part of the namespace under the convention (`phippy`), if it follows it.
    pub app: Option<String>,
    pub stage: Option<String>,
    pub namespace: String,
    /// Components whose namespace annotation names it (`component:default/phippy`).
    pub components: Vec<String>,
    /// Their owners, as written.
    pub owners: Vec<String>,
    /// Argo CD Applications that deploy to it.
    pub applications: Vec<String>,
    /// Their AppProjects.
    pub projects: Vec<String>,
    /// The groups the projects' roles grant.
    pub groups: Vec<String>,
    /// The cluster Resources (or, when none declares it, the servers or names) deployed to.
    pub clusters: Vec<String>,
    /// The revisions the Applications deploy.
    pub versions: Vec<String>,
}

/// The joined view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Inventory {
    pub rows: Vec<Row>,
}

fn push(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|known| known == value) {
        list.push(value.to_owned());
    }
}

impl super::Checker {
    /// The joined view of the files added so far.
    pub fn inventory(&self) -> Inventory {
        let expansion = crate::consumers::argocd::appset::expand(
            crate::catalog::file::manifest_documents(&self.files),
        );
        let catalog = Catalog::new(
            &self.files,
            &self.ids,
            &expansion,
            &self.options.known_entities,
            self.context(),
            &NoFacts,
        );
        joined(&catalog)
    }
}

/// The row of a namespace, made on first use with the app and stage its name says.
fn row<'r>(
    rows: &'r mut BTreeMap<String, Row>,
    namespace: &str,
    context: &Context<'_>,
) -> &'r mut Row {
    rows.entry(namespace.to_owned()).or_insert_with(|| {
        let parts = context
            .convention
            .and_then(|convention| convention.parse(namespace).ok());
        let part = |name: &str| parts.as_ref().and_then(|parts| parts.get(name).cloned());
        Row {
            app: part(&context.policy.naming.namespace.app_part),
            stage: part(&context.policy.stages.part),
            namespace: namespace.to_owned(),
            ..Row::default()
        }
    })
}

fn joined(catalog: &Catalog<'_>) -> Inventory {
    let context = &catalog.context;
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for usage in &catalog.namespaces {
        if !usage.is_component_annotation() || usage.unchecked.is_some() {
            continue;
        }
        let entity = &usage.entity;
        let owner = entity
            .spec()
            .and_then(|spec| spec.get("owner"))
            .and_then(crate::yaml::Node::as_str)
            .unwrap_or_default();
        let row = row(&mut rows, usage.name, context);
        push(&mut row.components, &entity.display_ref());
        push(&mut row.owners, owner);
    }
    for application in &catalog.argocd.applications {
        let Some((destination, _)) = &application.destination else {
            continue;
        };
        let namespace = destination.namespace;
        if namespace.is_empty() || namespace.contains("{{") {
            continue;
        }
        let project = application.project_name();
        let groups: Vec<&str> = catalog
            .argocd
            .projects_named(project)
            .flat_map(|project| project.roles.iter())
            .flat_map(|role| role.groups.iter().map(|(group, _, _)| *group))
            .collect();
        let cluster = match catalog.clusters.resolve(destination) {
            Resolution::Cluster(cluster) => cluster.name.to_owned(),
            _ if !destination.server.is_empty() => destination.server.to_owned(),
            _ => destination.name.to_owned(),
        };
        let row = row(&mut rows, namespace, context);
        push(&mut row.applications, application.name);
        push(&mut row.projects, project);
        for group in groups {
            push(&mut row.groups, group);
        }
        push(&mut row.clusters, &cluster);
        push(&mut row.versions, application.revision.unwrap_or_default());
    }
    let stages = &context.policy.stages.values;
    let stage_order = |row: &Row| {
        row.stage
            .as_ref()
            .and_then(|stage| stages.iter().position(|known| known == stage))
            .unwrap_or(usize::MAX)
    };
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by(|left, right| {
        (
            left.app.is_none(),
            &left.app,
            stage_order(left),
            &left.namespace,
        )
            .cmp(&(
                right.app.is_none(),
                &right.app,
                stage_order(right),
                &right.namespace,
            ))
    });
    Inventory { rows }
}
