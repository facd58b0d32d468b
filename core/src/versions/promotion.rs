//! Stage promotion in a GitOps repository: the version each stage runs, from Argo CD
//! Applications whose destination namespace ends in a stage (`ap-phippy-prd`), checked as a
//! state and, in a merge request, as a change against the target branch.

use std::collections::BTreeMap;
use std::ops::Range;

use semver::Version;
use serde::Serialize;

use super::findings::Findings;
use super::policy::VersionPolicy;
use crate::rules::Selection;
use crate::rules::stages::{
    prerelease_in_stage, skipped_stage, stage_downgrade, stage_rollback, unreleased_version,
    untested_version,
};
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
    fn parsed(&self) -> Option<Version> {
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

/// The result of `promote`.
#[derive(Debug, Clone, Default)]
pub struct PromotionOutcome {
    pub findings: Findings,
    /// The versions per app and stage.
    pub apps: BTreeMap<String, BTreeMap<String, String>>,
    pub changes: Vec<Change>,
}

/// Check stage promotion. `stages` are the stages in promotion order (the policy's, default
/// `dev`, `int`, `prd`).
pub fn check_promotion(
    input: &Promotion,
    stages: &[String],
    policy: &VersionPolicy,
    selection: &Selection,
) -> PromotionOutcome {
    let mut out = Findings::new(selection);
    // A path given twice stands for its last text (found by fuzzing: diagnostics of one text
    // were placed in the other).
    let input_files = last_per_path(&input.files);
    let current = deployments(&input_files, stages, policy);
    let base = deployments(&last_per_path(&input.base), stages, policy);
    let mut outcome_apps: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for deployment in current.values() {
        outcome_apps
            .entry(deployment.app.clone())
            .or_default()
            .insert(deployment.stage.clone(), deployment.version.clone());
    }
    let files: BTreeMap<&str, &SourceFile> = input_files
        .iter()
        .map(|file| (file.path.as_str(), file))
        .collect();
    let at = |out: &mut Findings, deployment: &Deployment| {
        let text = files
            .get(deployment.path.as_str())
            .map_or("", |file| file.text.as_str());
        out.file(&deployment.path, text)
    };
    let mut changes = Vec::new();
    let compare = !input.base.is_empty();
    for deployment in current.values() {
        let Some(version) = deployment.parsed() else {
            continue;
        };
        let index = stages
            .iter()
            .position(|stage| *stage == deployment.stage)
            .unwrap_or(0);
        let file = at(&mut out, deployment);
        check_prerelease(deployment, &version, policy, file, &mut out);
        if index > 0 {
            if let Some(released) = &input.released {
                if !released
                    .iter()
                    .any(|tag| Version::parse(tag).is_ok_and(|tag| tag == version))
                {
                    out.emit(
                        &unreleased_version::RULE,
                        file,
                        deployment.span.clone(),
                        &deployment.pointer,
                        format!(
                            "{} {} runs {version}, which is not a released version (no such tag)",
                            deployment.app, deployment.stage
                        ),
                        Some(format!(
                            "only tagged versions run in {}; tag it or deploy a released version",
                            deployment.stage
                        )),
                    );
                }
            }
        }
        let before = base.get(&(deployment.app.clone(), deployment.stage.clone()));
        let changed = before.is_none_or(|before| before.version != deployment.version);
        if compare && changed {
            changes.push(Change {
                app: deployment.app.clone(),
                stage: deployment.stage.clone(),
                from: before.map(|before| before.version.clone()),
                to: deployment.version.clone(),
            });
            check_change(
                deployment, &version, before, index, stages, &current, &base, policy, file,
                &mut out,
            );
        } else if index > 0 {
            check_state(
                deployment, &version, index, stages, &current, policy, file, &mut out,
            );
        }
    }
    PromotionOutcome {
        findings: out,
        apps: outcome_apps,
        changes,
    }
}

type Deployments = BTreeMap<(String, String), Deployment>;

/// Pre-releases a stage does not accept (STG002).
fn check_prerelease(
    deployment: &Deployment,
    version: &Version,
    policy: &VersionPolicy,
    file: usize,
    out: &mut Findings,
) {
    if version.pre.is_empty() {
        return;
    }
    let label = version.pre.as_str().split('.').next().unwrap_or_default();
    let accepted = policy
        .promotion
        .prereleases
        .get(&deployment.stage)
        .map_or(&[][..], Vec::as_slice);
    if accepted
        .iter()
        .any(|allowed| allowed == "*" || allowed == label)
    {
        return;
    }
    let help = if accepted.is_empty() {
        format!(
            "{} runs released versions only: deploy {}",
            deployment.stage,
            super::bump::release_of(version)
        )
    } else {
        format!(
            "{} accepts the pre-releases {}",
            deployment.stage,
            accepted
                .iter()
                .map(|label| format!("-{label}.N"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    out.emit(
        &prerelease_in_stage::RULE,
        file,
        deployment.span.clone(),
        &deployment.pointer,
        format!(
            "{} {} runs the pre-release {version}",
            deployment.app, deployment.stage
        ),
        Some(help),
    );
}

/// The versions a stage ran: on the target branch and now.
fn runs(app: &str, stage: &str, current: &Deployments, base: &Deployments) -> Vec<Version> {
    let key = (app.to_owned(), stage.to_owned());
    [current.get(&key), base.get(&key)]
        .into_iter()
        .flatten()
        .filter_map(Deployment::parsed)
        .collect()
}

fn is_hotfix_entry(
    stage: &str,
    version: &Version,
    over: Option<&Version>,
    policy: &VersionPolicy,
) -> bool {
    policy.promotion.hotfix_entry.as_deref() == Some(stage)
        && version.pre.is_empty()
        && over.is_some_and(|over| {
            over.major == version.major && over.minor == version.minor && version.patch > over.patch
        })
}

/// A stage's version changed (STG001, STG003, STG005, STG006).
#[allow(clippy::too_many_arguments)]
fn check_change(
    deployment: &Deployment,
    version: &Version,
    before: Option<&Deployment>,
    index: usize,
    stages: &[String],
    current: &Deployments,
    base: &Deployments,
    policy: &VersionPolicy,
    file: usize,
    out: &mut Findings,
) {
    let app = &deployment.app;
    let stage = &deployment.stage;
    let previous = before.and_then(Deployment::parsed);
    if let Some(previous) = &previous {
        if version.cmp_precedence(previous).is_lt() {
            if deployment.rollback && !policy.promotion.rollback_annotation.is_empty() {
                out.emit(
                    &stage_rollback::RULE,
                    file,
                    deployment.span.clone(),
                    &deployment.pointer,
                    format!("{app} {stage} is rolled back from {previous} to {version}"),
                    Some(format!(
                        "remove the `{}` annotation once the rollback is done",
                        policy.promotion.rollback_annotation
                    )),
                );
            } else {
                out.emit(
                    &stage_downgrade::RULE,
                    file,
                    deployment.span.clone(),
                    &deployment.pointer,
                    format!("{app} {stage} goes down from {previous} to {version}"),
                    Some(if policy.promotion.rollback_annotation.is_empty() {
                        "release a fix as a new version instead".to_owned()
                    } else {
                        format!(
                            "release a fix as a new version, or annotate the Application with `{}: \"<reason>\"` to roll back",
                            policy.promotion.rollback_annotation
                        )
                    }),
                );
            }
            return;
        }
    }
    if index == 0 {
        return;
    }
    let feeding = &stages[index - 1];
    let fed = runs(app, feeding, current, base);
    if fed.iter().any(|ran| ran == version)
        || is_hotfix_entry(stage, version, previous.as_ref(), policy)
    {
        return;
    }
    let skipped_from = stages[..index - 1].iter().rev().find(|earlier| {
        runs(app, earlier, current, base)
            .iter()
            .any(|ran| ran == version)
    });
    let feeding_runs = fed
        .first()
        .map_or_else(|| "nothing".to_owned(), ToString::to_string);
    if let Some(earlier) = skipped_from {
        out.emit(
            &skipped_stage::RULE,
            file,
            deployment.span.clone(),
            &deployment.pointer,
            format!("{app} {stage} gets {version} from {earlier}, skipping {feeding} (which runs {feeding_runs})"),
            Some(format!("promote {version} to {feeding} first; only {feeding} -> {stage} is a promotion into {stage}")),
        );
    } else {
        out.emit(
            &untested_version::RULE,
            file,
            deployment.span.clone(),
            &deployment.pointer,
            format!("{app} {stage} gets {version}, which {feeding} does not run ({feeding} runs {feeding_runs})"),
            Some(format!("a version reaches {stage} only after {feeding} ran it")),
        );
    }
}

/// A stage ahead of the stage before it (STG003).
#[allow(clippy::too_many_arguments)]
fn check_state(
    deployment: &Deployment,
    version: &Version,
    index: usize,
    stages: &[String],
    current: &Deployments,
    policy: &VersionPolicy,
    file: usize,
    out: &mut Findings,
) {
    let feeding = &stages[index - 1];
    let Some(fed) = current
        .get(&(deployment.app.clone(), feeding.clone()))
        .and_then(Deployment::parsed)
    else {
        return;
    };
    if version.cmp_precedence(&fed).is_le()
        || is_hotfix_entry(&deployment.stage, version, Some(&fed), policy)
    {
        return;
    }
    out.emit(
        &untested_version::RULE,
        file,
        deployment.span.clone(),
        &deployment.pointer,
        format!(
            "{} {} runs {version}, ahead of {feeding} ({fed}): it cannot have run in {feeding}",
            deployment.app, deployment.stage
        ),
        Some(format!(
            "promote through {feeding}: a version reaches {} only after {feeding} ran it",
            deployment.stage
        )),
    );
}

/// The deployments of a set of files, by app and stage.
/// The files with one text per path: the last one given.
fn last_per_path(files: &[SourceFile]) -> Vec<SourceFile> {
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

pub fn deployments(files: &[SourceFile], stages: &[String], policy: &VersionPolicy) -> Deployments {
    let mut found = Deployments::new();
    for file in files {
        for document in yaml::parse(&file.text, &ParseOptions::default()) {
            if !document.errors.is_empty() {
                continue;
            }
            let Some(root) = &document.root else {
                continue;
            };
            if let Some(deployment) = deployment(root, file, stages, policy) {
                found
                    .entry((deployment.app.clone(), deployment.stage.clone()))
                    .or_insert(deployment);
            }
        }
    }
    found
}

fn deployment(
    root: &Node,
    file: &SourceFile,
    stages: &[String],
    policy: &VersionPolicy,
) -> Option<Deployment> {
    let api_version = root.get("apiVersion")?.as_str()?;
    if !api_version.starts_with("argoproj.io/") || root.get("kind")?.as_str()? != "Application" {
        return None;
    }
    let spec = root.get("spec")?;
    let namespace = spec.get("destination")?.get("namespace")?.as_str()?;
    let (app, stage) = namespace.rsplit_once('-')?;
    if !stages.iter().any(|known| known == stage) {
        return None;
    }
    let (version, span, pointer) = version_in(spec, policy)?;
    let metadata = root.get("metadata");
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
        path: file.path.clone(),
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

/// A version from a revision or image tag: strict SemVer, after the tag prefix or a `v`.
fn as_version(text: &str, policy: &VersionPolicy) -> Option<String> {
    let text = text.trim();
    let candidates = [
        Some(text),
        text.strip_prefix(policy.tag_prefix.as_str())
            .filter(|_| !policy.tag_prefix.is_empty()),
        text.strip_prefix('v'),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|candidate| Version::parse(candidate).is_ok())
        .map(str::to_owned)
}
