//! Identities: the names by which consumers (Argo CD roles, Rancher bindings, the SSO
//! directory) know a catalog Group or User. An entity is known by its `metadata.name`, by
//! `namespace/name`, and by the values of the annotations Backstage's own org providers write:
//! `graph.microsoft.com/group-id` and `graph.microsoft.com/user-id` (Microsoft Graph, for Entra
//! ID), `backstage.io/ldap-dn` (LDAP, Active Directory), `github.com/team-slug` and
//! `github.com/user-login` (GitHub; a team slug `org/team` is also `org:team`, the group name
//! Dex's GitHub connector gives Argo CD), and those the policy adds (`identities.annotations`);
//! and by `spec.profile.email`. Names compare case-insensitively, as Backstage's do.

use std::collections::HashSet;

use crate::catalog::Entity;
use crate::yaml::Node;

/// The annotations that carry a Group's or User's identity in the directory.
pub const ANNOTATIONS: [&str; 5] = [
    "graph.microsoft.com/group-id",
    "graph.microsoft.com/user-id",
    "backstage.io/ldap-dn",
    GITHUB_TEAM_SLUG,
    "github.com/user-login",
];

/// The annotation Backstage's GitHub org provider writes on a Group: `org/team`.
const GITHUB_TEAM_SLUG: &str = "github.com/team-slug";

/// The two kinds of identity consumers grant access to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    Group,
    User,
}

impl Principal {
    /// The catalog kind, lowercase: `group` or `user`.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Group => "group",
            Self::User => "user",
        }
    }

    /// The catalog kind as Backstage spells it: `Group` or `User`.
    pub fn title(self) -> &'static str {
        match self {
            Self::Group => "Group",
            Self::User => "User",
        }
    }
}

/// The identities of the catalog's Groups, or of its Users.
#[derive(Debug, Clone, Default)]
pub struct Identities {
    names: HashSet<String>,
}

impl Identities {
    /// From the entities of that kind among `entities` and known ones (`namespace`, `name`).
    pub fn new<'a>(
        principal: Principal,
        entities: impl IntoIterator<Item = Entity<'a>>,
        known: impl IntoIterator<Item = (&'a str, &'a str)>,
        more_annotations: &[String],
    ) -> Self {
        let mut names = HashSet::new();
        let add = |names: &mut HashSet<String>, namespace: &str, name: &str| {
            names.insert(name.to_lowercase());
            names.insert(format!("{namespace}/{name}").to_lowercase());
        };
        for entity in entities {
            if !entity
                .kind()
                .is_some_and(|kind| kind.eq_ignore_ascii_case(principal.kind()))
            {
                continue;
            }
            if let Some(name) = entity.name() {
                add(&mut names, entity.namespace(), name);
            }
            let annotations = entity
                .metadata()
                .and_then(|metadata| metadata.get("annotations"));
            let more = more_annotations.iter().map(String::as_str);
            for annotation in ANNOTATIONS.into_iter().chain(more) {
                if let Some(value) = annotations
                    .and_then(|annotations| annotations.get(annotation))
                    .and_then(Node::as_str)
                {
                    let value = value.trim().to_lowercase();
                    if annotation == GITHUB_TEAM_SLUG {
                        names.insert(value.replacen('/', ":", 1));
                    }
                    names.insert(value);
                }
            }
            let email = entity
                .spec()
                .and_then(|spec| spec.get("profile"))
                .and_then(|profile| profile.get("email"))
                .and_then(Node::as_str);
            if let Some(email) = email {
                names.insert(email.trim().to_lowercase());
            }
        }
        for (namespace, name) in known {
            add(&mut names, namespace, name);
        }
        Self { names }
    }

    /// The identities of a catalog whose known entities are `kind:namespace/name` keys.
    pub fn of_catalog<'a>(
        principal: Principal,
        entities: impl IntoIterator<Item = Entity<'a>>,
        known_keys: impl IntoIterator<Item = &'a String>,
        more_annotations: &[String],
    ) -> Self {
        let prefix = format!("{}:", principal.kind());
        Self::new(
            principal,
            entities,
            known_keys
                .into_iter()
                .filter_map(|key| key.strip_prefix(prefix.as_str())?.split_once('/')),
            more_annotations,
        )
    }

    /// Whether none is known: then nothing can be said about a name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether a consumer's name is one of these identities.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(&name.trim().to_lowercase())
    }
}
