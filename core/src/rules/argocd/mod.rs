//! `ARGO0xx`: Argo CD's Applications against their AppProjects, as Argo CD itself judges them
//! before it syncs. The facts (projects, applications, Argo CD's globs) are in
//! `crate::consumers::argocd`.

pub mod cross_stage_destination;
pub mod destination_not_permitted;
pub mod malformed_resource;
pub mod source_not_permitted;
pub mod uncatalogued_namespace;
pub mod undeclared_cluster;
pub mod undeployed_component;
pub mod unknown_app_project;
pub mod unknown_project_group;
pub mod unknown_rbac_subject;

use crate::consumers::argocd::{Application, DEFAULT_PROJECT, Project};
use crate::rules::references::Catalog;

/// Each Application with the AppProjects of its project's name among the checked files;
/// Applications whose project is not among them (or is the default project, undefined) are
/// left out: nothing is known of what their project permits.
pub(crate) fn applications_with_projects<'c, 'a>(
    catalog: &'c Catalog<'a>,
) -> impl Iterator<Item = (&'c Application<'a>, Vec<&'c Project<'a>>)> {
    catalog
        .argocd
        .applications
        .iter()
        .filter_map(|application| {
            let projects: Vec<&Project<'a>> = catalog
                .argocd
                .projects_named(application.project_name())
                .collect();
            (!projects.is_empty()).then_some((application, projects))
        })
}

/// `team-a` or, for several, `team-a (2 AppProjects of that name)`.
pub(crate) fn project_label(name: &str, count: usize) -> String {
    let quoted = if name == DEFAULT_PROJECT {
        "the default project".to_owned()
    } else {
        format!("project \"{name}\"")
    };
    if count > 1 {
        format!("{quoted} ({count} AppProjects of that name)")
    } else {
        quoted
    }
}

/// What the projects allow, for a message: `a, b` (repeats next to each other once), or `none`.
pub(crate) fn allowed_list(items: impl Iterator<Item = String>) -> String {
    let mut items: Vec<String> = items.collect();
    items.dedup();
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The app a namespace belongs to: its parts under the convention without the varying ones
/// (`ap-phippy-prd` and `ap-phippy-dev` are both `apptype=ap appid=phippy`); the name itself
/// when no convention compiles; `None` for a name the convention rejects (the `NS` rules
/// report it).
pub(crate) fn app_of(namespace: &str, catalog: &Catalog<'_>) -> Option<String> {
    let Some(convention) = catalog.context.convention else {
        return Some(namespace.to_owned());
    };
    let parts = convention.parse(namespace).ok()?;
    Some(
        parts
            .iter()
            .filter(|(part, _)| !convention.varying_parts().contains(part))
            .map(|(part, value)| format!("{part}={value}"))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The namespaces the GitOps files deploy to: Argo CD Applications' destinations (generated
/// ones too), Flux target namespaces and Fleet bundles' namespaces (not those of a target
/// Fleet does not deploy); literal ones only.
pub(crate) fn deployed_namespaces<'c>(catalog: &'c Catalog<'_>) -> Vec<&'c str> {
    use crate::naming::sources::{Origin, fleet};
    let applications = catalog
        .argocd
        .applications
        .iter()
        .filter_map(|application| Some(application.destination.as_ref()?.0.namespace));
    let released = catalog
        .namespaces
        .iter()
        .filter(|usage| match usage.origin {
            Origin::HelmRelease | Origin::FluxKustomization => true,
            Origin::FleetNamespace | Origin::FleetDefaultNamespace => fleet::deploys(usage),
            _ => false,
        })
        .map(|usage| usage.name);
    applications
        .chain(released)
        .filter(|namespace| {
            !namespace.is_empty() && !namespace.contains("{{") && !namespace.contains("${")
        })
        .collect()
}
