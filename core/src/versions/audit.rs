//! `kataster version audit`: the released branch's first-parent history, replayed. Every
//! release tag is a transition from its predecessor; every merge into the released branch is
//! an edge; every version tag elsewhere is checked for its place.

use serde::{Deserialize, Serialize};

use super::branches::{self, Branches, MAIN};
use super::findings::Findings;
use super::policy::VersionPolicy;
use super::tags::{self, TagVersion};
use super::transition::{
    self, Incomplete, Transition, TransitionFacts, report_build_metadata, report_wrong_prefix,
};
use crate::rules::Selection;
use crate::rules::git::{forbidden_merge, incomplete_history, misplaced_tag, untagged_merge};
use crate::rules::versions::invalid_version_tag;

/// A commit on the released branch's first-parent line that is a merge or carries tags.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LineCommit {
    pub id: String,
    pub message: String,
    pub parents: usize,
    /// The release transitions of the tags on this commit, lowest version first (each with
    /// its tags, commits since the previous release, source and target).
    pub releases: Vec<Transition>,
}

/// A version tag that is not on the released branch's first-parent line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OffLineTag {
    pub name: String,
    pub commit: String,
    /// The branches whose history holds it.
    pub branches: Vec<String>,
}

/// What `audit` reads.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Audit {
    /// The component audited; none: the repository.
    pub component: Option<String>,
    /// The released branch's first-parent line, oldest first: merges and tagged commits.
    pub line: Vec<LineCommit>,
    /// Tags elsewhere.
    pub off_line: Vec<OffLineTag>,
    /// The history is incomplete (a shallow clone).
    pub incomplete: Option<Incomplete>,
}

/// One release's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub tag: String,
    pub commit: String,
    #[serde(flatten)]
    pub facts: TransitionFacts,
    pub errors: usize,
    pub warnings: usize,
}

/// An audit's diagnostics and verdicts.
#[derive(Debug, Clone, Default)]
pub struct AuditOutcome {
    pub findings: Findings,
    pub releases: Vec<Verdict>,
}

/// Audit a released branch's history.
pub fn audit(input: &Audit, policy: &VersionPolicy, selection: &Selection) -> AuditOutcome {
    let mut out = Findings::new(&policy.selection(selection));
    let mut releases = Vec::new();
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
        return AuditOutcome {
            findings: out,
            releases,
        };
    }
    let prefix = policy.prefix_of(input.component.as_deref()).to_owned();
    let prefixes = policy.prefixes();
    let rules = Branches::new(&policy.branches);
    let main = policy.branches.main.clone();
    for commit in &input.line {
        if commit.parents > 1 && commit.releases.is_empty() {
            check_untagged_merge(commit, &main, &rules, policy, &mut out);
        }
        for release in &commit.releases {
            let before = out.counts();
            let facts = transition::transition(release, policy, &mut out);
            let after = out.counts();
            releases.push(Verdict {
                tag: release.tag.clone().unwrap_or_default(),
                commit: commit.id.clone(),
                facts,
                errors: after.0 - before.0,
                warnings: after.1 - before.1,
            });
        }
    }
    for tag in &input.off_line {
        match tags::classify(&tag.name, &prefix, &prefixes) {
            TagVersion::Version(version) => {
                report_build_metadata(&tag.name, &version, &mut out);
                if version.pre.is_empty() {
                    let file = out.tag_file(&tag.name);
                    let short: String = tag.commit.chars().take(7).collect();
                    let place = if tag.branches.is_empty() {
                        "on no branch".to_owned()
                    } else if tag.branches.contains(&main) {
                        format!("on a commit that came into {main} through a merge")
                    } else {
                        format!("on {}", tag.branches.join(", "))
                    };
                    out.emit_at(
                        &misplaced_tag::RULE,
                        file,
                        format!("stable tag {} ({short}) is {place}, not on {main}'s own history", tag.name),
                        Some(format!("release by merging into {main} and tagging the merge; tag pre-releases elsewhere")),
                    );
                }
            }
            TagVersion::WrongPrefix { prefix: found, .. } => {
                report_wrong_prefix(&tag.name, &found, &prefix, &mut out);
            }
            TagVersion::Malformed(reason) => {
                let file = out.tag_file(&tag.name);
                out.emit(
                    &invalid_version_tag::RULE,
                    file,
                    prefix.len()..tag.name.len(),
                    "",
                    format!(
                        "tag {} is not a strict SemVer 2.0.0 version: {reason}",
                        tag.name
                    ),
                    Some(format!("use `{prefix}MAJOR.MINOR.PATCH[-PRERELEASE]`")),
                );
            }
            TagVersion::Foreign | TagVersion::NotVersion => {}
        }
    }
    AuditOutcome {
        findings: out,
        releases,
    }
}

/// A merge into the released branch without a release tag (GIT008), and its edge (GIT002).
fn check_untagged_merge(
    commit: &LineCommit,
    main: &str,
    rules: &Branches<'_>,
    policy: &VersionPolicy,
    out: &mut Findings,
) {
    let short: String = commit.id.chars().take(7).collect();
    let source = branches::merged_branch(&commit.message).map(|(source, _)| source);
    if let Some(source) = &source {
        if let Ok(branch) = rules.check(source) {
            if !branches::merge_allowed(policy, &branch.role, MAIN) {
                let file = out.branch_file(source);
                out.emit_at(
                    &forbidden_merge::RULE,
                    file,
                    format!("{source} may not be merged into {main} (merge commit {short})"),
                    Some(format!(
                        "{} branches are merged into {}",
                        branch.role,
                        branches::allowed_targets(policy, &branch.role).join(" or ")
                    )),
                );
            }
        }
    }
    let file = out.commit_file(&commit.id, &commit.message);
    let header = commit.message.lines().next().unwrap_or_default().len();
    out.emit(
        &untagged_merge::RULE,
        file,
        0..header,
        "",
        format!(
            "merge commit {short} into {main}{} has no release tag",
            source
                .map(|source| format!(" (of {source})"))
                .unwrap_or_default()
        ),
        Some(format!(
            "tag every merge into {main} with its version (`kataster version next` prints it)"
        )),
    );
}

impl Verdict {
    /// `ok`, `warning` or `error`.
    pub fn status(&self) -> &'static str {
        if self.errors > 0 {
            "error"
        } else if self.warnings > 0 {
            "warning"
        } else {
            "ok"
        }
    }

    /// One line: `1.2.1  ok  hotfix/critical-bug -> main, patch (requires patch)`.
    pub fn summary(&self) -> String {
        let edge = match (&self.facts.source, &self.facts.target) {
            (Some(source), Some(target)) => format!("{source} -> {target}"),
            (None, Some(target)) => format!("on {target}"),
            _ => "no branch".to_owned(),
        };
        let bump = match (self.facts.actual_bump, &self.facts.previous) {
            (Some(actual), Some(previous)) => format!(
                "{actual} after {previous} (commits require {})",
                self.facts.required_bump
            ),
            (_, None) => "first release".to_owned(),
            (None, Some(previous)) => format!("after {previous}"),
        };
        format!("{edge}, {bump}")
    }
}
