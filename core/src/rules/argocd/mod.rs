//! `ARGO0xx`: Argo CD's Applications against their AppProjects, as Argo CD itself judges them
//! before it syncs. The facts (projects, applications, Argo CD's globs) are in
//! `crate::consumers::argocd`.

pub mod cross_stage_destination;
pub mod destination_not_permitted;
pub mod source_not_permitted;
pub mod undeclared_cluster;
pub mod unknown_app_project;
pub mod unknown_project_group;

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
