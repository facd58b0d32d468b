//! Clusters: where the consumers deploy. A catalog Resource of type `cluster` or
//! `kubernetes-cluster` declares its API server with `kubernetes.io/api-server` (the
//! annotation Backstage's Kubernetes plugin reads); an Argo CD cluster Secret
//! (`argocd.argoproj.io/secret-type: cluster`) gives a destination name its server. Only the
//! Secret's `stringData.name` and `stringData.server` are read: never its credentials.

use crate::catalog::Entity;
use crate::consumers::argocd::{Destination, IN_CLUSTER};
use crate::yaml::Node;

/// The annotation by which a cluster Resource declares its API server.
pub const API_SERVER_ANNOTATION: &str = "kubernetes.io/api-server";

/// The label that makes a Secret an Argo CD cluster.
pub const SECRET_TYPE_LABEL: &str = "argocd.argoproj.io/secret-type";

/// The `spec.type`s of cluster Resources.
pub const CLUSTER_TYPES: [&str; 2] = ["cluster", "kubernetes-cluster"];

/// A cluster Resource of the catalog.
#[derive(Debug, Clone)]
pub struct Cluster<'a> {
    pub entity: Entity<'a>,
    pub name: &'a str,
    /// `kubernetes.io/api-server`, compared as [`same_server`] does.
    pub server: Option<&'a str>,
    /// Its Rancher cluster id, in the annotation the policy names.
    pub rancher_id: Option<&'a str>,
}

/// A cluster Argo CD knows by a Secret: its name and server, and what an ApplicationSet's
/// clusters generator selects it by and gives its template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgoCluster<'a> {
    pub name: &'a str,
    pub server: &'a str,
    /// `stringData.project`; empty when absent.
    pub project: &'a str,
    /// The Secret's string labels.
    pub labels: Vec<(&'a str, &'a str)>,
}

/// The clusters of the checked files.
#[derive(Debug, Clone, Default)]
pub struct Clusters<'a> {
    pub resources: Vec<Cluster<'a>>,
    pub secrets: Vec<ArgoCluster<'a>>,
}

/// Where a destination goes, as far as the checked files say.
#[derive(Debug, Clone, Copy)]
pub enum Resolution<'c, 'a> {
    /// A cluster Resource.
    Cluster(&'c Cluster<'a>),
    /// No cluster Resource declares it: the server (or name) as written.
    Undeclared,
    /// Nothing to judge: no destination cluster, Argo CD's own cluster, or a templated one.
    NotJudged,
}

impl<'a> Clusters<'a> {
    /// From the catalog's entities and the manifests' documents.
    /// `rancher_id_annotation`: the policy's `clusters.rancherIdAnnotation`.
    pub fn new(
        entities: impl IntoIterator<Item = Entity<'a>>,
        manifests: impl IntoIterator<Item = Entity<'a>>,
        rancher_id_annotation: Option<&str>,
    ) -> Self {
        let resources = entities
            .into_iter()
            .filter_map(|entity| cluster_of(entity, rancher_id_annotation))
            .collect();
        let secrets = manifests.into_iter().filter_map(argo_cluster_of).collect();
        Self { resources, secrets }
    }

    /// Whether the catalog models clusters with their servers: only then can a destination be
    /// found wanting.
    pub fn declares_servers(&self) -> bool {
        self.resources
            .iter()
            .any(|cluster| cluster.server.is_some())
    }

    /// The cluster Resource a destination goes to: by `server`, else by `name` through an
    /// Argo CD cluster Secret's server, else by the Resource's `metadata.name`.
    pub fn resolve(&self, destination: &Destination<'_>) -> Resolution<'_, 'a> {
        let templated = |text: &str| text.contains("{{") || text.contains("${");
        if templated(destination.server) || templated(destination.name) {
            return Resolution::NotJudged;
        }
        let server = if destination.server.is_empty() {
            self.secrets
                .iter()
                .find(|secret| secret.name == destination.name)
                .map_or("", |secret| secret.server)
        } else {
            destination.server
        };
        if !server.is_empty() {
            if let Some(cluster) = self.by_server(server) {
                return Resolution::Cluster(cluster);
            }
            if same_server(server, IN_CLUSTER.1) {
                return Resolution::NotJudged;
            }
            return Resolution::Undeclared;
        }
        if destination.name.is_empty() || destination.name == IN_CLUSTER.0 {
            return Resolution::NotJudged;
        }
        self.resources
            .iter()
            .find(|cluster| cluster.name.eq_ignore_ascii_case(destination.name))
            .map_or(Resolution::Undeclared, Resolution::Cluster)
    }

    /// Whether the catalog names clusters by their Rancher ids.
    pub fn declares_rancher_ids(&self) -> bool {
        self.resources
            .iter()
            .any(|cluster| cluster.rancher_id.is_some())
    }

    /// The cluster Resource of a Rancher cluster id.
    pub fn by_rancher_id(&self, id: &str) -> Option<&Cluster<'a>> {
        self.resources
            .iter()
            .find(|cluster| cluster.rancher_id == Some(id))
    }

    fn by_server(&self, server: &str) -> Option<&Cluster<'a>> {
        self.resources.iter().find(|cluster| {
            cluster
                .server
                .is_some_and(|declared| same_server(declared, server))
        })
    }
}

/// Servers compare without a trailing `/` and case-insensitively (scheme and host are).
pub fn same_server(left: &str, right: &str) -> bool {
    let trim = |server: &str| server.trim().trim_end_matches('/').to_ascii_lowercase();
    trim(left) == trim(right)
}

fn cluster_of<'a>(entity: Entity<'a>, rancher_id_annotation: Option<&str>) -> Option<Cluster<'a>> {
    if !entity
        .kind()
        .is_some_and(|kind| kind.eq_ignore_ascii_case("resource"))
    {
        return None;
    }
    let kind = entity.spec()?.get("type")?.as_str()?;
    if !CLUSTER_TYPES.contains(&kind) {
        return None;
    }
    let annotation = |name: &str| {
        entity
            .metadata()
            .and_then(|metadata| metadata.get("annotations"))
            .and_then(|annotations| annotations.get(name))
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    Some(Cluster {
        name: entity.name()?,
        server: annotation(API_SERVER_ANNOTATION),
        rancher_id: rancher_id_annotation.and_then(annotation),
        entity,
    })
}

/// The cluster an Argo CD cluster Secret declares, or `None` for another document.
pub fn argo_cluster_of(document: Entity<'_>) -> Option<ArgoCluster<'_>> {
    if document.api_version() != Some("v1") || document.kind() != Some("Secret") {
        return None;
    }
    let label = document
        .metadata()?
        .get("labels")?
        .get(SECRET_TYPE_LABEL)?
        .as_str()?;
    if label != "cluster" {
        return None;
    }
    let data = document.root.get("stringData")?;
    let labels = document
        .metadata()?
        .get("labels")?
        .as_mapping()
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| Some((entry.key.as_str()?, entry.value.as_str()?)))
        .collect();
    Some(ArgoCluster {
        name: data.get("name")?.as_str()?,
        server: data.get("server")?.as_str()?,
        project: data
            .get("project")
            .and_then(Node::as_str)
            .unwrap_or_default(),
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, ParseOptions};

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

    fn clusters_of(catalog: &str, manifests: &str, test: impl FnOnce(&Clusters<'_>)) {
        let catalog = yaml::parse(catalog, &ParseOptions::default());
        let manifests = yaml::parse(manifests, &ParseOptions::default());
        test(&Clusters::new(
            entities(&catalog),
            entities(&manifests),
            None,
        ));
    }

    const CATALOG: &str = "apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: cluster-prd
  annotations: {kubernetes.io/api-server: 'https://prd.acme.com:6443/'}
spec: {type: kubernetes-cluster, owner: platform}
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: {name: cluster-int}
spec: {type: cluster, owner: platform}
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: {name: db, annotations: {kubernetes.io/api-server: 'https://db'}}
spec: {type: database, owner: platform}
";

    const SECRET: &str = "apiVersion: v1
kind: Secret
metadata:
  name: prd
  labels: {argocd.argoproj.io/secret-type: cluster}
stringData:
  name: prd-eu1
  server: https://PRD.acme.com:6443
  config: '{\"bearerToken\": \"not read\"}'
";

    fn destination<'a>(server: &'a str, name: &'a str) -> Destination<'a> {
        Destination {
            server,
            name,
            namespace: "ap-phippy-prd",
        }
    }

    #[test]
    fn resolves_servers_names_and_secrets() {
        clusters_of(CATALOG, SECRET, |clusters| {
            assert_eq!(clusters.resources.len(), 2, "a database is no cluster");
            assert!(clusters.declares_servers());
            let name_of = |resolution: Resolution<'_, '_>| match resolution {
                Resolution::Cluster(cluster) => cluster.name.to_owned(),
                Resolution::Undeclared => "undeclared".to_owned(),
                Resolution::NotJudged => "not judged".to_owned(),
            };
            let resolve = |server, name| name_of(clusters.resolve(&destination(server, name)));
            assert_eq!(resolve("https://prd.acme.com:6443", ""), "cluster-prd");
            assert_eq!(resolve("", "prd-eu1"), "cluster-prd", "through the Secret");
            assert_eq!(
                resolve("", "cluster-int"),
                "cluster-int",
                "by the Resource's name"
            );
            assert_eq!(resolve("https://int.acme.com", ""), "undeclared");
            assert_eq!(resolve("", "elsewhere"), "undeclared");
            assert_eq!(resolve("https://kubernetes.default.svc", ""), "not judged");
            assert_eq!(resolve("", "in-cluster"), "not judged");
            assert_eq!(resolve("{{server}}", ""), "not judged");
            assert_eq!(resolve("", ""), "not judged");
        });
    }

    #[test]
    fn reads_only_the_name_and_server_of_cluster_secrets() {
        clusters_of("", SECRET, |clusters| {
            assert_eq!(
                clusters.secrets,
                [ArgoCluster {
                    name: "prd-eu1",
                    server: "https://PRD.acme.com:6443",
                    project: "",
                    labels: vec![("argocd.argoproj.io/secret-type", "cluster")],
                }]
            );
            assert!(!clusters.declares_servers());
        });
        let repository = SECRET.replace("secret-type: cluster", "secret-type: repository");
        clusters_of("", &repository, |clusters| {
            assert!(clusters.secrets.is_empty());
        });
    }
}
