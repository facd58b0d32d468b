//! Branch names and merge edges: `main`, `dev` and `<prefix>/<name>`, and which role may be
//! merged into which.

use std::ops::Range;

use regex::Regex;
use semver::Version;
use serde::Serialize;

use crate::policy::{BranchPolicy, VersionPolicy};

pub use crate::policy::roles::{DEV, HOTFIX, LONG_LIVED, MAIN, RELEASE};

/// A branch name that is not one of the workflow's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameProblem {
    pub message: String,
    /// The byte range of the offending part of the name.
    pub span: Range<usize>,
    pub help: String,
}

/// A checked branch name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Branch {
    pub name: String,
    /// `main`, `dev` or the prefix (`feat`, `hotfix`, ...).
    pub role: String,
    /// The part after `<prefix>/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
}

/// The branch rules of a policy, compiled.
#[derive(Debug, Clone)]
pub struct Branches<'a> {
    policy: &'a BranchPolicy,
    pattern: Regex,
    long_lived: globset::GlobSet,
}

impl<'a> Branches<'a> {
    /// Compile the name pattern; an invalid pattern falls back to the default one (the policy
    /// loader reports it).
    pub fn new(policy: &'a BranchPolicy) -> Self {
        let compile = |pattern: &str| Regex::new(&format!("^(?:{pattern})$")).ok();
        let pattern = compile(&policy.name_pattern)
            .or_else(|| compile(&BranchPolicy::default().name_pattern))
            .unwrap_or_else(|| Regex::new("^$").unwrap_or_else(|_| unreachable!()));
        Self {
            policy,
            pattern,
            long_lived: long_lived_set(&policy.long_lived),
        }
    }

    /// Check a branch name: its role, or what is wrong.
    pub fn check(&self, name: &str) -> Result<Branch, NameProblem> {
        let policy = self.policy;
        for (branch, role) in [(&policy.main, MAIN), (&policy.dev, DEV)] {
            if name == branch {
                return Ok(Branch {
                    name: name.to_owned(),
                    role: role.to_owned(),
                    short_name: None,
                });
            }
        }
        if self.long_lived.is_match(name) {
            return Ok(Branch {
                name: name.to_owned(),
                role: LONG_LIVED.to_owned(),
                short_name: None,
            });
        }
        let prefixes = self.prefix_list();
        let Some((prefix, rest)) = name.split_once('/') else {
            let suggestion = match name.to_ascii_lowercase().as_str() {
                "main" | "master" | "trunk" | "production" => Some(policy.main.as_str()),
                "dev" | "develop" | "development" | "devel" | "integration" => {
                    Some(policy.dev.as_str())
                }
                _ => None,
            };
            return Err(NameProblem {
                message: format!(
                    "branch name \"{name}\" is not {}, {} or {prefixes} followed by a name",
                    policy.main, policy.dev
                ),
                span: 0..name.len(),
                help: suggestion.map_or_else(
                    || {
                        format!(
                            "name it like `{}/{}`",
                            self.example_prefix(),
                            sanitize(name)
                        )
                    },
                    |branch| format!("use `{branch}`"),
                ),
            });
        };
        if !policy.prefixes.iter().any(|known| known == prefix) {
            let known = self.suggest_prefix(prefix);
            return Err(NameProblem {
                message: format!("unknown branch prefix \"{prefix}/\" in \"{name}\""),
                span: 0..prefix.len(),
                help: match known {
                    Some(known) => format!("use `{known}/{}`", sanitize(rest)),
                    None => format!("use one of {prefixes}"),
                },
            });
        }
        if rest.is_empty() {
            return Err(NameProblem {
                message: format!("branch \"{name}\" has no name after \"{prefix}/\""),
                span: 0..name.len(),
                help: format!("name it like `{prefix}/short-description`"),
            });
        }
        if !self.pattern.is_match(rest) {
            let suggestion = sanitize(rest);
            return Err(NameProblem {
                message: format!(
                    "invalid name \"{rest}\" after \"{prefix}/\": expected `{}`",
                    policy.name_pattern
                ),
                span: prefix.len() + 1..name.len(),
                help: if self.pattern.is_match(&suggestion) {
                    format!("use `{prefix}/{suggestion}`")
                } else {
                    format!("use lowercase letters, digits and `._/-` after `{prefix}/`")
                },
            });
        }
        Ok(Branch {
            name: name.to_owned(),
            role: prefix.to_owned(),
            short_name: Some(rest.to_owned()),
        })
    }

    /// `feat/, fix/, hotfix/ or release/`.
    fn prefix_list(&self) -> String {
        let items: Vec<String> = self
            .policy
            .prefixes
            .iter()
            .map(|prefix| format!("{prefix}/"))
            .collect();
        match items.split_last() {
            None => "a prefix".to_owned(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }

    fn example_prefix(&self) -> &str {
        self.policy.prefixes.first().map_or("feat", String::as_str)
    }

    /// The policy's prefix for a misspelt or differently named one: `feature/` for `feat/`
    /// when the policy says `feature`, and the other way round.
    fn suggest_prefix(&self, prefix: &str) -> Option<&str> {
        const ALIASES: &[&[&str]] = &[
            &["feat", "feature", "features"],
            &["fix", "bugfix", "bug", "fixes", "bugfixes"],
            &["hotfix", "hot-fix", "hotfixes"],
            &["release", "releases", "rel"],
            &["support", "supports"],
        ];
        let lower = prefix.to_ascii_lowercase();
        let group = ALIASES
            .iter()
            .find(|group| group.contains(&lower.as_str()))
            .copied()
            .unwrap_or(&[]);
        self.policy
            .prefixes
            .iter()
            .map(String::as_str)
            .find(|known| *known == lower)
            .or_else(|| {
                self.policy
                    .prefixes
                    .iter()
                    .map(String::as_str)
                    .find(|known| group.contains(known))
            })
    }
}

/// The `branches.longLived` names and globs, compiled; invalid globs are left out (the policy
/// loader reports them).
fn long_lived_set(patterns: &[String]) -> globset::GlobSet {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in patterns {
        if let Ok(glob) = globset::Glob::new(pattern) {
            builder.add(glob);
        }
    }
    builder
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty())
}

/// A name made lowercase with `-` for anything outside `[a-z0-9._/-]`.
fn sanitize(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '/' | '-') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_owned()
}

/// The roles a branch of `role` may be merged into.
pub fn allowed_targets<'p>(policy: &'p VersionPolicy, role: &str) -> &'p [String] {
    policy.merges.get(role).map_or(&[], Vec::as_slice)
}

/// Whether a merge from `source` into `target` (roles) is allowed. Merges from or into a
/// long-lived branch of `branches.longLived` are outside the workflow: not judged, allowed.
pub fn merge_allowed(policy: &VersionPolicy, source: &str, target: &str) -> bool {
    source == LONG_LIVED
        || target == LONG_LIVED
        || allowed_targets(policy, source)
            .iter()
            .any(|allowed| allowed == target)
}

/// The branch name of a role, for messages: `main` and `dev` as the policy names them,
/// `feat/*` for a prefix.
pub fn role_name(policy: &VersionPolicy, role: &str) -> String {
    match role {
        MAIN => policy.branches.main.clone(),
        DEV => policy.branches.dev.clone(),
        other => format!("{other}/*"),
    }
}

/// The prefix of feature branches, for help texts: the first prefix merged into dev that is
/// not a hotfix or release prefix (`feat` by default, `feature` in git-flow's naming).
pub fn feature_prefix(policy: &VersionPolicy) -> &str {
    policy
        .branches
        .prefixes
        .iter()
        .map(String::as_str)
        .find(|prefix| {
            *prefix != HOTFIX
                && *prefix != RELEASE
                && allowed_targets(policy, prefix)
                    .iter()
                    .any(|role| role == DEV)
        })
        .or_else(|| policy.branches.prefixes.first().map(String::as_str))
        .unwrap_or("feat")
}

/// What a merge commit's default message says: git's (`Merge branch 'x' [of URL] [into y]`,
/// `Merge remote-tracking branch 'origin/x' [into y]`, `Merge tag 'v1' into y`), GitLab's
/// (`Merge branch 'x' into 'y'`) and GitHub's (`Merge pull request #1 from owner/x`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeMessage {
    /// The branch (or, for `Merge tag`, the tag) merged, without a remote's name.
    pub source: String,
    /// The branch merged into, when the message names it.
    pub target: Option<String>,
    /// Where the branch came from: the owner of the fork a pull request came from (`owner` in
    /// `from owner/x`), or the repository of `Merge branch 'x' of URL`; its branch is that
    /// repository's, whatever its name.
    pub fork: Option<String>,
    /// The source is a tag (`Merge tag 'v1.2.0' into develop`), not a branch.
    pub tag: bool,
    /// A pull request's merge (`Merge pull request #1 from owner/x`).
    pub request: bool,
}

impl MergeMessage {
    /// Whether the merge brings `target` up to date with another copy of itself (`Merge branch
    /// 'master' of URL`, `Merge remote-tracking branch 'origin/master'` on master): a pull,
    /// not a merge of the workflow. A pull request from a fork's branch of that name is not.
    pub fn is_sync(&self, target: &str) -> bool {
        !self.tag && !self.request && self.source == target
    }
}

/// Parse a merge commit's default message; `None` for any other message.
pub fn merge_message(message: &str) -> Option<MergeMessage> {
    let header = message.lines().next()?.trim();
    for start in ["Merge pull request #", "Merged pull request #"] {
        if let Some(rest) = header.strip_prefix(start) {
            let (_, from) = rest.split_once(" from ")?;
            let from = from.split_whitespace().next()?;
            let (owner, branch) = from.split_once('/')?;
            // A sentence's full stop (GitHub's old "Merged pull request #1 from a/dev."): no
            // branch name ends with a dot.
            let branch = branch.trim_end_matches('.');
            if branch.is_empty() {
                return None;
            }
            return Some(MergeMessage {
                source: branch.to_owned(),
                target: None,
                fork: Some(owner.to_owned()),
                tag: false,
                request: true,
            });
        }
    }
    let (rest, remote, tag) = if let Some(rest) = header.strip_prefix("Merge branch '") {
        (rest, false, false)
    } else if let Some(rest) = header
        .strip_prefix("Merge remote-tracking branch '")
        .or_else(|| header.strip_prefix("Merge remote branch '"))
    {
        (rest, true, false)
    } else if let Some(rest) = header.strip_prefix("Merge tag '") {
        (rest, false, true)
    } else {
        return None;
    };
    let (source, after) = rest.split_once('\'')?;
    let source = source.strip_prefix("refs/heads/").unwrap_or(source);
    let source = if remote {
        // Always `<remote>/<branch>`.
        source
            .strip_prefix("refs/remotes/")
            .unwrap_or(source)
            .split_once('/')
            .map_or(source, |(_, branch)| branch)
    } else {
        source.strip_prefix("origin/").unwrap_or(source)
    };
    if source.is_empty() {
        return None;
    }
    // ` of https://github.com/owner/repo` names where the branch came from.
    let after = after.trim();
    let fork = after.strip_prefix("of ").map(|rest| {
        rest.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    let into = if after.starts_with("into ") {
        Some(after)
    } else {
        after.find(" into ").map(|at| &after[at + 1..])
    };
    let target = into
        .and_then(|into| into.strip_prefix("into "))
        .map(|target| target.trim().trim_matches('\'').to_owned())
        .filter(|target| !target.is_empty());
    Some(MergeMessage {
        source: source.to_owned(),
        target,
        fork,
        tag,
        request: false,
    })
}

/// The branch a merge commit's message names ([`merge_message`], not for a merged tag).
/// Returns the source and, when named, the target.
pub fn merged_branch(message: &str) -> Option<(String, Option<String>)> {
    merge_message(message)
        .filter(|merge| !merge.tag)
        .map(|merge| (merge.source, merge.target))
}

/// Whether the policy lets a merge of `role` into main be a patch release.
pub fn patch_releases_allowed(policy: &VersionPolicy, role: &str) -> bool {
    policy
        .patch_releases_from
        .iter()
        .any(|allowed| allowed == role)
}

/// The version a `release/<version>` branch names.
pub fn release_branch_version(branch: &str) -> Option<Version> {
    let name = branch.strip_prefix("release/")?;
    let name = name.strip_prefix('v').unwrap_or(name);
    Version::parse(name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(name: &str) -> Result<String, NameProblem> {
        let policy = BranchPolicy::default();
        Branches::new(&policy).check(name).map(|branch| branch.role)
    }

    fn problem(name: &str) -> NameProblem {
        match role(name) {
            Err(problem) => problem,
            Ok(role) => panic!("{name} is a {role} branch"),
        }
    }

    #[test]
    fn names() {
        assert_eq!(role("main").ok().as_deref(), Some("main"));
        assert_eq!(role("dev").ok().as_deref(), Some("dev"));
        assert_eq!(role("feat/long-thing").ok().as_deref(), Some("feat"));
        assert_eq!(role("hotfix/critical-bug").ok().as_deref(), Some("hotfix"));
        assert_eq!(role("release/1.3.0").ok().as_deref(), Some("release"));
        assert_eq!(role("feat/team-a/login_v2").ok().as_deref(), Some("feat"));
        assert_eq!(problem("master").help, "use `main`");
        assert_eq!(problem("develop").help, "use `dev`");
        let feature = problem("feature/login");
        assert_eq!(
            (feature.span.clone(), feature.help.as_str()),
            (0..7, "use `feat/login`")
        );
        let upper = problem("feat/Login Page");
        assert_eq!(
            (upper.span.clone(), upper.help.as_str()),
            (5..15, "use `feat/login-page`")
        );
        assert!(problem("feat/").message.contains("no name"));
        assert!(problem("feat/-x").message.contains("invalid name"));
        assert!(
            problem("chore/deps")
                .message
                .contains("unknown branch prefix")
        );
    }

    #[test]
    fn merges() {
        let policy = VersionPolicy::default();
        assert!(merge_allowed(&policy, "feat", "dev"));
        assert!(merge_allowed(&policy, "hotfix", "main"));
        assert!(merge_allowed(&policy, "main", "dev"));
        assert!(!merge_allowed(&policy, "feat", "main"));
        assert!(!merge_allowed(&policy, "hotfix", "dev"));
        assert!(!merge_allowed(&policy, "dev", "feat"));
    }

    #[test]
    fn merge_messages() {
        let named = |message: &str| merged_branch(message);
        assert_eq!(named("Merge branch 'dev'"), Some(("dev".into(), None)));
        assert_eq!(
            named("Merge branch 'feat/x' into dev\n\nbody"),
            Some(("feat/x".into(), Some("dev".into())))
        );
        assert_eq!(
            named("Merge branch 'hotfix/critical-bug' into 'main'"),
            Some(("hotfix/critical-bug".into(), Some("main".into())))
        );
        assert_eq!(
            named("Merge remote-tracking branch 'origin/dev'"),
            Some(("dev".into(), None))
        );
        assert_eq!(
            named("Merge pull request #12 from acme/feat/login"),
            Some(("feat/login".into(), None))
        );
        assert_eq!(named("feat: Add"), None);
        assert_eq!(named("Merge tag '1.2.0' into develop"), None);
    }

    #[test]
    fn merge_message_targets_forks_and_tags() {
        let parsed = |message: &str| merge_message(message).unwrap_or_default();
        let fork = parsed("Merge pull request #11 from someone/master");
        assert_eq!(
            (fork.source.as_str(), fork.fork.as_deref(), fork.target),
            ("master", Some("someone"), None)
        );
        assert_eq!(
            parsed("Merged pull request #3 from a/feature/x").source,
            "feature/x"
        );
        assert_eq!(
            parsed("Merged pull request #120 from kiall/develop.").source,
            "develop"
        );
        let of =
            parsed("Merge branch 'develop' of https://github.com/kostiklv/gitflow into develop");
        assert_eq!(
            (of.source.as_str(), of.target.as_deref(), of.fork.as_deref()),
            (
                "develop",
                Some("develop"),
                Some("https://github.com/kostiklv/gitflow")
            )
        );
        let tag = parsed("Merge tag '1.2.0' into develop");
        assert!(tag.tag);
        assert_eq!(tag.target.as_deref(), Some("develop"));
        let remote = parsed("Merge remote branch 'upstream/feature/y' into develop");
        assert_eq!(
            (remote.source.as_str(), remote.target.as_deref()),
            ("feature/y", Some("develop"))
        );
        assert_eq!(merge_message("Merge branch ''"), None);
    }

    #[test]
    fn a_pull_of_the_same_branch_is_a_sync() {
        let sync = |message: &str, target: &str| merge_message(message).unwrap().is_sync(target);
        assert!(sync("Merge branch 'master' of github.com:a/b", "master"));
        assert!(sync(
            "Merge remote-tracking branch 'origin/master'",
            "master"
        ));
        assert!(sync(
            "Merge branch 'develop' of URL into develop",
            "develop"
        ));
        assert!(!sync(
            "Merge pull request #11 from someone/master",
            "master"
        ));
        assert!(!sync("Merge branch 'develop'", "master"));
        assert!(!sync("Merge tag 'master' into master", "master"));
    }
}
