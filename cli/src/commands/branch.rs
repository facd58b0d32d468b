//! `kataster branch NAME...`: check branch names against the workflow's (GIT001).
//!
//! Names may be pasted from `git branch -a` or `git branch -r`: a remote's name is stripped
//! (`origin/feat/x`, `remotes/origin/feat/x`, `refs/remotes/origin/feat/x` are `feat/x`),
//! and `HEAD`, `->` and `*` are skipped.

use std::fmt::Write as _;
use std::process::ExitCode;

use kataster_core::check::versions::check_branch_names;
use kataster_core::rules::Selection;
use kataster_core::versions::{self, Branch, branches};
use serde::Serialize;

use super::version::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The branch names to check; remote names are stripped (`origin/feat/x` is `feat/x`)
    /// and `HEAD`, `->` and `*` skipped, so `kataster branch -- $(git branch -r)` works (`--`
    /// because of the `->` of `origin/HEAD -> origin/main`).
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
    /// The policy file (default: `kataster.yaml` or `.kataster.yaml` upwards from the
    /// current directory); its `versions.branches` apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// The `versions:` section as JSON, instead of the policy file's.
    #[arg(long, value_name = "JSON", hide = true)]
    pub versions_policy: Option<String>,
}

/// One name in the JSON output.
#[derive(Debug, Serialize)]
struct Checked<'a> {
    name: &'a str,
    /// The name as given, when a remote's name was stripped from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    given: Option<&'a str>,
    /// The remote whose name was stripped.
    #[serde(skip_serializing_if = "Option::is_none")]
    remote: Option<&'a str>,
    valid: bool,
    role: Option<&'a str>,
    /// The branches it may be merged into.
    merges_into: Vec<String>,
}

#[derive(Debug, Serialize)]
struct BranchJson<'a> {
    #[serde(flatten)]
    report: kataster_core::report::JsonReport,
    branches: Vec<Checked<'a>>,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let settings = super::version::settings(
        args.config.as_deref(),
        std::path::Path::new("."),
        args.versions_policy.as_deref(),
        Selection::default(),
    )?;
    let policy = settings.versions;
    let remotes = crate::git::Repo::discover(std::path::Path::new("."))
        .map(|repo| repo.remote_names())
        .unwrap_or_default();
    let rules = versions::Branches::new(&policy.branches);
    let mut given: Vec<Given> = Vec::new();
    for arg in &args.names {
        if let Some(name) = strip_remote(arg, &remotes, &rules) {
            if !given.iter().any(|seen| seen.name == name.name) {
                given.push(name);
            }
        }
    }
    if given.is_empty() {
        return Err(format!("no branch name among {}", args.names.join(" ")));
    }
    let names: Vec<String> = given.iter().map(|name| name.name.clone()).collect();
    let (findings, checked) = check_branch_names(&names, &policy, &settings.selection);
    let targets = |branch: &Branch| -> Vec<String> {
        branches::allowed_targets(&policy, &branch.role)
            .iter()
            .map(|role| branches::role_name(&policy, role))
            .collect()
    };
    super::version::print(
        &[crate::render::Output {
            format: args.format,
            path: None,
        }],
        args.no_color,
        &findings,
        |report| {
            let json = BranchJson {
                report,
                branches: given
                    .iter()
                    .zip(&checked)
                    .map(|(name, branch)| Checked {
                        name: &name.name,
                        given: name.remote.as_ref().map(|_| name.argument.as_str()),
                        remote: name.remote.as_deref(),
                        valid: branch.is_some(),
                        role: branch.as_ref().map(|branch| branch.role.as_str()),
                        merges_into: branch.as_ref().map(&targets).unwrap_or_default(),
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&json)
                .map_err(|error| error.to_string())
                .map(|text| text + "\n")
        },
        |color| {
            let mut out = super::version::render_human(&findings, color);
            for (name, branch) in given.iter().zip(&checked) {
                if let Some(branch) = branch {
                    let merges = targets(branch);
                    let what = if branch.role == branches::LONG_LIVED {
                        "`branches.longLived`, outside the workflow's merges".to_owned()
                    } else {
                        format!(
                            "{} branch{}",
                            branch.role,
                            if merges.is_empty() {
                                String::new()
                            } else {
                                format!(", merged into {}", merges.join(" or "))
                            }
                        )
                    };
                    let remote = name
                        .remote
                        .as_deref()
                        .map_or_else(String::new, |remote| format!(", on remote {remote}"));
                    let _ = writeln!(out, "{}: ok ({what}{remote})", name.name);
                }
            }
            out
        },
    )?;
    Ok(if findings.counts().0 > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A branch name as given and as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Given {
    argument: String,
    name: String,
    remote: Option<String>,
}

/// The branch name in an argument: without `refs/heads/`, and without a remote's name
/// (`refs/remotes/origin/x`, `remotes/origin/x`, `origin/x` for a known remote, or any
/// `<remote>/x` when `x` is a valid name and the whole is not). `None` for what `git branch`
/// prints besides names: `->`, `*`, `HEAD` and `<remote>/HEAD`.
fn strip_remote(
    arg: &str,
    remotes: &std::collections::BTreeSet<String>,
    rules: &versions::Branches<'_>,
) -> Option<Given> {
    let arg = arg.trim();
    if arg.is_empty() || arg == "->" || arg == "*" || arg == "HEAD" {
        return None;
    }
    let given = |name: &str, remote: Option<&str>| {
        (name != "HEAD" && !name.is_empty()).then(|| Given {
            argument: arg.to_owned(),
            name: name.to_owned(),
            remote: remote.map(str::to_owned),
        })
    };
    if let Some(local) = arg.strip_prefix("refs/heads/") {
        return given(local, None);
    }
    if let Some(rest) = arg
        .strip_prefix("refs/remotes/")
        .or_else(|| arg.strip_prefix("remotes/"))
    {
        return match rest.split_once('/') {
            Some((remote, name)) => given(name, Some(remote)),
            None => given(rest, None),
        };
    }
    if let Some((first, rest)) = arg.split_once('/') {
        if rest == "HEAD" {
            return None;
        }
        if remotes.contains(first) || (rules.check(arg).is_err() && rules.check(rest).is_ok()) {
            return given(rest, Some(first));
        }
    }
    given(arg, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_names_are_stripped() {
        let policy = kataster_core::policy::BranchPolicy::default();
        let rules = versions::Branches::new(&policy);
        let remotes = std::collections::BTreeSet::from(["upstream".to_owned()]);
        let name =
            |arg: &str| strip_remote(arg, &remotes, &rules).map(|given| (given.name, given.remote));
        let remote = |name: &str, remote: &str| Some((name.to_owned(), Some(remote.to_owned())));
        assert_eq!(name("origin/feat/x"), remote("feat/x", "origin"));
        assert_eq!(name("remotes/origin/dev"), remote("dev", "origin"));
        assert_eq!(name("refs/remotes/fork/main"), remote("main", "fork"));
        assert_eq!(name("upstream/feature/y"), remote("feature/y", "upstream"));
        assert_eq!(name("feat/x"), Some(("feat/x".to_owned(), None)));
        assert_eq!(name("refs/heads/main"), Some(("main".to_owned(), None)));
        assert_eq!(name("chore/x"), Some(("chore/x".to_owned(), None)));
        for skipped in ["origin/HEAD", "->", "*", "HEAD", "remotes/origin/HEAD"] {
            assert_eq!(name(skipped), None, "{skipped}");
        }
    }
}
