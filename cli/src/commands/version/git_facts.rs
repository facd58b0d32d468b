//! Reading a transition's facts from git: the branches and tag at hand (flags, then CI
//! variables), the tags, the commits since the previous release and what is missing.

use std::collections::HashSet;

use gix::ObjectId;
use kataster_core::policy::VersionPolicy;
use kataster_core::versions::{Incomplete, Tag, TagPrefix, Transition, branches, history, tags};

use super::{TransitionArgs, env};
use crate::git::Repo;

/// The transition at hand: flags first, then GitLab's and GitHub's variables.
#[derive(Debug, Clone, Default)]
struct Context {
    source: Option<String>,
    target: Option<String>,
    tag: Option<String>,
    /// A branch pipeline: the branch pushed to.
    branch: Option<String>,
}

fn context(args: &TransitionArgs) -> Context {
    let github_ref = env("GITHUB_REF");
    let github_tag = github_ref
        .as_deref()
        .and_then(|r| r.strip_prefix("refs/tags/"))
        .map(str::to_owned);
    let github_branch = github_ref
        .as_deref()
        .and_then(|r| r.strip_prefix("refs/heads/"))
        .map(str::to_owned);
    let explicit = args.source.is_some() || args.target.is_some() || args.tag.is_some();
    if explicit {
        return Context {
            source: args.source.clone(),
            target: args.target.clone(),
            tag: args.tag.clone(),
            branch: None,
        };
    }
    Context {
        source: env("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME").or_else(|| env("GITHUB_HEAD_REF")),
        target: env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME").or_else(|| env("GITHUB_BASE_REF")),
        tag: env("CI_COMMIT_TAG").or(github_tag),
        branch: env("CI_COMMIT_BRANCH").or(github_branch),
    }
}

pub(super) fn short(id: ObjectId) -> String {
    id.to_string().chars().take(7).collect()
}

pub(super) fn shallow_help() -> String {
    "fetch the whole history and the tags: `GIT_DEPTH: 0` in GitLab CI, `fetch-depth: 0` in GitHub Actions, or `git fetch --unshallow --tags`".to_owned()
}

/// A branch the check needs is not in the clone: GitLab CI with a `GIT_DEPTH` fetches only
/// the pipeline's commit (and its tag), no branch; `what` says which branch it is, `why` what
/// cannot be known without it.
fn missing_branch(repo: &Repo, branch: &str, what: &str, why: &str) -> Incomplete {
    let message = if repo.is_shallow() {
        format!("the clone is shallow and {what} {branch} is not in it{why}")
    } else {
        format!("{what} {branch} is not in this clone{why}")
    };
    let fetch = if repo.is_shallow() {
        format!("`git fetch --unshallow --tags origin {branch}`")
    } else {
        format!("`git fetch origin {branch}`")
    };
    Incomplete {
        path: format!("refs/heads/{branch}"),
        message,
        help: format!(
            "fetch every branch and tag: `GIT_DEPTH: 0` in GitLab CI (the runner then fetches them all), `fetch-depth: 0` in GitHub Actions, or {fetch}"
        ),
    }
}

/// Every tag, marked reachable when in `reachable`.
fn tag_list(all: &[(String, ObjectId)], reachable: &HashSet<ObjectId>) -> Vec<Tag> {
    all.iter()
        .map(|(name, id)| Tag::new(name.clone(), id.to_string(), reachable.contains(id)))
        .collect()
}

/// Fill in the tags and commits of a transition from `start` (the target's tip or the tagged
/// commit) and `tip` (the source's tip or the tagged commit).
pub(super) fn fill_history(
    repo: &Repo,
    input: &mut Transition,
    policy: &VersionPolicy,
    start: ObjectId,
    tip: ObjectId,
    merge_base_from: Option<ObjectId>,
) -> Result<(), String> {
    let all = repo.tags()?;
    let ancestry = repo.ancestors(start);
    input.tags = tag_list(&all, &ancestry.commits);
    let tag_prefix = TagPrefix::resolve(policy, input.component.as_deref(), input.tag_names());
    let previous = tags::previous_release(
        &input.tags,
        &tag_prefix.prefix,
        &tag_prefix.prefixes(),
        input.tag.as_deref(),
    )
    .and_then(|(tag, _)| {
        all.iter()
            .find(|(name, _)| *name == tag.name)
            .map(|(_, id)| *id)
    });
    let exclude = match (merge_base_from, previous) {
        (Some(target), _) => repo.ancestors(target).commits,
        (None, Some(previous)) => repo.ancestors(previous).commits,
        (None, None) => HashSet::new(),
    };
    let (range, truncated) = repo.range(tip, &exclude);
    if repo.is_shallow() && ((ancestry.truncated && previous.is_none()) || truncated) {
        let what = if previous.is_none() {
            "no release tag is within the fetched commits".to_owned()
        } else {
            "the commits since the previous release are not all fetched".to_owned()
        };
        input.incomplete = Some(Incomplete {
            path: ".git/shallow".to_owned(),
            message: format!(
                "the clone is shallow and {what}: the previous release and the commits since cannot be known"
            ),
            help: shallow_help(),
        });
        return Ok(());
    }
    // A monorepo component is versioned on its own: only the commits that change its folder.
    let folder = component_folder(policy, input.component.as_deref());
    input.commits = range
        .into_iter()
        .filter(|id| {
            folder
                .as_deref()
                .is_none_or(|folder| repo.touches(*id, folder))
        })
        .map(|id| repo.core_commit(id))
        .collect();
    Ok(())
}

/// The commit a transition brings (source tip or tagged commit) and the target's tip.
pub(super) type Tips = (ObjectId, Option<ObjectId>);

/// Build the transition at hand from the repository and the context.
pub(super) fn transition(
    repo: &Repo,
    args: &TransitionArgs,
    policy: &VersionPolicy,
) -> Result<(Transition, Option<Tips>), String> {
    let ctx = context(args);
    let mut input = Transition {
        component: args.component.clone(),
        version: args.version.clone(),
        ..Transition::default()
    };
    let main = policy.branches.main.clone();
    if let Some(tag) = &ctx.tag {
        if input.component.is_none() {
            input.component = policy
                .components
                .iter()
                .find(|component| {
                    tag.starts_with(&component.tag_prefix) && !component.tag_prefix.is_empty()
                })
                .map(|component| component.name.clone());
        }
        input.tag = Some(tag.clone());
        let commit = match repo.tag(tag) {
            Some(id) => id,
            None => repo.head()?,
        };
        let (message, parents) = repo
            .commit(commit)
            .ok_or_else(|| format!("cannot read commit {}", short(commit)))?;
        if parents.len() > 1 {
            input.source = branches::merged_branch(&message).map(|(source, _)| source);
            input.merge_commit = Some(commit.to_string());
        }
        // Where the tag is decides what it may be (a release on main, a pre-release elsewhere):
        // without the released branch it cannot be known, and is not guessed.
        if repo.branch(&main).is_none() {
            input.incomplete = Some(missing_branch(
                repo,
                &main,
                "the released branch",
                &format!(": where tag {tag} is, and so what it may be, cannot be known"),
            ));
            return Ok((input, Some((commit, None))));
        }
        input.target = tag_branch(repo, commit, &main, &policy.branches.dev);
        fill_history(repo, &mut input, policy, commit, commit, None)?;
        return Ok((input, Some((commit, None))));
    }
    if let (Some(source), Some(target)) = (&ctx.source, &ctx.target) {
        input.source = Some(source.clone());
        input.target = Some(target.clone());
        let Some(target_id) = repo.branch(target) else {
            input.incomplete = Some(missing_branch(repo, target, "the target branch", ""));
            return Ok((input, None));
        };
        let source_id = match repo.branch(source) {
            Some(id) => id,
            None => repo.head()?,
        };
        if input.component.is_none() && !policy.components.is_empty() {
            input.component = Some(changed_component(repo, policy, source_id, target_id)?);
        }
        fill_history(
            repo,
            &mut input,
            policy,
            target_id,
            source_id,
            Some(target_id),
        )?;
        return Ok((input, Some((source_id, Some(target_id)))));
    }
    let branch = ctx.branch.or(ctx.target).or(ctx.source);
    let Some(branch) = branch else {
        return Err("nothing to check: pass --source and --target (a merge) or --tag, or run in a GitLab or GitHub merge request, tag or branch pipeline".to_owned());
    };
    // A branch pipeline: HEAD on the branch; a tagged HEAD is a tag, a merge commit a merge.
    let head = repo.head()?;
    let prefix = policy.prefix_of(input.component.as_deref()).to_owned();
    let prefixes = policy.prefixes();
    if let Some((tag, _)) = repo
        .tags()?
        .into_iter()
        .filter(|(name, id)| *id == head && tags::version_of(name, &prefix, &prefixes).is_some())
        .max_by(|(a, _), (b, _)| {
            let version = |name: &str| tags::version_of(name, &prefix, &prefixes);
            version(a).cmp(&version(b))
        })
    {
        let args = TransitionArgs {
            tag: Some(tag),
            ..args.clone()
        };
        return transition(repo, &args, policy);
    }
    input.target = Some(branch.clone());
    let (message, parents) = repo
        .commit(head)
        .ok_or_else(|| "cannot read HEAD".to_owned())?;
    if let [first, second, ..] = parents.as_slice() {
        input.source = branches::merged_branch(&message).map(|(source, _)| source);
        fill_history(repo, &mut input, policy, *first, *second, Some(*first))?;
        return Ok((input, Some((*second, Some(*first)))));
    }
    fill_history(repo, &mut input, policy, head, head, Some(head))?;
    Ok((input, Some((head, Some(head)))))
}

/// The one component a merge changes (monorepos).
fn changed_component(
    repo: &Repo,
    policy: &VersionPolicy,
    source: ObjectId,
    target: ObjectId,
) -> Result<String, String> {
    let changed: Vec<&str> = policy
        .components
        .iter()
        .filter(|component| {
            let path = component.path.trim_matches('/');
            repo.entry_id(source, path) != repo.entry_id(target, path)
        })
        .map(|component| component.name.as_str())
        .collect();
    match changed.as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => Err("the merge changes no component of the policy: pass --component".to_owned()),
        many => Err(format!(
            "the merge changes several components ({}): check each with --component",
            many.join(", ")
        )),
    }
}

/// The folder of a monorepo component, without slashes around it (`None`: no component, or
/// one that spans the whole repository).
pub(super) fn component_folder(policy: &VersionPolicy, component: Option<&str>) -> Option<String> {
    component
        .and_then(|name| policy.component(name))
        .map(|component| component.path.trim_matches('/').to_owned())
        .filter(|path| !path.is_empty())
}

/// The released branch's own line from `tip`, oldest first: the first-parent line, except that
/// where the branch was fast-forwarded onto another (a merge of it back into that branch on
/// the line), its earlier history is the one behind the merge's second parent.
pub(super) fn released_line(repo: &Repo, tip: ObjectId, main: &str) -> Vec<ObjectId> {
    let message = |id| repo.commit(id).map(|(message, _)| message);
    repo.line(tip, |merge, merged| {
        message(merge).is_some_and(|text| {
            history::continues_through_merged(&text, message(merged).as_deref(), main)
        })
    })
    .0
}

/// The branch a tagged commit is on: the released branch when it is on its own line
/// ([`released_line`]), else the first branch (dev first) whose history holds it.
fn tag_branch(repo: &Repo, commit: ObjectId, main: &str, dev: &str) -> Option<String> {
    if let Some(main_id) = repo.branch(main) {
        if released_line(repo, main_id, main).contains(&commit) {
            return Some(main.to_owned());
        }
    }
    let mut branches = repo.branches();
    branches.sort_by_key(|(name, _)| (name != dev, name == main, name.clone()));
    branches
        .into_iter()
        .find(|(_, id)| repo.ancestors(*id).commits.contains(&commit))
        .map(|(name, _)| name)
}
