//! Checking one transition: the branch names and merge edge, the version at hand, the commits
//! and the version the transition must produce. The checks are by concept in [`super::edges`],
//! [`super::tags`] and [`super::bumps`].

use std::ops::Range;

use semver::Version;

use super::bumps::{check_bump, commit_summary, next_version};
use super::edges::{check_branch, check_edge, forbidden_merge_help, report_features_in_hotfix};
use super::findings::Findings;
use super::policy_selection;
use super::tags::{
    check_placement, check_step, report_duplicates, report_prefix_drift, version_at_hand,
};
use crate::policy::VersionPolicy;
use crate::rules::Selection;
use crate::rules::git::{forbidden_merge, incomplete_history};
use crate::rules::versions::{nothing_to_release, unusual_first_version};
use crate::versions::branches::{self, Branches, HOTFIX, MAIN};
use crate::versions::bump;
use crate::versions::commits::Commit;
use crate::versions::tags;
use crate::versions::{TagPrefix, Transition, TransitionFacts};

/// A checked transition.
#[derive(Debug, Clone, Default)]
pub struct TransitionOutcome {
    pub findings: Findings,
    pub facts: TransitionFacts,
}

/// Check a transition against the policy; `selection` sets which rules run at which severity.
pub fn check_transition(
    input: &Transition,
    policy: &VersionPolicy,
    selection: &Selection,
) -> TransitionOutcome {
    let mut findings = Findings::new(&policy_selection(policy, selection));
    let tag_prefix = TagPrefix::resolve(policy, input.component.as_deref(), input.tag_names());
    let facts = transition(input, policy, &tag_prefix, &mut findings);
    TransitionOutcome { findings, facts }
}

/// The version at hand and where to report about it.
pub(super) struct AtHand {
    pub(super) version: Version,
    pub(super) file: usize,
    /// The span of the whole version (or tag) in its file.
    pub(super) span: Range<usize>,
    pub(super) pointer: String,
    /// How messages name it: `tag 1.3.0`, `version 1.3.0 (Chart.yaml)`.
    pub(super) label: String,
}

/// Check a transition with the tag prefix in force, reporting into `out`; its facts.
pub(crate) fn transition(
    input: &Transition,
    policy: &VersionPolicy,
    tag_prefix: &TagPrefix,
    out: &mut Findings,
) -> TransitionFacts {
    let prefix = tag_prefix.prefix.as_str();
    let prefixes = tag_prefix.prefixes();
    let rules = Branches::new(&policy.branches);
    let mut facts = TransitionFacts {
        component: input.component.clone(),
        source: input.source.clone(),
        target: input.target.clone(),
        ..TransitionFacts::default()
    };
    facts.source_role = input
        .source
        .as_deref()
        .and_then(|name| check_branch(name, &rules, out));
    facts.target_role = input
        .target
        .as_deref()
        .and_then(|name| check_branch(name, &rules, out));
    if let (Some(source), Some(target), Some(source_role), Some(target_role)) = (
        &input.source,
        &input.target,
        &facts.source_role,
        &facts.target_role,
    ) {
        if source == target {
            facts.reasons.push(format!(
                "{source} into {target}: another copy of the same branch (a pull from its remote), no merge of the workflow"
            ));
        } else if source_role == branches::LONG_LIVED || target_role == branches::LONG_LIVED {
            facts.reasons.push(format!(
                "{source} ({source_role}) into {target} ({target_role}): a branch of `branches.longLived`, outside the workflow's merges"
            ));
        } else if branches::merge_allowed(policy, source_role, target_role) {
            facts.reasons.push(format!(
                "{source} ({source_role}) may be merged into {target} ({target_role})"
            ));
        } else {
            let file = out.branch_file(source);
            out.emit_at(
                &forbidden_merge::RULE,
                file,
                format!(
                    "{source} may not be merged into {target}{}",
                    merge_evidence(input)
                ),
                Some(forbidden_merge_help(policy, source_role, target_role)),
            );
        }
    }

    let at_hand = version_at_hand(input, tag_prefix, out);
    if let Some(at_hand) = &at_hand {
        facts.version = Some(at_hand.version.to_string());
        facts.tag = Some(
            input
                .tag
                .clone()
                .unwrap_or_else(|| format!("{prefix}{}", at_hand.version)),
        );
        check_placement(at_hand, input, facts.target_role.as_deref(), out);
    }

    if let Some(incomplete) = &input.incomplete {
        let file = out.file(&incomplete.path, "");
        out.emit(
            &incomplete_history::RULE,
            file,
            0..0,
            "",
            incomplete.message.clone(),
            Some(incomplete.help.clone()),
        );
        facts
            .reasons
            .push("the history is incomplete: nothing about previous releases is known".to_owned());
        return facts;
    }

    // The previous release, and versions that exist already.
    let previous = tags::previous_release(&input.tags, prefix, &prefixes, input.tag.as_deref());
    if let Some((tag, version)) = &previous {
        facts.previous = Some(tag.name.clone());
        facts.previous_version = Some(version.to_string());
        facts.reasons.push(format!(
            "the previous release is {} (the highest version reachable from {})",
            tag.display(),
            input.target.as_deref().unwrap_or("the tagged commit")
        ));
    } else {
        facts
            .reasons
            .push("there is no previous release: this is the first".to_owned());
    }
    let previous_version = previous.as_ref().map(|(_, version)| version.clone());
    report_prefix_drift(input, tag_prefix, previous_version.as_ref(), out);
    let duplicate = at_hand
        .as_ref()
        .is_some_and(|at_hand| report_duplicates(at_hand, input, tag_prefix, out));

    // The commits.
    let summary = commit_summary(input, previous_version.as_ref(), policy, out);
    facts.commits = summary.counted;
    facts.required_bump = summary.required;
    facts.required_by = summary.required_by.map(Commit::display);
    if let Some(commit) = &summary.required_by {
        facts.reasons.push(format!(
            "{} requires {}, the most of the {} commit{}",
            commit.display(),
            summary.required.release(),
            summary.counted,
            if summary.counted == 1 { "" } else { "s" }
        ));
    } else if summary.counted > 0 {
        facts.reasons.push(format!(
            "none of the {} commits requires a release",
            summary.counted
        ));
    }

    let source_role = facts.source_role.as_deref();
    let target_role = facts.target_role.as_deref();
    if source_role == Some(HOTFIX) {
        report_features_in_hotfix(input, &summary, previous_version.as_ref(), policy, out);
    }

    if let Some(at_hand) = &at_hand {
        if summary.non_merge == 0 && previous.is_some() {
            out.emit(
                &nothing_to_release::RULE,
                at_hand.file,
                at_hand.span.clone(),
                &at_hand.pointer,
                format!(
                    "nothing to release: {} has no commit since the previous release {}",
                    at_hand.label,
                    previous
                        .as_ref()
                        .map_or_else(String::new, |(tag, _)| tag.display())
                ),
                Some("release only when something changed".to_owned()),
            );
        }
        match &previous {
            None => {
                let release = bump::release_of(&at_hand.version);
                if !policy
                    .first_versions
                    .iter()
                    .any(|first| Version::parse(first).is_ok_and(|first| first == release))
                {
                    out.emit(
                        &unusual_first_version::RULE,
                        at_hand.file,
                        at_hand.span.clone(),
                        &at_hand.pointer,
                        format!(
                            "{} is the first release, but not {}",
                            at_hand.label,
                            policy.first_versions.join(" or ")
                        ),
                        Some(format!(
                            "start at {}; if this repository has releases, fetch its tags (`git fetch --tags`)",
                            policy.first_versions.join(" or ")
                        )),
                    );
                }
            }
            Some((previous_tag, previous_version)) => {
                let actual = check_step(at_hand, previous_tag, previous_version, duplicate, out);
                facts.actual_bump = actual;
                if let Some(actual) = actual {
                    check_bump(at_hand, actual, &summary, previous_version, out);
                    check_edge(
                        at_hand,
                        actual,
                        input,
                        (source_role, target_role),
                        previous_version,
                        policy,
                        out,
                    );
                }
            }
        }
    }

    if target_role == Some(MAIN) || (input.target.is_none() && input.tag.is_some()) {
        let next = next_version(
            input,
            source_role,
            &summary,
            previous_version.as_ref(),
            policy,
            &mut facts.reasons,
        );
        facts.next_tag = next.as_ref().map(|next| format!("{prefix}{next}"));
        facts.next_version = next.map(|next| next.to_string());
    } else if let Some(target) = &input.target {
        facts.reasons.push(format!(
            "a merge into {target} is not released: only merges into {} are tagged",
            policy.branches.main
        ));
    }
    facts
}

/// What a forbidden merge's message cites: the tagged merge commit (` (merge commit 1a2b3c4,
/// tagged 1.2.0)`); nothing for the merge at hand, whose branches were given.
fn merge_evidence(input: &Transition) -> String {
    let Some(commit) = &input.merge_commit else {
        return String::new();
    };
    let short: String = commit.chars().take(7).collect();
    match &input.tag {
        Some(tag) => format!(" (merge commit {short}, tagged {tag})"),
        None => format!(" (merge commit {short})"),
    }
}
