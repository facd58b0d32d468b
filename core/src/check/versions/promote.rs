//! Checking stage promotion in a GitOps repository: the versions each stage runs (see
//! [`crate::versions::promotion`]), checked as a state and, in a merge request, as a change
//! against the target branch.

use std::collections::BTreeMap;

use semver::Version;

use super::findings::Findings;
use crate::policy::VersionPolicy;
use crate::rules::Selection;
use crate::rules::stages::{
    prerelease_in_stage, skipped_stage, stage_downgrade, stage_rollback, unreleased_version,
    untested_version,
};
use crate::source::SourceFile;
use crate::versions::bump;
use crate::versions::promotion::{
    Change, Deployment, Deployments, Promotion, deployments, last_per_path,
};

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
            bump::release_of(version)
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
