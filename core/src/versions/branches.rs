//! Branch names and merge edges: `main`, `dev` and `<prefix>/<name>`, and which role may be
//! merged into which.

use std::ops::Range;

use regex::Regex;
use serde::Serialize;

use super::policy::{BranchPolicy, VersionPolicy};

/// The role of the released branch.
pub const MAIN: &str = "main";
/// The role of the integration branch.
pub const DEV: &str = "dev";
/// The role of hotfix branches: a patch release of main.
pub const HOTFIX: &str = "hotfix";
/// The role of release branches: a minor or major release of main.
pub const RELEASE: &str = "release";

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
}

impl<'a> Branches<'a> {
    /// Compile the name pattern; an invalid pattern falls back to the default one (the policy
    /// loader reports it).
    pub fn new(policy: &'a BranchPolicy) -> Self {
        let compile = |pattern: &str| Regex::new(&format!("^(?:{pattern})$")).ok();
        let pattern = compile(&policy.name_pattern)
            .or_else(|| compile(&BranchPolicy::default().name_pattern))
            .unwrap_or_else(|| Regex::new("^$").unwrap_or_else(|_| unreachable!()));
        Self { policy, pattern }
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
        let prefixes = self.prefix_list();
        let Some((prefix, rest)) = name.split_once('/') else {
            let suggestion = match name.to_ascii_lowercase().as_str() {
                "master" | "trunk" | "production" => Some(policy.main.as_str()),
                "develop" | "development" | "devel" | "integration" => Some(policy.dev.as_str()),
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

    fn suggest_prefix(&self, prefix: &str) -> Option<&str> {
        let lower = prefix.to_ascii_lowercase();
        let alias = match lower.as_str() {
            "feature" | "features" | "feat" => "feat",
            "bugfix" | "bug" | "fixes" | "fix" => "fix",
            "hot-fix" | "hotfixes" | "hotfix" => "hotfix",
            "releases" | "rel" | "release" => "release",
            other => other,
        };
        self.policy
            .prefixes
            .iter()
            .map(String::as_str)
            .find(|known| *known == alias)
    }
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

/// Whether a merge from `source` into `target` (roles) is allowed.
pub fn merge_allowed(policy: &VersionPolicy, source: &str, target: &str) -> bool {
    allowed_targets(policy, source)
        .iter()
        .any(|allowed| allowed == target)
}

/// The branch a merge commit's message names: git's (`Merge branch 'x' [into y]`,
/// `Merge remote-tracking branch 'origin/x'`), GitLab's (`Merge branch 'x' into 'y'`) and
/// GitHub's (`Merge pull request #1 from owner/x`) default messages. Returns the source and,
/// when named, the target.
pub fn merged_branch(message: &str) -> Option<(String, Option<String>)> {
    let header = message.lines().next()?.trim();
    if let Some(rest) = header.strip_prefix("Merge pull request #") {
        let (_, from) = rest.split_once(" from ")?;
        let (_, branch) = from.trim().split_once('/')?;
        return Some((branch.to_owned(), None));
    }
    let rest = header
        .strip_prefix("Merge branch '")
        .or_else(|| header.strip_prefix("Merge remote-tracking branch '"))?;
    let (source, after) = rest.split_once('\'')?;
    let source = source
        .strip_prefix("origin/")
        .or_else(|| source.strip_prefix("refs/heads/"))
        .unwrap_or(source);
    let target = after
        .trim()
        .strip_prefix("into ")
        .map(|target| target.trim().trim_matches('\'').to_owned());
    Some((source.to_owned(), target))
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
    }
}
