//! `kataster version audit`: the released branch's first-parent history, replayed. Every
//! release tag is a transition from its predecessor; every merge into the released branch is
//! an edge; every version tag elsewhere is checked for its place.

use serde::Serialize;

use super::edges::forbidden_merge_help;
use super::findings::Findings;
use super::policy_selection;
use super::tags::{report_build_metadata, report_wrong_prefix};
use super::transition;
use crate::policy::VersionPolicy;
use crate::rules::Selection;
use crate::rules::git::{forbidden_merge, incomplete_history, misplaced_tag, untagged_merge};
use crate::rules::versions::invalid_version_tag;
use crate::versions::branches::{self, Branches, MAIN};
use crate::versions::tags::{self, TagVersion};
use crate::versions::{Audit, LineCommit, TagPrefix, Transition, TransitionFacts};

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

/// A version tag off the released branch's first-parent line, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagElsewhere {
    pub tag: String,
    pub commit: String,
    /// The branches whose history holds it.
    pub branches: Vec<String>,
    /// Where it is, for people: `on develop`, `on a commit that came into master through a
    /// merge`, `on no branch`.
    pub place: String,
}

/// An audit's diagnostics and verdicts.
#[derive(Debug, Clone, Default)]
pub struct AuditOutcome {
    pub findings: Findings,
    pub releases: Vec<Verdict>,
    /// The version tags off the first-parent line, in the input's order.
    pub elsewhere: Vec<TagElsewhere>,
}

/// Audit a released branch's history.
pub fn audit(input: &Audit, policy: &VersionPolicy, selection: &Selection) -> AuditOutcome {
    let mut out = Findings::new(&policy_selection(policy, selection));
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
            elsewhere: Vec::new(),
        };
    }
    let tag_prefix = TagPrefix::resolve(policy, input.component.as_deref(), tag_names(input));
    let prefix = tag_prefix.prefix.as_str();
    let prefixes = tag_prefix.prefixes();
    let rules = Branches::new(&policy.branches);
    let main = policy.branches.main.clone();
    let mut untagged = Vec::new();
    let released = input.line.iter().any(|commit| !commit.releases.is_empty());
    for commit in &input.line {
        if commit.parents > 1 && commit.releases.is_empty() {
            if let Some(merge) = check_untagged_merge(commit, &main, &rules, policy, &mut out) {
                untagged.push((commit, merge.source));
            }
        }
        for release in &commit.releases {
            let before = out.counts();
            let facts = transition::transition(release, policy, &tag_prefix, &mut out);
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
    if released {
        for (commit, source) in untagged {
            report_untagged_merge(commit, &main, source, &mut out);
        }
    } else if !untagged.is_empty() {
        // A branch never released says so once, not at each of its merges.
        let file = out.branch_file(&main);
        let merges = untagged.len();
        out.emit_at(
            &untagged_merge::RULE,
            file,
            format!(
                "none of the {merges} merge commit{} into {main} has a release tag: {main} was never released by a tag",
                if merges == 1 { "" } else { "s" }
            ),
            Some(format!(
                "tag each merge into {main} with its version (`kataster version next` prints it), or audit the branch that is released (`--branch`)"
            )),
        );
    }
    let mut elsewhere = Vec::new();
    for tag in &input.off_line {
        let place = if tag.branches.is_empty() {
            "on no branch".to_owned()
        } else if tag.branches.contains(&main) {
            format!("on a commit that came into {main} through a merge")
        } else {
            format!("on {}", tag.branches.join(", "))
        };
        elsewhere.push(TagElsewhere {
            tag: tag.name.clone(),
            commit: tag.commit.clone(),
            branches: tag.branches.clone(),
            place: place.clone(),
        });
        match tags::classify(&tag.name, prefix, &prefixes) {
            TagVersion::Version(version) => {
                report_build_metadata(&tag.name, &version, &mut out);
                if version.pre.is_empty() {
                    let file = out.tag_file(&tag.name);
                    let short: String = tag.commit.chars().take(7).collect();
                    out.emit_at(
                        &misplaced_tag::RULE,
                        file,
                        format!("stable tag {} ({short}) is {place}, not on {main}'s own history", tag.name),
                        Some(format!("release by merging into {main} and tagging the merge; tag pre-releases elsewhere")),
                    );
                }
            }
            TagVersion::WrongPrefix { prefix: found, .. } => {
                report_wrong_prefix(&tag.name, &found, &tag_prefix, &mut out);
            }
            TagVersion::Malformed(reason) => {
                let file = out.tag_file(&tag.name);
                out.emit(
                    &invalid_version_tag::RULE,
                    file,
                    prefix.len()..tag.name.len(),
                    "",
                    tags::malformed(&format!("tag {}", tag.name), &reason),
                    Some(format!("use `{prefix}MAJOR.MINOR.PATCH[-PRERELEASE]`")),
                );
            }
            TagVersion::Foreign | TagVersion::NotVersion => {}
        }
    }
    AuditOutcome {
        findings: out,
        releases,
        elsewhere,
    }
}

/// The names of the repository's tags the audit knows: each release's tags and the tags
/// off the line (a name may come more than once).
fn tag_names(input: &Audit) -> impl Iterator<Item = &str> {
    let releases = input.line.iter().flat_map(|commit| &commit.releases);
    releases
        .flat_map(Transition::tag_names)
        .chain(input.off_line.iter().map(|tag| tag.name.as_str()))
}

/// A merge into the released branch without a release tag: its edge (GIT002) now, and the
/// merge when it is one into the released branch (GIT008, reported by the caller).
fn check_untagged_merge(
    commit: &LineCommit,
    main: &str,
    rules: &Branches<'_>,
    policy: &VersionPolicy,
    out: &mut Findings,
) -> Option<Untagged> {
    let short: String = commit.id.chars().take(7).collect();
    let merge = branches::merge_message(&commit.message);
    // The branch the merge was made on: the one its message names, else the one the
    // frontend found; the released branch otherwise.
    let target = merge
        .as_ref()
        .and_then(|merge| merge.target.clone())
        .or_else(|| commit.merged_into.clone())
        .unwrap_or_else(|| main.to_owned());
    let target_role = if target == main {
        Some(MAIN.to_owned())
    } else {
        rules.check(&target).ok().map(|branch| branch.role)
    };
    // A branch merged into itself from another repository or remote (`Merge branch 'master'
    // of URL`, `Merge remote-tracking branch 'origin/master'`) brings it up to date: no edge
    // of the workflow, and no release.
    if merge.as_ref().is_some_and(|merge| merge.is_sync(&target)) {
        return None;
    }
    let source = merge
        .as_ref()
        .filter(|merge| !merge.tag)
        .map(|merge| merge.source.clone());
    // A fork's long-lived branch (`Merge pull request #11 from someone/master`) is the
    // contributor's working branch: its name gives it no role here.
    let fork_own_branch = merge.as_ref().is_some_and(|merge| {
        merge.fork.is_some()
            && (merge.source == policy.branches.main || merge.source == policy.branches.dev)
    });
    if let (Some(source), Some(target_role)) = (&source, &target_role) {
        if let Ok(branch) = rules.check(source) {
            if !fork_own_branch && !branches::merge_allowed(policy, &branch.role, target_role) {
                let file = out.branch_file(source);
                out.emit_at(
                    &forbidden_merge::RULE,
                    file,
                    format!("{source} may not be merged into {target} (merge commit {short})"),
                    Some(forbidden_merge_help(policy, &branch.role, target_role)),
                );
            }
        }
    }
    // A merge made on another branch came onto the released branch by a fast-forward: it
    // is not a merge into it, and is not released by itself.
    (target_role.as_deref() == Some(MAIN)).then_some(Untagged { source })
}

/// A merge into the released branch without a release tag, and the branch it merged (when
/// its message names one).
struct Untagged {
    source: Option<String>,
}

/// GIT008 for one merge into the released branch.
fn report_untagged_merge(
    commit: &LineCommit,
    main: &str,
    source: Option<String>,
    out: &mut Findings,
) {
    let short: String = commit.id.chars().take(7).collect();
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
