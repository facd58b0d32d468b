//! Rancher (`management.cattle.io/v3`): its Projects and the role template bindings that grant
//! groups and users access to projects and clusters, with the principal names of Rancher's
//! auth providers (`activedirectory_group://CN=client01,OU=Groups,DC=acme,DC=com`,
//! `azuread_group://<object id>`, `local://u-abc12`; read in Rancher's
//! `pkg/auth/providers/*`, which name principals `<provider>_<user|group>://<id>`).

use crate::catalog::Entity;
use crate::consumers::Field;
use crate::consumers::identity::{Identities, Principal};
use crate::yaml::Node;

/// The annotation Rancher puts on a Namespace of a Project: `<cluster id>:<project id>`.
pub const PROJECT_ID_ANNOTATION: &str = "field.cattle.io/projectId";

/// A Rancher resource of this kind.
fn is_rancher(document: &Entity<'_>, kind: &str) -> bool {
    document
        .api_version()
        .is_some_and(|api_version| api_version.starts_with("management.cattle.io/"))
        && document.kind() == Some(kind)
}

/// A principal name, as Rancher writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalName<'a> {
    /// `<provider>_group://<id>` or `<provider>_user://<id>`.
    Directory {
        provider: &'a str,
        principal: Principal,
        id: &'a str,
    },
    /// `local://<id>`: a user of Rancher itself, not of the directory.
    Local,
    /// Not a principal name: why.
    Invalid(&'static str),
}

impl<'a> PrincipalName<'a> {
    pub fn parse(text: &'a str) -> Self {
        let Some((scheme, id)) = text.split_once("://") else {
            return Self::Invalid("it has no `<provider>_group://` or `<provider>_user://` prefix");
        };
        if scheme == "local" {
            return Self::Local;
        }
        if id.trim().is_empty() {
            return Self::Invalid("it names no id after `://`");
        }
        let (provider, principal) = if let Some(provider) = scheme.strip_suffix("_group") {
            (provider, Principal::Group)
        } else if let Some(provider) = scheme.strip_suffix("_user") {
            (provider, Principal::User)
        } else if let Some(provider) = scheme.strip_suffix("_team") {
            // GitHub's teams are its groups (`github_team://<id>`).
            (provider, Principal::Group)
        } else if let Some(provider) = scheme.strip_suffix("_org") {
            (provider, Principal::Group)
        } else {
            return Self::Invalid("its scheme ends in neither `_group` nor `_user`");
        };
        if provider.is_empty() {
            return Self::Invalid("it names no provider before `_group` or `_user`");
        }
        Self::Directory {
            provider,
            principal,
            id,
        }
    }

    /// Whether the catalog has this principal: by its id (a directory id or distinguished
    /// name, as Backstage's org providers annotate), or, for a distinguished name, by the
    /// value of its first `CN=` (the name the LDAP provider gives the entity by default).
    pub fn is_in(&self, identities: &Identities) -> bool {
        let Self::Directory { id, .. } = self else {
            return true;
        };
        identities.contains(id) || common_name(id).is_some_and(|name| identities.contains(name))
    }
}

/// The value of a distinguished name's first relative name, when it is `CN=`.
fn common_name(dn: &str) -> Option<&str> {
    let first = dn.split(',').next()?.trim();
    let (key, value) = first.split_once('=')?;
    key.trim()
        .eq_ignore_ascii_case("cn")
        .then(|| value.trim())
        .filter(|value| !value.is_empty())
}

/// A `ProjectRoleTemplateBinding`, `ClusterRoleTemplateBinding` or `GlobalRoleBinding`.
#[derive(Debug, Clone)]
pub struct Binding<'a> {
    pub document: Entity<'a>,
    pub kind: &'a str,
    pub name: &'a str,
    /// `groupPrincipalName` and `userPrincipalName`, when strings.
    pub principals: Vec<Field<'a>>,
    /// A project binding's `projectName`: `<cluster id>:<project id>`.
    pub project: Option<Field<'a>>,
}

/// A Rancher Project: its cluster (`metadata.namespace`, or `spec.clusterName`) and id.
#[derive(Debug, Clone)]
pub struct Project<'a> {
    pub document: Entity<'a>,
    pub cluster: &'a str,
    pub name: &'a str,
    /// `spec.displayName`, the name Rancher shows.
    pub display_name: Option<&'a Node>,
}

/// A Kubernetes Namespace that Rancher puts in a Project (`field.cattle.io/projectId`).
#[derive(Debug, Clone)]
pub struct Namespace<'a> {
    pub document: Entity<'a>,
    pub name: &'a str,
    /// The annotation's value and node: `<cluster id>:<project id>`.
    pub project: Field<'a>,
}

impl Namespace<'_> {
    /// The cluster id of its project.
    pub fn cluster(&self) -> &str {
        self.project
            .value
            .split_once(':')
            .map_or("", |(cluster, _)| cluster)
    }
}

/// The Rancher resources of the checked manifests.
#[derive(Debug, Clone, Default)]
pub struct Inventory<'a> {
    pub projects: Vec<Project<'a>>,
    pub bindings: Vec<Binding<'a>>,
    pub namespaces: Vec<Namespace<'a>>,
}

const BINDING_KINDS: [&str; 3] = [
    "ProjectRoleTemplateBinding",
    "ClusterRoleTemplateBinding",
    "GlobalRoleBinding",
];

impl<'a> Inventory<'a> {
    pub fn new(documents: impl IntoIterator<Item = Entity<'a>>) -> Self {
        let mut inventory = Self::default();
        for document in documents {
            if is_rancher(&document, "Project") {
                let cluster = document
                    .metadata()
                    .and_then(|metadata| metadata.get("namespace"))
                    .or_else(|| document.spec()?.get("clusterName"))
                    .and_then(Node::as_str)
                    .unwrap_or_default();
                if let Some(name) = document.name() {
                    inventory.projects.push(Project {
                        document,
                        cluster,
                        name,
                        display_name: document.spec().and_then(|spec| spec.get("displayName")),
                    });
                }
            } else if let Some(namespace) = namespace_of(document) {
                inventory.namespaces.push(namespace);
            } else if let Some(kind) = BINDING_KINDS
                .iter()
                .find(|kind| is_rancher(&document, kind))
            {
                inventory.bindings.extend(binding_of(document, kind));
            }
        }
        inventory
    }

    /// Whether a project binding's `<cluster>:<project>` is a checked Project.
    pub fn has_project(&self, reference: &str) -> bool {
        let (cluster, name) = reference.split_once(':').unwrap_or(("", reference));
        self.projects.iter().any(|project| {
            project.name == name && (cluster.is_empty() || project.cluster == cluster)
        })
    }
}

fn namespace_of(document: Entity<'_>) -> Option<Namespace<'_>> {
    if document.api_version() != Some("v1") || document.kind() != Some("Namespace") {
        return None;
    }
    let node = document
        .metadata()?
        .get("annotations")?
        .get(PROJECT_ID_ANNOTATION)?;
    Some(Namespace {
        name: document.name()?,
        project: Field {
            value: node.as_str()?,
            node,
            pointer: "/metadata/annotations/field.cattle.io~1projectId",
        },
        document,
    })
}

fn binding_of<'a>(document: Entity<'a>, kind: &'a str) -> Option<Binding<'a>> {
    // Rancher's binding fields are at the root, not under `spec`.
    let field = |key: &'static str, pointer: &'static str| {
        let node = document.root.get(key)?;
        Some(Field {
            value: node.as_str()?,
            node,
            pointer,
        })
    };
    let principals = [
        field("groupPrincipalName", "/groupPrincipalName"),
        field("userPrincipalName", "/userPrincipalName"),
    ]
    .into_iter()
    .flatten()
    .filter(|field| !field.value.is_empty())
    .collect();
    Some(Binding {
        name: document.name()?,
        kind,
        principals,
        project: field("projectName", "/projectName"),
        document,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_principal_names_of_rancher_providers() {
        let directory = |text| match PrincipalName::parse(text) {
            PrincipalName::Directory {
                provider,
                principal,
                id,
            } => format!("{provider} {} {id}", principal.kind()),
            other => format!("{other:?}"),
        };
        assert_eq!(
            directory("activedirectory_group://CN=client01,OU=Groups,DC=acme,DC=com"),
            "activedirectory group CN=client01,OU=Groups,DC=acme,DC=com"
        );
        assert_eq!(
            directory("azuread_user://4f6b2a51-9d1e-4c1b-8f5e-2b7d9c3a1e60"),
            "azuread user 4f6b2a51-9d1e-4c1b-8f5e-2b7d9c3a1e60"
        );
        assert_eq!(directory("github_team://1234"), "github group 1234");
        assert_eq!(
            directory("keycloakoidc_group://phippy"),
            "keycloakoidc group phippy"
        );
        assert_eq!(
            PrincipalName::parse("local://u-abc12"),
            PrincipalName::Local
        );
        for invalid in [
            "client01",
            "activedirectory://x",
            "_group://x",
            "azuread_group://",
        ] {
            assert!(
                matches!(PrincipalName::parse(invalid), PrincipalName::Invalid(_)),
                "{invalid}"
            );
        }
    }

    #[test]
    fn a_distinguished_name_matches_by_annotation_or_common_name() {
        let documents = crate::yaml::parse(
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: partners\n  annotations: {backstage.io/ldap-dn: 'CN=Partner Group,OU=Groups,DC=acme,DC=com'}\nspec: {type: team, children: []}\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: client01}\nspec: {type: team, children: []}\n",
            &crate::yaml::ParseOptions::default(),
        );
        let entities = documents.iter().filter_map(|document| {
            Some(Entity {
                file: 0,
                document: document.index,
                root: document.root.as_ref()?,
                contributor: None,
            })
        });
        let groups = Identities::new(Principal::Group, entities, [], &[]);
        let known = |text| PrincipalName::parse(text).is_in(&groups);
        assert!(known(
            "activedirectory_group://cn=partner group,ou=groups,dc=acme,dc=com"
        ));
        assert!(known(
            "activedirectory_group://CN=client01,OU=Groups,DC=acme,DC=com"
        ));
        assert!(!known(
            "activedirectory_group://CN=client02,OU=Groups,DC=acme,DC=com"
        ));
        assert!(!known(
            "azuread_group://9e2c0c1e-0000-4000-8000-000000000000"
        ));
    }
}
