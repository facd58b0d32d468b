//! Argo CD: its AppProjects and Applications among the checked manifests, and whether a
//! project permits an Application's sources and destination, with Argo CD's own semantics
//! (`AppProject.IsSourcePermitted`, `isDestinationMatched` in
//! `pkg/apis/application/v1alpha1/app_project_types.go`).

pub mod appset;
mod glob;
pub mod rbac;
mod url;

pub use glob::{Glob, Pattern};
pub use url::normalize_git_url;

use crate::catalog::Entity;
use crate::yaml::Node;

/// The project an Application without one belongs to; Argo CD creates it permitting
/// everything, unless the repository defines it.
pub const DEFAULT_PROJECT: &str = "default";

/// The cluster Argo CD runs in, by the name and server it gives it.
pub const IN_CLUSTER: (&str, &str) = ("in-cluster", "https://kubernetes.default.svc");

/// An `argoproj.io` resource of this kind.
pub(crate) fn is_argo(document: &Entity<'_>, kind: &str) -> bool {
    document
        .api_version()
        .is_some_and(|api_version| api_version.starts_with("argoproj.io/"))
        && document.kind() == Some(kind)
}

/// Where an Application deploys to, or what a project's `destinations` item allows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Destination<'a> {
    pub server: &'a str,
    pub name: &'a str,
    pub namespace: &'a str,
}

impl<'a> Destination<'a> {
    fn of(node: &'a Node) -> Self {
        let text = |key: &str| node.get(key).and_then(Node::as_str).unwrap_or_default();
        Self {
            server: text("server"),
            name: text("name"),
            namespace: text("namespace"),
        }
    }
}

/// An AppProject.
#[derive(Debug, Clone)]
pub struct Project<'a> {
    pub document: Entity<'a>,
    pub name: &'a str,
    /// `spec.sourceRepos`: the string items.
    pub source_repos: Vec<&'a str>,
    /// `spec.destinations`: the mapping items.
    pub destinations: Vec<Destination<'a>>,
    /// `spec.roles`: the mapping items.
    pub roles: Vec<Role<'a>>,
    /// `source_repos` normalised and compiled.
    source_patterns: Vec<Pattern>,
    /// `destinations` compiled: server, name, namespace.
    destination_patterns: Vec<[Pattern; 3]>,
}

/// A project role and the SSO groups it is granted to.
#[derive(Debug, Clone)]
pub struct Role<'a> {
    pub name: &'a str,
    /// `groups[]`: each string with its node and pointer.
    pub groups: Vec<(&'a str, &'a Node, String)>,
}

/// One source of an Application: its `repoURL` and where it is.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub repo_url: &'a str,
    pub node: &'a Node,
    pub pointer: String,
}

/// An Application.
#[derive(Debug, Clone)]
pub struct Application<'a> {
    pub document: Entity<'a>,
    pub name: &'a str,
    /// `spec.project`; `None` when absent or empty (the default project).
    pub project: Option<&'a Node>,
    /// `spec.source` and `spec.sources[]` with a string `repoURL`.
    pub sources: Vec<Source<'a>>,
    /// `spec.destination` and its node.
    pub destination: Option<(Destination<'a>, &'a Node)>,
    /// The ApplicationSet that generates it, if it is generated.
    pub generated_by: Option<GeneratedBy<'a>>,
    /// The first source's `targetRevision`: what it deploys.
    pub revision: Option<&'a str>,
}

/// Where a generated Application comes from: an ApplicationSet, and what in its generators
/// (`list element 2`, `cluster "prd-eu1"`).
#[derive(Debug, Clone, Copy)]
pub struct GeneratedBy<'a> {
    pub set: &'a str,
    pub by: &'a str,
}

impl Application<'_> {
    /// `Application "name"`, and the ApplicationSet that generates it.
    pub fn title(&self) -> String {
        match self.generated_by {
            None => format!("Application \"{}\"", self.name),
            Some(GeneratedBy { set, by }) => format!(
                "Application \"{}\" (ApplicationSet \"{set}\", {by})",
                self.name
            ),
        }
    }

    /// A pointer into the Application, or into its ApplicationSet's template if generated.
    pub fn pointer(&self, path: &str) -> String {
        match self.generated_by {
            None => path.to_owned(),
            Some(_) => format!("/spec/template{path}"),
        }
    }

    /// The project's name as Argo CD reads it (`GetProject`: empty is `default`).
    pub fn project_name(&self) -> &str {
        self.project
            .and_then(Node::as_str)
            .filter(|name| !name.is_empty())
            .unwrap_or(DEFAULT_PROJECT)
    }
}

impl<'a> Project<'a> {
    /// Read an AppProject, or `None` for another document.
    pub fn read(document: &Entity<'a>) -> Option<Self> {
        if !is_argo(document, "AppProject") {
            return None;
        }
        let spec = document.spec();
        let list = |key: &str| -> &'a [Node] {
            spec.and_then(|spec| spec.get(key))
                .and_then(Node::as_sequence)
                .unwrap_or_default()
        };
        let source_repos: Vec<&'a str> = list("sourceRepos")
            .iter()
            .filter_map(Node::as_str)
            .collect();
        let destinations: Vec<Destination<'a>> = list("destinations")
            .iter()
            .filter(|item| item.as_mapping().is_some())
            .map(Destination::of)
            .collect();
        Some(Self {
            document: *document,
            name: document.name()?,
            source_patterns: source_repos
                .iter()
                .map(|repo| match repo.strip_prefix('!') {
                    Some(denied) => format!("!{}", normalize_git_url(denied)),
                    None => normalize_git_url(repo),
                })
                .map(|pattern| Pattern::new(&pattern, Some('/')))
                .collect(),
            destination_patterns: destinations
                .iter()
                .map(|item| {
                    [item.server, item.name, item.namespace].map(|field| Pattern::new(field, None))
                })
                .collect(),
            source_repos,
            destinations,
            roles: list("roles")
                .iter()
                .enumerate()
                .filter(|(_, role)| role.as_mapping().is_some())
                .map(|(index, role)| Role {
                    name: role.get("name").and_then(Node::as_str).unwrap_or_default(),
                    groups: role
                        .get("groups")
                        .and_then(Node::as_sequence)
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                        .filter_map(|(item, group)| {
                            Some((
                                group.as_str()?,
                                group,
                                format!("/spec/roles/{index}/groups/{item}"),
                            ))
                        })
                        .collect(),
                })
                .collect(),
        })
    }

    /// `IsSourcePermitted`: some pattern matches the normalised URL and no deny pattern
    /// rejects it.
    pub fn permits_source(&self, repo_url: &str) -> bool {
        let source = normalize_git_url(repo_url);
        let mut any = false;
        for pattern in &self.source_patterns {
            if pattern.matches(&source) {
                any = true;
            } else if pattern.is_deny() {
                return false;
            }
        }
        any
    }

    /// `isDestinationMatched`. A destination named by a cluster name whose server is not
    /// known is given the benefit of the doubt on the server (as if it matched), so that only
    /// a destination no server could make permitted is reported.
    pub fn permits_destination(&self, destination: &Destination<'_>) -> bool {
        let server_known = !destination.server.is_empty();
        let mut any = false;
        let mut denied = false;
        for [server_pattern, name_pattern, namespace_pattern] in &self.destination_patterns {
            let name = !destination.name.is_empty() && name_pattern.matches(destination.name);
            let server = if server_known {
                server_pattern.matches(destination.server)
            } else {
                !destination.name.is_empty()
            };
            let namespace = namespace_pattern.matches(destination.namespace);
            if (server || name) && namespace {
                any = true;
            } else if (!name && name_pattern.is_deny())
                || (!server && server_pattern.is_deny())
                || (!namespace && namespace_pattern.is_deny())
            {
                denied = true;
            }
        }
        any && !denied
    }
}

impl<'a> Application<'a> {
    /// Read an Application, or `None` for another document.
    pub fn read(document: &Entity<'a>) -> Option<Self> {
        Self::read_generated(document, None)
    }

    /// Read an Application an ApplicationSet generates (its template rendered).
    pub fn read_generated(
        document: &Entity<'a>,
        generated_by: Option<GeneratedBy<'a>>,
    ) -> Option<Self> {
        if !is_argo(document, "Application") {
            return None;
        }
        let prefix = if generated_by.is_some() {
            "/spec/template"
        } else {
            ""
        };
        let spec = document.spec();
        let mut sources = Vec::new();
        let source_of = |node: &'a Node, pointer: String| {
            let url = node.get("repoURL")?;
            Some(Source {
                repo_url: url.as_str()?,
                node: url,
                pointer: format!("{prefix}{pointer}/repoURL"),
            })
        };
        if let Some(source) = spec.and_then(|spec| spec.get("source")) {
            sources.extend(source_of(source, "/spec/source".to_owned()));
        }
        let many = spec
            .and_then(|spec| spec.get("sources"))
            .and_then(Node::as_sequence)
            .unwrap_or_default();
        for (index, source) in many.iter().enumerate() {
            sources.extend(source_of(source, format!("/spec/sources/{index}")));
        }
        let destination = spec
            .and_then(|spec| spec.get("destination"))
            .filter(|node| node.as_mapping().is_some())
            .map(|node| {
                let mut destination = Destination::of(node);
                if destination.server.is_empty() && destination.name == IN_CLUSTER.0 {
                    destination.server = IN_CLUSTER.1;
                }
                (destination, node)
            });
        Some(Self {
            document: *document,
            name: document.name()?,
            project: spec
                .and_then(|spec| spec.get("project"))
                .filter(|node| node.as_str().is_some_and(|name| !name.is_empty())),
            sources,
            destination,
            generated_by,
            revision: spec
                .and_then(|spec| {
                    spec.get("source")
                        .or_else(|| spec.get("sources")?.as_sequence()?.first())
                })
                .and_then(|source| source.get("targetRevision"))
                .and_then(Node::as_str),
        })
    }
}

/// The AppProjects and Applications of the checked manifests.
#[derive(Debug, Clone, Default)]
pub struct Inventory<'a> {
    pub projects: Vec<Project<'a>>,
    pub applications: Vec<Application<'a>>,
}

impl<'a> Inventory<'a> {
    pub fn new(documents: impl IntoIterator<Item = Entity<'a>>) -> Self {
        let mut inventory = Self::default();
        for document in documents {
            if let Some(project) = Project::read(&document) {
                inventory.projects.push(project);
            } else if let Some(application) = Application::read(&document) {
                inventory.applications.push(application);
            }
        }
        inventory
    }

    /// Add the Applications that ApplicationSets generate.
    pub fn add_generated(
        &mut self,
        generated: &'a [appset::Generated],
        contributor: impl Fn(usize) -> Option<&'a str>,
    ) {
        for item in generated {
            let document = item.entity(contributor(item.file));
            let by = GeneratedBy {
                set: &item.set,
                by: &item.by,
            };
            self.applications
                .extend(Application::read_generated(&document, Some(by)));
        }
    }

    /// The AppProjects of this name (more than one when the repository configures several
    /// Argo CD instances).
    pub fn projects_named(&self, name: &str) -> impl Iterator<Item = &Project<'a>> {
        self.projects
            .iter()
            .filter(move |project| project.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, ParseOptions};

    fn documents_of(text: &str) -> Vec<yaml::Document> {
        yaml::parse(text, &ParseOptions::default())
    }

    fn entities(documents: &[yaml::Document]) -> Vec<Entity<'_>> {
        documents
            .iter()
            .filter_map(|document| {
                Some(Entity {
                    file: 0,
                    document: document.index,
                    root: document.root.as_ref()?,
                    contributor: None,
                })
            })
            .collect()
    }

    const PROJECT: &str = "apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: team-a}
spec:
  sourceRepos: ['https://github.com/acme/*', '!https://github.com/acme/secret']
  destinations:
    - {server: 'https://prd.example.com', namespace: 'ap-*-prd'}
    - {name: 'int-*', namespace: '*'}
    - {server: '*', namespace: '!kube-system'}
";

    #[test]
    fn sources_follow_argo_cds_globs_and_denials() {
        let documents = documents_of(PROJECT);
        let inventory = Inventory::new(entities(&documents));
        let project = &inventory.projects[0];
        assert!(project.permits_source("https://github.com/Acme/apps.git"));
        assert!(!project.permits_source("https://github.com/acme/secret"));
        // As in Argo CD's code, a deny pattern matches whatever it does not deny: with one in
        // the list, other repositories are permitted too.
        assert!(project.permits_source("https://github.com/other/apps"));
        let without_denial = PROJECT.replace(", '!https://github.com/acme/secret'", "");
        let documents = documents_of(&without_denial);
        let inventory = Inventory::new(entities(&documents));
        let allow_only = &inventory.projects[0];
        assert!(!allow_only.permits_source("https://github.com/other/apps"));
        assert!(!allow_only.permits_source("https://github.com/acme/apps/nested"));
    }

    #[test]
    fn destinations_follow_argo_cds_rules() {
        let documents = documents_of(PROJECT);
        let inventory = Inventory::new(entities(&documents));
        let project = &inventory.projects[0];
        let at = |server, name, namespace| Destination {
            server,
            name,
            namespace,
        };
        assert!(project.permits_destination(&at("https://prd.example.com", "", "ap-phippy-prd")));
        assert!(project.permits_destination(&at("", "int-1", "anything")));
        // The third item allows every server, except into kube-system: its deny pattern
        // rejects kube-system whatever the other items allow.
        assert!(!project.permits_destination(&at("https://prd.example.com", "", "kube-system")));
        // A name whose server is unknown gets the benefit of the doubt on the server.
        assert!(project.permits_destination(&at("", "prd", "ap-phippy-prd")));
    }

    #[test]
    fn an_empty_project_is_the_default_one() {
        let text = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  project: ''\n  destination: {name: in-cluster, namespace: x}\n";
        let documents = documents_of(text);
        let inventory = Inventory::new(entities(&documents));
        let application = &inventory.applications[0];
        assert_eq!(application.project_name(), DEFAULT_PROJECT);
        assert_eq!(
            application.destination.as_ref().unwrap().0.server,
            IN_CLUSTER.1
        );
    }
}
