//! Branch names and merge edges: a valid name (GIT001), an allowed merge (GIT002), the
//! release a merge into the released branch must be (GIT004, GIT005) and what a hotfix may
//! carry (GIT006).

use semver::Version;

use super::bumps::CommitSummary;
use super::findings::Findings;
use super::transition::AtHand;
use crate::policy::{Bump, VersionPolicy};
use crate::rules::git::{
    feature_in_hotfix, hotfix_not_patch, invalid_branch_name, release_not_minor,
};
use crate::versions::Transition;
use crate::versions::branches::{
    self, Branches, DEV, HOTFIX, MAIN, RELEASE, patch_releases_allowed, release_branch_version,
};
use crate::versions::bump;
use crate::versions::commits;

/// Check a branch name; its role when valid.
pub(crate) fn check_branch(name: &str, rules: &Branches<'_>, out: &mut Findings) -> Option<String> {
    match rules.check(name) {
        Ok(branch) => Some(branch.role),
        Err(problem) => {
            let file = out.branch_file(name);
            out.emit(
                &invalid_branch_name::RULE,
                file,
                problem.span,
                "",
                problem.message,
                Some(problem.help),
            );
            None
        }
    }
}

/// Where branches of `source_role` go instead of `target_role`, in the policy's names.
pub(crate) fn forbidden_merge_help(
    policy: &VersionPolicy,
    source_role: &str,
    target_role: &str,
) -> String {
    let allowed = branches::allowed_targets(policy, source_role);
    if allowed.is_empty() {
        return format!("{source_role} branches are not merged anywhere in this workflow");
    }
    let names: Vec<String> = allowed
        .iter()
        .map(|role| branches::role_name(policy, role))
        .collect();
    let main = &policy.branches.main;
    let dev = &policy.branches.dev;
    format!(
        "{source_role} branches are merged into {}{}",
        names.join(" or "),
        match (source_role, target_role) {
            (role, MAIN) if role != HOTFIX && role != DEV && role != RELEASE =>
                format!("; a fix for production is a {HOTFIX}/ branch from {main}"),
            (HOTFIX, _) => format!("; merge {main} into {dev} after the hotfix is released"),
            _ => String::new(),
        }
    )
}

/// The rules of the merge edge into the released branch (GIT004, GIT005).
pub(super) fn check_edge(
    at_hand: &AtHand,
    actual: Bump,
    input: &Transition,
    (source_role, target_role): (Option<&str>, Option<&str>),
    previous: &Version,
    policy: &VersionPolicy,
    out: &mut Findings,
) {
    if target_role != Some(MAIN) {
        return;
    }
    let patch_allowed = source_role.is_some_and(|role| patch_releases_allowed(policy, role));
    let (main, dev) = (&policy.branches.main, &policy.branches.dev);
    let source = input.source.as_deref().unwrap_or_default();
    match source_role {
        Some(DEV | RELEASE) => {
            let named = release_branch_version(source);
            if let Some(named) =
                named.filter(|named| bump::release_of(named) != bump::release_of(&at_hand.version))
            {
                out.emit(
                    &release_not_minor::RULE,
                    at_hand.file,
                    at_hand.span.clone(),
                    &at_hand.pointer,
                    format!(
                        "{source} is released as {}, not as the version it names",
                        at_hand.version
                    ),
                    Some(format!("release {named}")),
                );
            } else if actual < Bump::Minor && !patch_allowed {
                out.emit(
                    &release_not_minor::RULE,
                    at_hand.file,
                    at_hand.span.clone(),
                    &at_hand.pointer,
                    format!(
                        "{source} merged into {} is a release, so {} must be a minor or major version, not {}",
                        input.target.as_deref().unwrap_or(MAIN),
                        at_hand.label,
                        actual.release()
                    ),
                    Some(format!(
                        "release {}; a patch of production is a {HOTFIX}/ branch from {main} (or allow it: `versions.patchReleasesFrom: [{}]`)",
                        bump::apply(previous, Bump::Minor),
                        source_role.unwrap_or(RELEASE)
                    )),
                );
            }
        }
        Some(HOTFIX) => {
            let expected = bump::apply(previous, Bump::Patch);
            if at_hand.version != expected {
                out.emit(
                    &hotfix_not_patch::RULE,
                    at_hand.file,
                    at_hand.span.clone(),
                    &at_hand.pointer,
                    format!(
                        "{source} merged into {} must be released as {expected}, the next patch of {previous}, not {}",
                        input.target.as_deref().unwrap_or(MAIN),
                        at_hand.version
                    ),
                    Some(format!(
                        "tag {expected}; features and breaking changes go through {dev} (a {}/ branch)",
                        branches::feature_prefix(policy)
                    )),
                );
            }
        }
        _ => {}
    }
}

/// Feature and breaking commits in a hotfix (GIT006), one diagnostic per commit.
pub(super) fn report_features_in_hotfix(
    input: &Transition,
    summary: &CommitSummary<'_>,
    previous: Option<&Version>,
    policy: &VersionPolicy,
    out: &mut Findings,
) {
    let source = input.source.as_deref().unwrap_or("the hotfix");
    for commit in &summary.counted_commits {
        let requirement = commits::requirement(commit, previous, &policy.commits);
        if requirement.bump <= Bump::Patch {
            continue;
        }
        let what = if requirement.breaking {
            "a breaking change"
        } else {
            "a feature"
        };
        let short_name = source.split_once('/').map_or(source, |(_, name)| name);
        let file = out.commit_file(&commit.id, &commit.message);
        out.emit(
            &feature_in_hotfix::RULE,
            file,
            requirement.span,
            "",
            format!("hotfix {source} carries {what}: commit {}", commit.display()),
            Some(format!(
                "a hotfix is a patch release; move this commit to a {feature}/ branch into {} (e.g. `{feature}/{short_name}`)",
                policy.branches.dev,
                feature = branches::feature_prefix(policy)
            )),
        );
    }
}
