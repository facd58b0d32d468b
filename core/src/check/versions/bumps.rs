//! The commits of a transition: their grammar (VER011-013), the bump they require against
//! the version's (VER008, VER010) and the version a merge into the released branch must
//! produce.

use semver::Version;

use super::findings::Findings;
use super::transition::AtHand;
use crate::policy::{Bump, VersionPolicy};
use crate::rules::versions::{
    insufficient_bump, major_without_breaking_change, non_conventional_commit, unknown_commit_type,
    unseparated_breaking_footer,
};
use crate::versions::Transition;
use crate::versions::branches::{
    DEV, HOTFIX, RELEASE, patch_releases_allowed, release_branch_version,
};
use crate::versions::bump;
use crate::versions::commits::{self, Commit};

/// The commits of a transition, summed up.
pub(super) struct CommitSummary<'a> {
    /// Non-merge commits (including fixup!/squash!/amend!).
    pub(super) non_merge: usize,
    /// Counted commits.
    pub(super) counted: usize,
    pub(super) counted_commits: Vec<&'a Commit>,
    pub(super) required: Bump,
    pub(super) required_by: Option<&'a Commit>,
    pub(super) bumps: Vec<Bump>,
    pub(super) breaking: Vec<&'a Commit>,
}

impl CommitSummary<'_> {
    /// How many commits require `bump`.
    fn requiring(&self, bump: Bump) -> usize {
        self.bumps.iter().filter(|each| **each == bump).count()
    }
}

/// Grammar checks of each commit (VER011, VER012) and the bump they require.
pub(super) fn commit_summary<'a>(
    input: &'a Transition,
    previous: Option<&Version>,
    policy: &VersionPolicy,
    out: &mut Findings,
) -> CommitSummary<'a> {
    let mut summary = CommitSummary {
        non_merge: 0,
        counted: 0,
        counted_commits: Vec::new(),
        required: Bump::None,
        required_by: None,
        bumps: Vec::new(),
        breaking: Vec::new(),
    };
    for commit in &input.commits {
        if !commit.is_merge() {
            summary.non_merge += 1;
        }
        let requirement = commits::requirement(commit, previous, &policy.commits);
        if requirement.skipped {
            continue;
        }
        summary.counted += 1;
        summary.counted_commits.push(commit);
        summary.bumps.push(requirement.bump);
        if let Some((reason, _)) = &requirement.invalid {
            let file = out.commit_file(&commit.id, &commit.message);
            let header = commit.header().len();
            out.emit(
                &non_conventional_commit::RULE,
                file,
                0..header,
                "",
                format!(
                    "commit {} is not a conventional commit: {reason}",
                    commit.display()
                ),
                Some(
                    "write the header as `type(scope)!: description`, e.g. `feat: Add feature 1`"
                        .to_owned(),
                ),
            );
        }
        if let (Some(span), Some(kind)) = (&requirement.unknown_kind, &requirement.kind) {
            let file = out.commit_file(&commit.id, &commit.message);
            let known: Vec<&str> = policy
                .commits
                .minor
                .iter()
                .chain(&policy.commits.patch)
                .chain(&policy.commits.other)
                .map(String::as_str)
                .collect();
            out.emit(
                &unknown_commit_type::RULE,
                file,
                span.clone(),
                "",
                format!(
                    "unknown commit type \"{kind}\" in commit {}",
                    commit.display()
                ),
                Some(format!("use one of {}", known.join(", "))),
            );
        }
        if requirement.breaking {
            summary.breaking.push(commit);
        } else if let Some(span) = commits::unseparated_breaking_footers(&commit.message)
            .into_iter()
            .next()
        {
            let theirs = previous.map_or_else(
                || "a major release".to_owned(),
                |previous| format!("a major release ({})", bump::apply(previous, Bump::Major)),
            );
            let ours = match (requirement.bump, previous) {
                (Bump::None, _) => "no release".to_owned(),
                (bump, Some(previous)) => {
                    format!("{} ({})", bump.release(), bump::apply(previous, bump))
                }
                (bump, None) => bump.release().to_owned(),
            };
            let file = out.commit_file(&commit.id, &commit.message);
            out.emit(
                &unseparated_breaking_footer::RULE,
                file,
                span,
                "",
                format!(
                    "commit {} has `BREAKING CHANGE:` without a blank line before it: Conventional Commits reads no footer there, so it requires {ours}; semantic-release and conventional-changelog read a breaking change and release {theirs}",
                    commit.display()
                ),
                Some(
                    "put a blank line before `BREAKING CHANGE:` if it is one (the footer), else reword the line".to_owned(),
                ),
            );
        }
        if requirement.bump > summary.required {
            summary.required = requirement.bump;
            summary.required_by = Some(commit);
        }
    }
    summary
}

/// What the commits require against what the version is (VER008, VER010).
pub(super) fn check_bump(
    at_hand: &AtHand,
    actual: Bump,
    summary: &CommitSummary<'_>,
    previous: &Version,
    out: &mut Findings,
) {
    if actual != Bump::None && actual < summary.required {
        if let Some(commit) = summary.required_by {
            let more = summary.requiring(summary.required).saturating_sub(1);
            let why = if summary
                .breaking
                .first()
                .is_some_and(|first| first.id == commit.id)
            {
                "a breaking change"
            } else {
                "a change"
            };
            out.emit(
                &insufficient_bump::RULE,
                at_hand.file,
                at_hand.span.clone(),
                &at_hand.pointer,
                format!(
                    "{} is {}, but commit {} is {why} that requires {}{}",
                    at_hand.label,
                    actual.release(),
                    commit.display(),
                    summary.required.release(),
                    if more > 0 {
                        format!(" (and {more} more commits)")
                    } else {
                        String::new()
                    }
                ),
                Some(format!(
                    "release {}",
                    bump::apply(previous, summary.required)
                )),
            );
        }
    }
    if actual == Bump::Major && summary.breaking.is_empty() && previous.major >= 1 {
        out.emit(
            &major_without_breaking_change::RULE,
            at_hand.file,
            at_hand.span.clone(),
            &at_hand.pointer,
            format!(
                "{} is a major release, but no commit since {previous} is a breaking change",
                at_hand.label
            ),
            Some(format!(
                "release {}, or mark the breaking commit with `!` or a `BREAKING CHANGE:` footer",
                bump::apply(previous, summary.required.max(Bump::Patch))
            )),
        );
    }
}

/// The version a merge into the released branch must produce.
pub(super) fn next_version(
    input: &Transition,
    source_role: Option<&str>,
    summary: &CommitSummary<'_>,
    previous: Option<&Version>,
    policy: &VersionPolicy,
    reasons: &mut Vec<String>,
) -> Option<Version> {
    let Some(previous) = previous else {
        let first = policy
            .first_versions
            .iter()
            .find_map(|first| Version::parse(first).ok())
            .unwrap_or_else(|| Version::new(0, 1, 0));
        reasons.push(format!(
            "a first release is {}",
            policy.first_versions.join(" or ")
        ));
        return Some(first);
    };
    let source = input.source.as_deref().unwrap_or_default();
    if summary.non_merge == 0 {
        reasons.push(format!("nothing to release: no commit since {previous}"));
        return None;
    }
    match source_role {
        Some(HOTFIX) => {
            reasons.push(format!(
                "{source} is a hotfix: the next patch of {previous}"
            ));
            Some(bump::apply(previous, Bump::Patch))
        }
        Some(DEV | RELEASE) => {
            if let Some(named) = release_branch_version(source)
                .filter(|named| named.cmp_precedence(previous).is_gt())
            {
                reasons.push(format!("{source} names its version"));
                return Some(named);
            }
            let target = input.target.as_deref().unwrap_or(&policy.branches.main);
            if source_role.is_some_and(|role| patch_releases_allowed(policy, role)) {
                let bump = summary.required.max(Bump::Patch);
                reasons.push(format!(
                    "{source} merged into {target} may be a patch release (`patchReleasesFrom`): the commits require {}",
                    bump.release()
                ));
                return Some(bump::apply(previous, bump));
            }
            let bump = summary.required.max(Bump::Minor);
            reasons.push(format!(
                "{source} merged into {target} is a release: at least minor, here {bump}"
            ));
            Some(bump::apply(previous, bump))
        }
        _ => {
            let bump = summary.required.max(Bump::Patch);
            reasons.push(format!("the commits require {}", bump.release()));
            Some(bump::apply(previous, bump))
        }
    }
}
