//! One version transition: a merge from a source branch into a target branch, a tag, or a
//! proposed version, with the tags and commits around it. `kataster version check`, `next`
//! and each release of `audit` are transitions.

use std::ops::Range;

use semver::Version;
use serde::{Deserialize, Serialize};

use super::branches::{self, Branches, DEV, HOTFIX, MAIN, RELEASE};
use super::bump::{self, Bump, Step};
use super::commits::{self, Commit};
use super::findings::Findings;
use super::policy::VersionPolicy;
use super::tags::{self, Tag, TagVersion};
use crate::rules::Selection;
use crate::rules::git::{
    feature_in_hotfix, forbidden_merge, hotfix_not_patch, incomplete_history, invalid_branch_name,
    misplaced_tag, release_not_minor,
};
use crate::rules::versions::{
    build_metadata_in_tag, duplicate_version, insufficient_bump, invalid_version_tag,
    major_without_breaking_change, mixed_tag_prefix, non_conventional_commit, nothing_to_release,
    skipped_version, unknown_commit_type, unseparated_breaking_footer, unusual_first_version,
    version_not_increasing,
};

/// Where a proposed version was written (e.g. Chart.yaml's `version`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Location {
    pub path: String,
    pub text: String,
    pub span: Range<usize>,
    pub pointer: String,
}

/// History that a frontend could not read: a shallow clone, a branch that was not fetched.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Incomplete {
    /// The pseudo-file to report at: `.git/shallow`, `refs/heads/<branch>`.
    pub path: String,
    pub message: String,
    pub help: String,
}

/// Everything about one transition, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Transition {
    /// The monorepo component (its tag prefix applies); none: the repository.
    pub component: Option<String>,
    /// The branch merged (for a tag: the branch its merge commit names).
    pub source: Option<String>,
    /// The branch merged into (for a tag: the branch it is on).
    pub target: Option<String>,
    /// The tag at hand, with its prefix.
    pub tag: Option<String>,
    /// A proposed version without prefix (from `--version` or Chart.yaml), when there is no tag.
    pub version: Option<String>,
    /// Where the proposed version is written, if in a file.
    pub version_location: Option<Location>,
    /// Every tag of the repository; `reachable` marks those reachable from the target (for a
    /// merge) or from the tagged commit (for a tag).
    pub tags: Vec<Tag>,
    /// The commits the transition brings: `target..source` for a merge, `previous..tag` for
    /// a tag, oldest first.
    pub commits: Vec<Commit>,
    /// The history needed is not there.
    pub incomplete: Option<Incomplete>,
}

/// What a transition is and must produce.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TransitionFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    pub source: Option<String>,
    pub source_role: Option<String>,
    pub target: Option<String>,
    pub target_role: Option<String>,
    /// The tag at hand, or the tag a proposed version would get.
    pub tag: Option<String>,
    /// The version at hand (tagged or proposed).
    pub version: Option<String>,
    /// The previous release's tag.
    pub previous: Option<String>,
    pub previous_version: Option<String>,
    /// Commits counted (no merges, no fixup!/squash!/amend!).
    pub commits: usize,
    /// The bump the commits require.
    pub required_bump: Bump,
    /// The first commit that requires it.
    pub required_by: Option<String>,
    /// The bump from the previous release to the version at hand.
    pub actual_bump: Option<Bump>,
    /// The version the transition must produce (merges into the released branch).
    pub next_version: Option<String>,
    pub next_tag: Option<String>,
    /// Why: one line per reason, for `--explain`.
    pub reasons: Vec<String>,
}

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
    let mut findings = Findings::new(&policy.selection(selection));
    let facts = transition(input, policy, &mut findings);
    TransitionOutcome { findings, facts }
}

/// The version at hand and where to report about it.
struct AtHand {
    version: Version,
    file: usize,
    /// The span of the whole version (or tag) in its file.
    span: Range<usize>,
    pointer: String,
    /// How messages name it: `tag 1.3.0`, `version 1.3.0 (Chart.yaml)`.
    label: String,
}

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

pub(crate) fn transition(
    input: &Transition,
    policy: &VersionPolicy,
    out: &mut Findings,
) -> TransitionFacts {
    let prefix = policy.prefix_of(input.component.as_deref()).to_owned();
    let prefixes = policy.prefixes();
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
        if source_role == branches::LONG_LIVED || target_role == branches::LONG_LIVED {
            facts.reasons.push(format!(
                "{source} ({source_role}) into {target} ({target_role}): a long-lived branch of the policy, outside the workflow's merges"
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
                format!("{source} may not be merged into {target}"),
                Some(forbidden_merge_help(policy, source_role, target_role)),
            );
        }
    }

    let at_hand = version_at_hand(input, &prefix, &prefixes, out);
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
    let previous = tags::previous_release(&input.tags, &prefix, &prefixes, input.tag.as_deref());
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
    report_prefix_drift(input, &prefix, &prefixes, previous_version.as_ref(), out);
    let duplicate = at_hand
        .as_ref()
        .is_some_and(|at_hand| report_duplicates(at_hand, input, &prefix, &prefixes, out));

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

/// The tag or proposed version at hand, with format checks (VER001-003).
fn version_at_hand(
    input: &Transition,
    prefix: &str,
    prefixes: &[&str],
    out: &mut Findings,
) -> Option<AtHand> {
    if let Some(tag) = &input.tag {
        let file = out.tag_file(tag);
        let whole = 0..tag.len();
        let version = match tags::classify(tag, prefix, prefixes) {
            TagVersion::Version(version) => version,
            TagVersion::WrongPrefix {
                prefix: found,
                version,
            } => {
                report_wrong_prefix(tag, &found, prefix, out);
                let Some(version) = version else {
                    out.emit(
                        &invalid_version_tag::RULE,
                        file,
                        found.len()..tag.len(),
                        "",
                        format!("tag {tag} is not a SemVer 2.0.0 version"),
                        Some("use MAJOR.MINOR.PATCH[-PRERELEASE], e.g. `1.2.0`".to_owned()),
                    );
                    return None;
                };
                version
            }
            TagVersion::Foreign => return None,
            TagVersion::Malformed(reason) => {
                out.emit(
                    &invalid_version_tag::RULE,
                    file,
                    prefix.len()..tag.len(),
                    "",
                    tags::malformed(&format!("tag {tag}"), &reason),
                    Some(format!(
                        "use `{prefix}MAJOR.MINOR.PATCH[-PRERELEASE]`, e.g. `{prefix}1.2.0`"
                    )),
                );
                return None;
            }
            TagVersion::NotVersion => {
                out.emit(
                    &invalid_version_tag::RULE,
                    file,
                    whole,
                    "",
                    format!("tag {tag} is not a version"),
                    Some(format!("release tags are `{prefix}MAJOR.MINOR.PATCH[-PRERELEASE]`, e.g. `{prefix}1.2.0`")),
                );
                return None;
            }
        };
        report_build_metadata(tag, &version, out);
        return Some(AtHand {
            version,
            file,
            span: 0..tag.len(),
            pointer: String::new(),
            label: format!("tag {tag}"),
        });
    }
    let text = input.version.as_deref()?;
    let (file, span, pointer, label) = if let Some(location) = &input.version_location {
        (
            out.file(&location.path, &location.text),
            location.span.clone(),
            location.pointer.clone(),
            format!("version {text} ({})", location.path),
        )
    } else {
        let tag = format!("{prefix}{text}");
        (
            out.tag_file(&tag),
            prefix.len()..tag.len(),
            String::new(),
            format!("version {text}"),
        )
    };
    match Version::parse(text) {
        Ok(version) => {
            if !version.build.is_empty() {
                let start = span.end.saturating_sub(version.build.as_str().len() + 1);
                out.emit(
                    &build_metadata_in_tag::RULE,
                    file,
                    start..span.end,
                    &pointer,
                    format!("{label} has build metadata `+{}`", version.build),
                    Some(format!("drop `+{}`: precedence ignores it", version.build)),
                );
            }
            Some(AtHand {
                version,
                file,
                span,
                pointer,
                label,
            })
        }
        Err(error) => {
            out.emit(
                &invalid_version_tag::RULE,
                file,
                span,
                &pointer,
                tags::malformed(&label, &error.to_string()),
                Some("use MAJOR.MINOR.PATCH[-PRERELEASE], e.g. `1.2.0`".to_owned()),
            );
            None
        }
    }
}

pub(crate) fn report_wrong_prefix(tag: &str, found: &str, prefix: &str, out: &mut Findings) {
    let file = out.tag_file(tag);
    let shown = |prefix: &str| {
        if prefix.is_empty() {
            "no prefix".to_owned()
        } else {
            format!("prefix \"{prefix}\"")
        }
    };
    let bare = &tag[found.len()..];
    out.emit(
        &mixed_tag_prefix::RULE,
        file,
        0..found.len().max(1).min(tag.len()),
        "",
        format!("tag {tag} has {}, but release tags have {}", shown(found), shown(prefix)),
        Some(format!(
            "tag it `{prefix}{bare}`, or set `versions.tagPrefix` to \"{found}\" if the repository uses it throughout"
        )),
    );
}

pub(crate) fn report_build_metadata(tag: &str, version: &Version, out: &mut Findings) {
    if version.build.is_empty() {
        return;
    }
    let file = out.tag_file(tag);
    let start = tag.len() - version.build.as_str().len() - 1;
    out.emit(
        &build_metadata_in_tag::RULE,
        file,
        start..tag.len(),
        "",
        format!("tag {tag} has build metadata `+{}`", version.build),
        Some(format!(
            "tag `{}` instead: precedence ignores build metadata, so `{tag}` only looks different",
            &tag[..start]
        )),
    );
}

/// Stable versions on the released branch only; pre-releases never there (GIT003).
fn check_placement(
    at_hand: &AtHand,
    input: &Transition,
    target_role: Option<&str>,
    out: &mut Findings,
) {
    let (Some(target), Some(role)) = (&input.target, target_role) else {
        return;
    };
    let stable = at_hand.version.pre.is_empty();
    let message = if stable && role != MAIN {
        format!(
            "{} is a stable version on {target}: stable versions are released from the released branch only",
            at_hand.label
        )
    } else if !stable && role == MAIN {
        format!(
            "{} is a pre-release on {target}, the released branch",
            at_hand.label
        )
    } else {
        return;
    };
    let help = if stable {
        format!(
            "tag a pre-release on {target} (e.g. `{}-rc.1`), or release by merging into the released branch",
            at_hand.version
        )
    } else {
        format!(
            "tag the release `{}` on {target}; pre-releases belong on other branches",
            bump::release_of(&at_hand.version)
        )
    };
    out.emit(
        &misplaced_tag::RULE,
        at_hand.file,
        at_hand.span.clone(),
        &at_hand.pointer,
        message,
        Some(help),
    );
}

/// Tags of this component with another prefix that are newer than the previous release
/// (VER002): they show that the prefix changed.
fn report_prefix_drift(
    input: &Transition,
    prefix: &str,
    prefixes: &[&str],
    previous: Option<&Version>,
    out: &mut Findings,
) {
    for tag in input.tags.iter().filter(|tag| tag.reachable) {
        if let TagVersion::WrongPrefix {
            prefix: found,
            version: Some(version),
        } = tags::classify(&tag.name, prefix, prefixes)
        {
            if previous.is_none_or(|previous| version.cmp_precedence(previous).is_ge()) {
                report_wrong_prefix(&tag.name, &found, prefix, out);
            }
        }
    }
}

/// A version that exists already (VER004). Returns whether there is one.
fn report_duplicates(
    at_hand: &AtHand,
    input: &Transition,
    prefix: &str,
    prefixes: &[&str],
    out: &mut Findings,
) -> bool {
    let mut found = false;
    for tag in &input.tags {
        if input.tag.as_deref() == Some(tag.name.as_str()) {
            continue;
        }
        let Some(version) = tags::version_of(&tag.name, prefix, prefixes) else {
            continue;
        };
        if version.cmp_precedence(&at_hand.version).is_eq() {
            found = true;
            out.emit(
                &duplicate_version::RULE,
                at_hand.file,
                at_hand.span.clone(),
                &at_hand.pointer,
                format!("{} exists already: tag {}", at_hand.label, tag.display()),
                Some("a version is released once; release the next version instead".to_owned()),
            );
        }
    }
    found
}

/// The bump from the previous release (VER005, VER006); the bump when the version is greater.
fn check_step(
    at_hand: &AtHand,
    previous_tag: &Tag,
    previous: &Version,
    duplicate: bool,
    out: &mut Findings,
) -> Option<Bump> {
    match bump::step(previous, &at_hand.version) {
        Step::NotGreater => {
            if !duplicate {
                out.emit(
                    &version_not_increasing::RULE,
                    at_hand.file,
                    at_hand.span.clone(),
                    &at_hand.pointer,
                    format!(
                        "{} is not greater than the previous release {}",
                        at_hand.label,
                        previous_tag.display()
                    ),
                    Some(format!(
                        "the next version is {}",
                        bump::candidates(previous)
                    )),
                );
            }
            None
        }
        Step::Skip(kind) => {
            let expected = bump::apply(previous, kind);
            let reset = (kind == Bump::Minor && at_hand.version.patch != 0)
                || (kind == Bump::Major
                    && (at_hand.version.minor != 0 || at_hand.version.patch != 0));
            let message = if reset && bump::release_of(&at_hand.version) != expected {
                let same_number = match kind {
                    Bump::Major => at_hand.version.major == expected.major,
                    _ => at_hand.version.minor == expected.minor,
                };
                if same_number {
                    format!(
                        "{} does not reset the lower fields: {} after {} is {expected}",
                        at_hand.label,
                        kind.release(),
                        previous_tag.name
                    )
                } else {
                    format!(
                        "{} skips versions: after {} comes {}",
                        at_hand.label,
                        previous_tag.name,
                        bump::candidates(previous)
                    )
                }
            } else {
                format!(
                    "{} skips versions: after {} comes {}",
                    at_hand.label,
                    previous_tag.name,
                    bump::candidates(previous)
                )
            };
            out.emit(
                &skipped_version::RULE,
                at_hand.file,
                at_hand.span.clone(),
                &at_hand.pointer,
                message,
                Some(format!("use {expected}")),
            );
            Some(kind)
        }
        Step::Next(kind) => Some(kind),
    }
}

/// What the commits require against what the version is (VER008, VER010).
fn check_bump(
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

/// The rules of the merge edge into the released branch (GIT004, GIT005).
fn check_edge(
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

/// Whether the policy lets a merge of `role` into main be a patch release.
fn patch_releases_allowed(policy: &VersionPolicy, role: &str) -> bool {
    policy
        .patch_releases_from
        .iter()
        .any(|allowed| allowed == role)
}

/// The version a `release/<version>` branch names.
fn release_branch_version(branch: &str) -> Option<Version> {
    let name = branch.strip_prefix("release/")?;
    let name = name.strip_prefix('v').unwrap_or(name);
    Version::parse(name).ok()
}

/// Feature and breaking commits in a hotfix (GIT006), one diagnostic per commit.
fn report_features_in_hotfix(
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

/// The commits of a transition, summed up.
struct CommitSummary<'a> {
    /// Non-merge commits (including fixup!/squash!/amend!).
    non_merge: usize,
    /// Counted commits.
    counted: usize,
    counted_commits: Vec<&'a Commit>,
    required: Bump,
    required_by: Option<&'a Commit>,
    bumps: Vec<Bump>,
    breaking: Vec<&'a Commit>,
}

impl CommitSummary<'_> {
    /// How many commits require `bump`.
    fn requiring(&self, bump: Bump) -> usize {
        self.bumps.iter().filter(|each| **each == bump).count()
    }
}

/// Grammar checks of each commit (VER011, VER012) and the bump they require.
fn commit_summary<'a>(
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

/// The version a merge into the released branch must produce.
fn next_version(
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
