//! Identities: the names by which consumers (Argo CD roles, Rancher bindings, the SSO
//! directory) know a catalog Group. A Group is known by its `metadata.name`, by
//! `namespace/name`, and by the values of the annotations Backstage's own org providers write:
//! `graph.microsoft.com/group-id` (Microsoft Graph, for Entra ID) and `backstage.io/ldap-dn`
//! (LDAP, Active Directory). Names compare case-insensitively, as Backstage's do.

use std::collections::HashSet;

use crate::catalog::Entity;
use crate::yaml::Node;

/// The annotations that carry a Group's identity in the directory.
pub const ANNOTATIONS: [&str; 2] = ["graph.microsoft.com/group-id", "backstage.io/ldap-dn"];

/// The identities of the catalog's Groups.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    names: HashSet<String>,
}

impl Groups {
    /// From the Group entities among `entities` and known Groups (`namespace`, `name`).
    pub fn new<'a>(
        entities: impl IntoIterator<Item = Entity<'a>>,
        known: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let mut names = HashSet::new();
        let add = |names: &mut HashSet<String>, namespace: &str, name: &str| {
            names.insert(name.to_lowercase());
            names.insert(format!("{namespace}/{name}").to_lowercase());
        };
        for entity in entities {
            if !entity
                .kind()
                .is_some_and(|kind| kind.eq_ignore_ascii_case("group"))
            {
                continue;
            }
            if let Some(name) = entity.name() {
                add(&mut names, entity.namespace(), name);
            }
            let annotations = entity
                .metadata()
                .and_then(|metadata| metadata.get("annotations"));
            for annotation in ANNOTATIONS {
                if let Some(value) = annotations
                    .and_then(|annotations| annotations.get(annotation))
                    .and_then(Node::as_str)
                {
                    names.insert(value.trim().to_lowercase());
                }
            }
        }
        for (namespace, name) in known {
            add(&mut names, namespace, name);
        }
        Self { names }
    }

    /// Whether no Group is known: then nothing can be said about a group name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether a consumer's group name is a catalog Group.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(&name.trim().to_lowercase())
    }
}
