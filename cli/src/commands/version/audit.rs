//! `kataster version audit`: the released branch's first-parent history, read from git and
//! replayed.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::process::ExitCode;

use gix::ObjectId;
use kataster_core::check::versions as version_checks;
use kataster_core::policy::VersionPolicy;
use kataster_core::versions::{
    Audit, Incomplete, LineCommit, OffLineTag, Transition, branches, tags,
};
use serde::Serialize;

use super::AuditArgs;
use super::git_facts::{component_folder, fill_history, released_line, shallow_help, short};
use super::output::{exit_code, print, render_human, summary};
use crate::git::Repo;

/// What `version audit` prints as JSON.
#[derive(Debug, Serialize)]
struct AuditJson<'a> {
    #[serde(flatten)]
    report: kataster_core::report::JsonReport,
    releases: &'a [version_checks::Verdict],
    /// The version tags off the released branch's first-parent line.
    elsewhere: &'a [version_checks::TagElsewhere],
}

/// The error for a released branch the repository lacks, naming the customary released
/// branches it has (GitFlow's `master`, say) and how to choose one.
fn missing_branch(repo: &Repo, main: &str, path: &std::path::Path) -> String {
    let mut message = format!("there is no branch {main} in {}", path.display());
    let candidates: Vec<String> = ["main", "master", "release", "production", "prd"]
        .into_iter()
        .filter(|name| *name != main && repo.branch(name).is_some())
        .map(str::to_owned)
        .collect();
    if let Some(first) = candidates.first() {
        let _ = write!(
            message,
            "; it has {}: pass `--branch {first}` or set `versions.branches.main` in kataster.yaml",
            candidates.join(", ")
        );
    }
    message
}

/// git-flow's own names, `master` and `develop`, for a repository that has them and not the
/// policy's default `main` and `dev` (said on standard error): an audit of a git-flow
/// repository works without a policy. A policy that names other branches is kept, and the
/// released branch is `--branch`'s when given (`main`: whether to look for it).
fn gitflow_names(repo: &Repo, policy: &mut VersionPolicy, main: bool) {
    let mut renamed = Vec::new();
    let roles = [("main", "master"), ("dev", "develop")];
    for (default, gitflow) in roles.into_iter().filter(|(role, _)| main || *role == "dev") {
        let branch = if default == "main" {
            &mut policy.branches.main
        } else {
            &mut policy.branches.dev
        };
        if branch == default && repo.branch(default).is_none() && repo.branch(gitflow).is_some() {
            gitflow.clone_into(branch);
            renamed.push(format!("{gitflow} for {default}"));
        }
    }
    if !renamed.is_empty() {
        eprintln!(
            "kataster: auditing with git-flow's branch names ({}): set `versions.branches` in kataster.yaml to choose",
            renamed.join(", ")
        );
    }
}

pub(super) fn audit(args: &AuditArgs) -> Result<ExitCode, String> {
    let common = &args.common;
    let settings = common.settings()?;
    let mut policy = settings.versions.clone();
    let repo = Repo::discover(&common.repo)?;
    gitflow_names(&repo, &mut policy, args.branch.is_none());
    let main = args
        .branch
        .clone()
        .unwrap_or_else(|| policy.branches.main.clone());
    // The branch audited is the released one: messages and help name it.
    policy.branches.main.clone_from(&main);
    let mut input = Audit {
        component: args.component.clone(),
        ..Audit::default()
    };
    let tip = repo
        .branch(&main)
        .ok_or_else(|| missing_branch(&repo, &main, &common.repo))?;
    if repo.is_shallow() {
        input.incomplete = Some(Incomplete {
            path: ".git/shallow".to_owned(),
            message: format!("the clone is shallow: the audit needs the whole history of {main}"),
            help: shallow_help(),
        });
    } else {
        build_audit(&repo, &policy, &main, tip, &mut input)?;
    }
    let outcome = version_checks::audit(&input, &policy, &settings.selection);
    print(
        &common.format,
        common.no_color,
        &outcome.findings,
        |report| {
            let json = AuditJson {
                report,
                releases: &outcome.releases,
                elsewhere: &outcome.elsewhere,
            };
            serde_json::to_string_pretty(&json)
                .map_err(|error| error.to_string())
                .map(|text| text + "\n")
        },
        |color| {
            let mut out = render_human(&outcome.findings, color);
            for verdict in &outcome.releases {
                let short: String = verdict.commit.chars().take(7).collect();
                let _ = writeln!(
                    out,
                    "{:<12} {:<7} {short}  {}",
                    verdict.tag,
                    verdict.status(),
                    verdict.summary()
                );
            }
            for tag in &outcome.elsewhere {
                let short: String = tag.commit.chars().take(7).collect();
                let _ = writeln!(
                    out,
                    "{:<12} {:<7} {short}  {}, off {main}'s first-parent line",
                    tag.tag, "off", tag.place
                );
            }
            out.push_str(&summary(&outcome.findings));
            out
        },
    )?;
    Ok(exit_code(&outcome.findings))
}

fn build_audit(
    repo: &Repo,
    policy: &VersionPolicy,
    main: &str,
    tip: ObjectId,
    input: &mut Audit,
) -> Result<(), String> {
    let prefix = policy.prefix_of(input.component.as_deref()).to_owned();
    let prefixes = policy.prefixes();
    let all = repo.tags()?;
    let is_version_tag = |name: &str| {
        !matches!(
            tags::classify(name, &prefix, &prefixes),
            tags::TagVersion::NotVersion | tags::TagVersion::Foreign
        )
    };
    let folder = component_folder(policy, input.component.as_deref());
    let line = released_line(repo, tip, main);
    let on_line: HashSet<ObjectId> = line.iter().copied().collect();
    // A pull request's merge names no target: on dev's first-parent line too, it was made on
    // dev and the released branch was fast-forwarded onto it.
    let dev = &policy.branches.dev;
    let dev_line: HashSet<ObjectId> = repo
        .branch(dev)
        .map(|dev_tip| repo.first_parent_line(dev_tip).0.into_iter().collect())
        .unwrap_or_default();
    let mut by_commit: BTreeMap<ObjectId, Vec<String>> = BTreeMap::new();
    for (name, id) in &all {
        if is_version_tag(name) {
            by_commit.entry(*id).or_default().push(name.clone());
        }
    }
    for id in &line {
        let (message, parents) = repo
            .commit(*id)
            .ok_or_else(|| format!("cannot read commit {}", short(*id)))?;
        let mut names = by_commit.get(id).cloned().unwrap_or_default();
        if parents.len() < 2 && names.is_empty() {
            continue;
        }
        // In a monorepo, a merge that does not change the component is not its release.
        if names.is_empty()
            && folder
                .as_deref()
                .is_some_and(|folder| !repo.touches(*id, folder))
        {
            continue;
        }
        names.sort_by_key(|name| tags::version_of(name, &prefix, &prefixes));
        let mut releases = Vec::new();
        for name in names {
            let mut release = Transition {
                component: input.component.clone(),
                tag: Some(name),
                merge_commit: (parents.len() > 1).then(|| id.to_string()),
                target: Some(main.to_owned()),
                source: (parents.len() > 1)
                    .then(|| branches::merged_branch(&message).map(|(source, _)| source))
                    .flatten(),
                ..Transition::default()
            };
            fill_history(repo, &mut release, policy, *id, *id, None)?;
            releases.push(release);
        }
        let merged_into = (parents.len() > 1 && dev != main && dev_line.contains(id))
            .then(|| branches::merge_message(&message))
            .flatten()
            .filter(|merge| merge.target.is_none() && merge.fork.is_some())
            .map(|_| dev.clone());
        input.line.push(LineCommit {
            id: id.to_string(),
            message,
            parents: parents.len(),
            merged_into,
            releases,
        });
    }
    let branch_list = repo.branches();
    let mut ancestry: BTreeMap<String, HashSet<ObjectId>> = BTreeMap::new();
    for (name, id) in &all {
        if on_line.contains(id) || !is_version_tag(name) {
            continue;
        }
        let mut holding = Vec::new();
        for (branch, branch_id) in &branch_list {
            let commits = ancestry
                .entry(branch.clone())
                .or_insert_with(|| repo.ancestors(*branch_id).commits);
            if commits.contains(id) {
                holding.push(branch.clone());
            }
        }
        input.off_line.push(OffLineTag {
            name: name.clone(),
            commit: id.to_string(),
            branches: holding,
        });
    }
    Ok(())
}
