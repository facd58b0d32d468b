//! Stage promotion facts in a GitOps repository: the version each stage runs, from Argo CD
//! Applications whose destination namespace ends in a stage (`ap-phippy-prd`), and Flux
//! HelmReleases and Kustomizations whose target namespace does (a Kustomization runs its
//! source's revision: the `GitRepository` or `OCIRepository` `spec.ref.tag` or exact `semver`).

use std::collections::BTreeMap;
use std::ops::Range;

use semver::Version;
use serde::Serialize;

use crate::policy::VersionPolicy;
use crate::source::SourceFile;
use crate::yaml::{self, Node, ParseOptions, escape_pointer_token};

/// What `promote` reads.
#[derive(Debug, Clone, Default)]
pub struct Promotion {
    /// The repository's YAML files as they are (the working tree or the merge request).
    pub files: Vec<SourceFile>,
    /// The same files on the target branch; empty: no comparison.
    pub base: Vec<SourceFile>,
    /// The released versions (tags without prefix) of the apps; none: not checked.
    pub released: Option<Vec<String>>,
}

/// The version one stage of one app runs, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deployment {
    /// The namespace without its stage part (`ap-phippy`).
    pub app: String,
    pub stage: String,
    pub namespace: String,
    /// The Application's name.
    pub application: String,
    pub version: String,
    pub path: String,
    #[serde(skip)]
    pub span: Range<usize>,
    pub pointer: String,
    /// The Application is annotated as a rollback.
    pub rollback: bool,
}

impl Deployment {
    /// The version, if it is SemVer.
    pub fn parsed(&self) -> Option<Version> {
        Version::parse(&self.version).ok()
    }
}

/// A stage whose version changed against the target branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub app: String,
    pub stage: String,
    pub from: Option<String>,
    pub to: String,
}

/// Deployments by app and stage.
pub type Deployments = BTreeMap<(String, String), Deployment>;

/// The files with one text per path: the last one given.
pub fn last_per_path(files: &[SourceFile]) -> Vec<SourceFile> {
    let mut unique: Vec<SourceFile> = Vec::with_capacity(files.len());
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for file in files {
        if let Some(&index) = at.get(file.path.as_str()) {
            unique[index] = file.clone();
        } else {
            at.insert(&file.path, unique.len());
            unique.push(file.clone());
        }
    }
    unique
}

/// The deployments of a set of files, by app and stage.
pub fn deployments(files: &[SourceFile], stages: &[String], policy: &VersionPolicy) -> Deployments {
    let parsed: Vec<(&SourceFile, Vec<yaml::Document>)> = files
        .iter()
        .map(|file| (file, yaml::parse(&file.text, &ParseOptions::default())))
        .collect();
    let roots = || {
        parsed.iter().flat_map(|(file, documents)| {
            documents
                .iter()
                .filter(|document| document.errors.is_empty())
                .filter_map(move |document| Some((*file, document.root.as_ref()?)))
        })
    };
    let sources = FluxSources::new(roots(), policy);
    let mut found = Deployments::new();
    for (file, root) in roots() {
        if let Some(deployment) = deployment(root, file, stages, policy, &sources) {
            found
                .entry((deployment.app.clone(), deployment.stage.clone()))
                .or_insert(deployment);
        }
    }
    found
}

/// A version and where it is written: the file, the range and the pointer.
type Written = (String, Range<usize>, String);

/// The Flux sources (`GitRepository`, `OCIRepository`) whose `spec.ref` is a version (`tag`,
/// or a `semver` that is one exact version), by kind and name, with their namespaces.
struct FluxSources<'a> {
    by_name: Vec<(&'a str, &'a str, Option<&'a str>, &'a SourceFile, Written)>,
}

impl<'a> FluxSources<'a> {
    fn new(
        roots: impl Iterator<Item = (&'a SourceFile, &'a Node)>,
        policy: &VersionPolicy,
    ) -> Self {
        let mut by_name = Vec::new();
        for (file, root) in roots {
            let text = |node: Option<&'a Node>| node.and_then(Node::as_str);
            let (Some(api_version), Some(kind)) =
                (text(root.get("apiVersion")), text(root.get("kind")))
            else {
                continue;
            };
            if !api_version.starts_with("source.toolkit.fluxcd.io/")
                || !matches!(kind, "GitRepository" | "OCIRepository")
            {
                continue;
            }
            let metadata = root.get("metadata");
            let Some(name) = text(metadata.and_then(|metadata| metadata.get("name"))) else {
                continue;
            };
            let namespace = text(metadata.and_then(|metadata| metadata.get("namespace")));
            let reference = root.get("spec").and_then(|spec| spec.get("ref"));
            let version = ["tag", "semver"].into_iter().find_map(|key| {
                let node = reference?.get(key)?;
                let version = as_version(node.as_str()?, policy)?;
                Some((version, node.span.clone(), format!("/spec/ref/{key}")))
            });
            if let Some(version) = version {
                by_name.push((kind, name, namespace, file, version));
            }
        }
        Self { by_name }
    }

    /// The version of the source a Kustomization's `sourceRef` names, and the file it is in:
    /// in the namespace it names (else the Kustomization's own).
    fn version(
        &self,
        reference: &Node,
        own_namespace: Option<&str>,
    ) -> Option<(&'a SourceFile, Written)> {
        let text = |key: &str| reference.get(key).and_then(Node::as_str);
        let (kind, name) = (text("kind")?, text("name")?);
        let namespace = text("namespace").or(own_namespace);
        let candidates: Vec<_> = self
            .by_name
            .iter()
            .filter(|(source_kind, source_name, ..)| *source_kind == kind && *source_name == name)
            .collect();
        // In the namespace it names, or a source whose namespace is not written; without a
        // namespace, the only source of that name.
        let chosen = match namespace {
            Some(namespace) => candidates
                .iter()
                .find(|(_, _, source, ..)| *source == Some(namespace))
                .or_else(|| {
                    candidates
                        .iter()
                        .find(|(_, _, source, ..)| source.is_none())
                })?,
            None => (candidates.len() == 1).then(|| &candidates[0])?,
        };
        Some((chosen.3, chosen.4.clone()))
    }
}

fn deployment(
    root: &Node,
    file: &SourceFile,
    stages: &[String],
    policy: &VersionPolicy,
    sources: &FluxSources<'_>,
) -> Option<Deployment> {
    let api_version = root.get("apiVersion")?.as_str()?;
    let kind = root.get("kind")?.as_str()?;
    let spec = root.get("spec")?;
    let metadata = root.get("metadata");
    let own_namespace = metadata
        .and_then(|metadata| metadata.get("namespace"))
        .and_then(Node::as_str);
    let mut written_in = file;
    let (namespace, (version, span, pointer)) = if api_version.starts_with("argoproj.io/")
        && kind == "Application"
    {
        let namespace = spec.get("destination")?.get("namespace")?.as_str()?;
        (namespace, version_in(spec, policy)?)
    } else if api_version.starts_with("helm.toolkit.fluxcd.io/") && kind == "HelmRelease" {
        // Without `targetNamespace` the release goes to the HelmRelease's own namespace.
        let namespace = spec
            .get("targetNamespace")
            .and_then(Node::as_str)
            .or(own_namespace)?;
        (namespace, helm_release_version(spec, policy)?)
    } else if api_version.starts_with("kustomize.toolkit.fluxcd.io/") && kind == "Kustomization" {
        // What it applies is its source's revision, written in the source.
        let namespace = spec.get("targetNamespace")?.as_str()?;
        let (source_file, version) = sources.version(spec.get("sourceRef")?, own_namespace)?;
        written_in = source_file;
        (namespace, version)
    } else {
        return None;
    };
    let (app, stage) = namespace.rsplit_once('-')?;
    if !stages.iter().any(|known| known == stage) {
        return None;
    }
    let annotation = &policy.promotion.rollback_annotation;
    let rollback = !annotation.is_empty()
        && metadata
            .and_then(|metadata| metadata.get("annotations"))
            .and_then(|annotations| annotations.get(annotation))
            .and_then(Node::as_str)
            .is_some_and(|value| !value.trim().is_empty() && value.trim() != "false");
    Some(Deployment {
        app: app.to_owned(),
        stage: stage.to_owned(),
        namespace: namespace.to_owned(),
        application: metadata
            .and_then(|metadata| metadata.get("name"))
            .and_then(Node::as_str)
            .unwrap_or_default()
            .to_owned(),
        version,
        path: written_in.path.clone(),
        span,
        pointer,
        rollback,
    })
}

/// The version in an Application's sources: a `targetRevision` that is a version, else a
/// Helm parameter or value named by the policy.
fn version_in(spec: &Node, policy: &VersionPolicy) -> Option<(String, Range<usize>, String)> {
    let mut sources: Vec<(&Node, String)> = Vec::new();
    if let Some(source) = spec.get("source") {
        sources.push((source, "/spec/source".to_owned()));
    }
    for (index, source) in spec
        .get("sources")
        .and_then(Node::as_sequence)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        sources.push((source, format!("/spec/sources/{index}")));
    }
    for (source, pointer) in &sources {
        if let Some(revision) = source.get("targetRevision").and_then(Node::as_str) {
            if let Some(version) = as_version(revision, policy) {
                return Some((
                    version,
                    source.get("targetRevision")?.span.clone(),
                    format!("{pointer}/targetRevision"),
                ));
            }
        }
    }
    for (source, pointer) in &sources {
        let Some(helm) = source.get("helm") else {
            continue;
        };
        for (index, parameter) in helm
            .get("parameters")
            .and_then(Node::as_sequence)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let name = parameter.get("name").and_then(Node::as_str);
            if name.is_some_and(|name| policy.promotion.version_keys.iter().any(|key| key == name))
            {
                if let Some(value) = parameter.get("value") {
                    if let Some(version) = value.as_str().and_then(|text| as_version(text, policy))
                    {
                        return Some((
                            version,
                            value.span.clone(),
                            format!("{pointer}/helm/parameters/{index}/value"),
                        ));
                    }
                }
            }
        }
        if let Some(values) = helm.get("valuesObject") {
            for key in &policy.promotion.version_keys {
                let mut node = values;
                let mut path = format!("{pointer}/helm/valuesObject");
                let mut found = true;
                for part in key.split('.') {
                    let Some(child) = node.get(part) else {
                        found = false;
                        break;
                    };
                    node = child;
                    path = format!("{path}/{}", escape_pointer_token(part));
                }
                if let Some(version) = node
                    .as_str()
                    .filter(|_| found)
                    .and_then(|text| as_version(text, policy))
                {
                    return Some((version, node.span.clone(), path));
                }
            }
        }
        if let Some(values) = helm.get("values") {
            if let Some(text) = values.as_str() {
                let documents = yaml::parse(text, &ParseOptions::default());
                if let Some(root) = documents
                    .first()
                    .and_then(|document| document.root.as_ref())
                {
                    for key in &policy.promotion.version_keys {
                        let mut node = Some(root);
                        for part in key.split('.') {
                            node = node.and_then(|node| node.get(part));
                        }
                        if let Some(version) = node
                            .and_then(Node::as_str)
                            .and_then(|text| as_version(text, policy))
                        {
                            return Some((
                                version,
                                values.span.clone(),
                                format!("{pointer}/helm/values"),
                            ));
                        }
                    }
                }
            }
        }
    }
    None
}

/// The version a Flux HelmRelease installs: its chart's `version`, else a value named by the
/// policy in `spec.values`.
fn helm_release_version(
    spec: &Node,
    policy: &VersionPolicy,
) -> Option<(String, Range<usize>, String)> {
    let chart_version = spec
        .get("chart")
        .and_then(|chart| chart.get("spec"))
        .and_then(|chart| chart.get("version"));
    if let Some(node) = chart_version {
        if let Some(version) = node.as_str().and_then(|text| as_version(text, policy)) {
            return Some((
                version,
                node.span.clone(),
                "/spec/chart/spec/version".into(),
            ));
        }
    }
    let values = spec.get("values")?;
    policy.promotion.version_keys.iter().find_map(|key| {
        let mut node = values;
        let mut path = "/spec/values".to_owned();
        for part in key.split('.') {
            node = node.get(part)?;
            path = format!("{path}/{}", escape_pointer_token(part));
        }
        let version = node.as_str().and_then(|text| as_version(text, policy))?;
        Some((version, node.span.clone(), path))
    })
}

/// A version from a revision or image tag: strict SemVer, after the tag prefix or a `v`.
fn as_version(text: &str, policy: &VersionPolicy) -> Option<String> {
    let text = text.trim();
    let prefix = policy.tag_prefix.as_deref().unwrap_or_default();
    let candidates = [
        Some(text),
        text.strip_prefix(prefix).filter(|_| !prefix.is_empty()),
        text.strip_prefix('v'),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|candidate| Version::parse(candidate).is_ok())
        .map(str::to_owned)
}
