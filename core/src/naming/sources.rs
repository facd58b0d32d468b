//! Where namespace names appear: an entity annotation, Kubernetes `Namespace` manifests,
//! Argo CD `Application`, `AppProject` and `ApplicationSet` destinations, Rancher `Project`s,
//! Kustomize `Kustomization`s, OpenShift `Project`s and `ProjectRequest`s, Flux
//! `HelmRelease` and `Kustomization` target namespaces, Rancher Fleet's `fleet.yaml`
//! ([`fleet`]), and the items of a `v1` `List`.

pub mod fleet;

use crate::catalog::Entity;
use crate::policy::NamespaceConvention;
use crate::yaml::{Node, Trail};

/// What kind of document names the namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// An entity's namespace annotation.
    Annotation,
    /// `v1` `Namespace`: `metadata.name`.
    Namespace,
    /// Argo CD `Application`: `spec.destination.namespace`.
    Application,
    /// Argo CD `AppProject`: `spec.destinations[].namespace`.
    AppProject,
    /// Argo CD `ApplicationSet`: `spec.template.spec.destination.namespace`.
    ApplicationSet,
    /// Rancher `Project` (`management.cattle.io/v3`): `metadata.name`, unless it is an id
    /// Rancher generated.
    RancherProject,
    /// Kustomize `Kustomization`: `namespace`, the namespace of every resource it renders.
    Kustomization,
    /// OpenShift `Project` or `ProjectRequest` (`project.openshift.io`): `metadata.name`.
    OpenShiftProject,
    /// Flux `HelmRelease`: `spec.targetNamespace`, where the release is installed.
    HelmRelease,
    /// Flux `Kustomization` (`kustomize.toolkit.fluxcd.io`): `spec.targetNamespace`.
    FluxKustomization,
    /// Rancher Fleet `fleet.yaml`: `namespace`, where every resource of the bundle goes.
    FleetNamespace,
    /// Rancher Fleet `fleet.yaml`: `defaultNamespace`, for resources that name none.
    FleetDefaultNamespace,
}

impl Origin {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Annotation => "namespace annotation",
            Self::Namespace => "Namespace",
            Self::Application => "Argo CD Application destination",
            Self::AppProject => "Argo CD AppProject destination",
            Self::ApplicationSet => "Argo CD ApplicationSet destination",
            Self::RancherProject => "Rancher Project",
            Self::Kustomization => "Kustomization namespace",
            Self::OpenShiftProject => "OpenShift Project",
            Self::HelmRelease => "Flux HelmRelease target namespace",
            Self::FluxKustomization => "Flux Kustomization target namespace",
            Self::FleetNamespace => "Fleet bundle namespace",
            Self::FleetDefaultNamespace => "Fleet bundle default namespace",
        }
    }
}

/// One namespace name found in a document.
#[derive(Debug, Clone)]
pub struct NamespaceUse<'a> {
    pub entity: Entity<'a>,
    pub node: &'a Node,
    pub pointer: String,
    pub name: &'a str,
    pub origin: Origin,
    /// The app the namespace belongs to, for collisions: a Component's `kind:namespace/name`.
    pub owner: Option<String>,
    /// Why the value is not checked (a template or a wildcard), if it is not.
    pub unchecked: Option<&'static str>,
    /// A platform namespace of the policy's `exempt` list: outside the convention.
    pub exempt: bool,
}

impl<'a> NamespaceUse<'a> {
    fn new(entity: &Entity<'a>, node: &'a Node, pointer: String, origin: Origin) -> Option<Self> {
        let name = node.as_str()?;
        let unchecked = if name.contains("{{") || name.contains("${") {
            Some("it is templated")
        } else if name.contains(['*', '?', '[', '!']) {
            Some("it is a pattern")
        } else {
            None
        };
        Some(Self {
            entity: *entity,
            node,
            pointer,
            name,
            origin,
            owner: None,
            unchecked,
            exempt: false,
        })
    }
}

impl NamespaceUse<'_> {
    /// Whether this is the namespace a catalog Component's annotation names.
    pub fn is_component_annotation(&self) -> bool {
        self.origin == Origin::Annotation
            && self
                .entity
                .kind()
                .is_some_and(|kind| kind.eq_ignore_ascii_case("component"))
    }

    /// Whether the naming rules judge this name: it is literal and not exempt.
    pub fn is_judged(&self) -> bool {
        self.unchecked.is_none() && !self.exempt
    }
}

/// The compiled `exempt`/`extendExempt` and `shared` lists of the namespace convention.
#[derive(Debug, Clone)]
pub struct NamespaceSets {
    exempt: globset::GlobSet,
    shared: globset::GlobSet,
}

impl NamespaceSets {
    /// Invalid globs are left out (the policy loader reports them as `POL002`).
    pub fn new(spec: &NamespaceConvention) -> Self {
        let compile = |lists: &[&Vec<String>]| {
            let mut builder = globset::GlobSetBuilder::new();
            for glob in lists.iter().flat_map(|list| list.iter()) {
                if let Ok(glob) = globset::Glob::new(glob) {
                    builder.add(glob);
                }
            }
            builder
                .build()
                .unwrap_or_else(|_| globset::GlobSet::empty())
        };
        Self {
            exempt: compile(&[&spec.exempt, &spec.extend_exempt]),
            shared: compile(&[&spec.shared]),
        }
    }

    /// A platform namespace outside the convention.
    pub fn is_exempt(&self, name: &str) -> bool {
        self.exempt.is_match(name)
    }

    /// A namespace several apps share on purpose.
    pub fn is_shared(&self, name: &str) -> bool {
        self.shared.is_match(name)
    }
}

/// The namespace an entity names in its annotation.
pub fn entity_uses<'a>(entity: &Entity<'a>, annotation: &str) -> Vec<NamespaceUse<'a>> {
    let Some(node) = entity
        .metadata()
        .and_then(|metadata| metadata.get("annotations"))
        .and_then(|annotations| annotations.get(annotation))
    else {
        return Vec::new();
    };
    let pointer = Trail::Key(
        &Trail::Key(&Trail::Root("/metadata"), "annotations"),
        annotation,
    )
    .render();
    let owner = (entity.kind() == Some("Component")).then(|| entity.display_ref());
    NamespaceUse::new(entity, node, pointer, Origin::Annotation)
        .map(|usage| NamespaceUse { owner, ..usage })
        .into_iter()
        .collect()
}

/// The namespaces a manifest names.
pub fn manifest_uses<'a>(document: &Entity<'a>) -> Vec<NamespaceUse<'a>> {
    let root = document.root;
    let (Some(api_version), Some(kind)) = (document.api_version(), document.kind()) else {
        return Vec::new();
    };
    let at = |path: &[&str]| -> Option<&'a Node> {
        path.iter().try_fold(root, |node, key| node.get(key))
    };
    let single = |path: &[&str], origin: Origin| -> Vec<NamespaceUse<'a>> {
        let pointer = path
            .iter()
            .fold(String::new(), |pointer, key| format!("{pointer}/{key}"));
        at(path)
            .and_then(|node| NamespaceUse::new(document, node, pointer, origin))
            .into_iter()
            .collect()
    };
    let argo = api_version.starts_with("argoproj.io/");
    if kind == "List" && api_version == "v1" {
        // What `kubectl get -o yaml` writes: each item is a manifest of its own.
        return at(&["items"])
            .and_then(Node::as_sequence)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .flat_map(|(index, item)| {
                let inner = Entity {
                    root: item,
                    ..*document
                };
                manifest_uses(&inner).into_iter().map(move |mut usage| {
                    usage.pointer = format!("/items/{index}{}", usage.pointer);
                    usage
                })
            })
            .collect();
    }
    match kind {
        "Kustomization" if api_version.starts_with("kustomize.config.k8s.io/") => {
            single(&["namespace"], Origin::Kustomization)
        }
        "Kustomization" if api_version.starts_with("kustomize.toolkit.fluxcd.io/") => {
            single(&["spec", "targetNamespace"], Origin::FluxKustomization)
        }
        "HelmRelease" if api_version.starts_with("helm.toolkit.fluxcd.io/") => {
            single(&["spec", "targetNamespace"], Origin::HelmRelease)
        }
        "Project" | "ProjectRequest" if api_version.starts_with("project.openshift.io/") => {
            single(&["metadata", "name"], Origin::OpenShiftProject)
        }
        "Namespace" if api_version == "v1" => single(&["metadata", "name"], Origin::Namespace),
        "Application" if argo => single(&["spec", "destination", "namespace"], Origin::Application),
        "ApplicationSet" if argo => single(
            &["spec", "template", "spec", "destination", "namespace"],
            Origin::ApplicationSet,
        ),
        "AppProject" if argo => at(&["spec", "destinations"])
            .and_then(Node::as_sequence)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(index, destination)| {
                let node = destination.get("namespace")?;
                NamespaceUse::new(
                    document,
                    node,
                    format!("/spec/destinations/{index}/namespace"),
                    Origin::AppProject,
                )
            })
            .collect(),
        "Project" if api_version.starts_with("management.cattle.io/") => {
            // A generated id (`p-x7k2q`) names no namespace: nothing to see.
            single(&["metadata", "name"], Origin::RancherProject)
                .into_iter()
                .filter(|usage| !is_rancher_generated_id(usage.name))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Rancher's generated project ids: `p-` and five lowercase letters or digits.
fn is_rancher_generated_id(name: &str) -> bool {
    name.strip_prefix("p-").is_some_and(|id| {
        id.len() == 5
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}
