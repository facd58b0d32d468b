//! `kataster version check|next|audit|promote`: version transitions read from a git
//! repository, checked by `kataster_core::check::versions`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use gix::ObjectId;
use kataster_core::check::versions::{self as version_checks, Findings};
use kataster_core::policy::{HelmMode, VersionPolicy};
use kataster_core::rules::Selection;
use kataster_core::source::SourceFile;
use kataster_core::versions::{
    self, Audit, Chart, ChartContext, Incomplete, LineCommit, Location, OffLineTag, Promotion, Tag,
    Transition, TransitionFacts, branches, tags,
};
use serde::Serialize;

use super::write_stdout;
use crate::git::Repo;
use crate::render;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: VersionCommand,
}

#[derive(Debug, Subcommand)]
pub enum VersionCommand {
    /// Check the merge or tag at hand: branch names, the merge edge, its commits, the version.
    Check(TransitionArgs),
    /// Print the version the merge at hand must produce.
    Next(NextArgs),
    /// Replay the released branch's first-parent history: every release against its predecessor.
    Audit(AuditArgs),
    /// Check stage promotion in a GitOps repository (Argo CD Applications).
    Promote(PromoteArgs),
}

/// Options every version command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct Common {
    /// The repository (default: the current directory).
    #[arg(long, short = 'C', value_name = "PATH", default_value = ".")]
    pub repo: PathBuf,
    /// Output format, optionally written to a file: `FORMAT[=PATH]`, repeatable, as for
    /// `check`: `human` (diagnostics with snippets, then the facts; the default), `json` (the
    /// report of `check` with the facts), or any other format of `check`.
    #[arg(long, value_name = "FORMAT[=PATH]")]
    pub format: Vec<render::Output>,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
    /// Only run rules whose code starts with one of these prefixes.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip rules whose code starts with one of these prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The policy file (default: `kataster.yaml` or `.kataster.yaml` upwards from the
    /// repository); its `versions:`, `stages:` and `rules:` apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The `versions:` section as JSON, instead of the policy file's.
    #[arg(long, value_name = "JSON", hide = true)]
    pub versions_policy: Option<String>,
}

/// The transition at hand; unset values come from CI variables (GitLab, GitHub).
#[derive(Debug, Clone, clap::Args)]
pub struct TransitionArgs {
    #[command(flatten)]
    pub common: Common,
    /// The branch being merged.
    #[arg(long)]
    pub source: Option<String>,
    /// The branch merged into.
    #[arg(long)]
    pub target: Option<String>,
    /// The tag at hand (it may not exist yet: then HEAD is the tagged commit).
    #[arg(long)]
    pub tag: Option<String>,
    /// A proposed version (default: the tag, or Chart.yaml for a merge into the released branch).
    #[arg(long)]
    pub version: Option<String>,
    /// The monorepo component (its tag prefix and folder).
    #[arg(long)]
    pub component: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct NextArgs {
    #[command(flatten)]
    pub transition: TransitionArgs,
    /// Explain how the version was found (on standard error).
    #[arg(long)]
    pub explain: bool,
    /// Print the tag, with the policy's prefix (`v1.3.0`), instead of the version.
    #[arg(long)]
    pub tag_name: bool,
}

/// The exit code of `version next` when there is nothing to release (no error: the merge
/// brings no commit, or it is not into the released branch).
pub const NOTHING_TO_RELEASE: u8 = 3;

#[derive(Debug, Clone, clap::Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub common: Common,
    /// The released branch (default: the policy's, `main`).
    #[arg(long)]
    pub branch: Option<String>,
    /// The monorepo component.
    #[arg(long)]
    pub component: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct PromoteArgs {
    #[command(flatten)]
    pub common: Common,
    /// The branch the change is merged into; its Applications are the state before (default:
    /// the CI merge request's target; none: check the working tree's state only).
    #[arg(long)]
    pub target: Option<String>,
    /// A git repository whose tags are the apps' released versions (`STG004`).
    #[arg(long, value_name = "PATH")]
    pub tags_from: Option<PathBuf>,
}

pub use render::Format;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    match &args.command {
        VersionCommand::Check(args) => check(args, None),
        VersionCommand::Next(args) => check(&args.transition, Some(args)),
        VersionCommand::Audit(args) => audit(args),
        VersionCommand::Promote(args) => promote(args),
    }
}

/// What the policy file says about versions.
#[derive(Debug, Clone)]
pub(super) struct Settings {
    pub versions: VersionPolicy,
    /// The stages, in promotion order.
    pub stages: Vec<String>,
    pub selection: Selection,
}

/// The policy file's settings (`config`, else found upwards from `start`), the defaults
/// without one; a policy with problems cannot be applied (exit code 2).
pub(super) fn settings(
    config: Option<&Path>,
    start: &Path,
    versions_json: Option<&str>,
    selection: Selection,
) -> Result<Settings, String> {
    let file = crate::policy::find(config, start, None)?;
    let policy = match &file {
        Some(file) if !file.loaded.is_valid() => {
            return Err(format!(
                "the policy {} has problems (`kataster check` shows them)",
                file.path.display()
            ));
        }
        Some(file) => file.loaded.policy.clone(),
        None => kataster_core::Policy::default(),
    };
    let mut selection = selection;
    for (prefix, level) in &policy.rules {
        selection = selection.severity(prefix, level.severity());
    }
    let versions = match versions_json {
        Some(json) => {
            serde_json::from_str(json).map_err(|error| format!("--versions-policy: {error}"))?
        }
        None => policy.versions,
    };
    Ok(Settings {
        versions,
        stages: policy.stages.values,
        selection,
    })
}

impl Common {
    fn settings(&self) -> Result<Settings, String> {
        settings(
            self.config.as_deref(),
            &self.repo,
            self.versions_policy.as_deref(),
            Selection::default()
                .select(&self.select)
                .ignore(&self.ignore),
        )
    }
}

/// A CI variable, when set and not empty.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

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

fn short(id: ObjectId) -> String {
    id.to_string().chars().take(7).collect()
}

fn shallow_help() -> String {
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
fn fill_history(
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
    let prefix = policy.prefix_of(input.component.as_deref()).to_owned();
    let previous = tags::previous_release(
        &input.tags,
        &prefix,
        &policy.prefixes(),
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
type Tips = (ObjectId, Option<ObjectId>);

/// Build the transition at hand from the repository and the context.
fn transition(
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
fn component_folder(policy: &VersionPolicy, component: Option<&str>) -> Option<String> {
    component
        .and_then(|name| policy.component(name))
        .map(|component| component.path.trim_matches('/').to_owned())
        .filter(|path| !path.is_empty())
}

/// The branch a tagged commit is on: the released branch when it is on its first-parent
/// line, else the first branch (dev first) whose history holds it.
fn tag_branch(repo: &Repo, commit: ObjectId, main: &str, dev: &str) -> Option<String> {
    if let Some(main_id) = repo.branch(main) {
        if repo.first_parent_line(main_id).0.contains(&commit) {
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

/// The charts of the working tree (not those vendored below another chart), with their state
/// on the target branch.
fn charts(
    repo: &Repo,
    policy: &VersionPolicy,
    component: Option<&str>,
    commits: Option<Tips>,
) -> Vec<Chart> {
    let root = repo.workdir();
    let folder = component_folder(policy, component);
    let mut paths: Vec<String> = Vec::new();
    let walker = ignore::WalkBuilder::new(&root)
        .hidden(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    for entry in walker.flatten() {
        if entry.file_name() == "Chart.yaml" && entry.file_type().is_some_and(|kind| kind.is_file())
        {
            if let Ok(relative) = entry.path().strip_prefix(&root) {
                paths.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    paths.sort();
    let dirs: Vec<String> = paths.iter().map(|path| parent(path)).collect();
    let mut charts = Vec::new();
    for (path, dir) in paths.iter().zip(&dirs) {
        let vendored = dirs.iter().any(|other| {
            other != dir && !other.is_empty() && dir.starts_with(&format!("{other}/charts/"))
        });
        if vendored
            || folder
                .as_ref()
                .is_some_and(|folder| !(dir == folder || dir.starts_with(&format!("{folder}/"))))
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(root.join(path)) else {
            continue;
        };
        let (base, changed) = match commits {
            Some((source, Some(target))) if source != target => (
                repo.file_at(target, path),
                repo.entry_id(source, dir) != repo.entry_id(target, dir),
            ),
            _ => (None, false),
        };
        charts.push(Chart {
            path: path.clone(),
            text,
            base,
            changed,
        });
    }
    charts
}

/// The files of `versions.files` in the working tree (as for charts: not below `.git` or a
/// git-ignored folder), with their texts. Only regular files found by walking the repository
/// are read: a symbolic link is never followed, so nothing
/// outside the root is read.
fn version_files(root: &Path, policy: &VersionPolicy) -> Vec<versions::VersionFile> {
    let mut paths: Vec<String> = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    for entry in walker.flatten() {
        if entry.file_type().is_some_and(|kind| kind.is_file()) {
            if let Ok(relative) = entry.path().strip_prefix(root) {
                paths.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut files = versions::files::select(&policy.files, &paths);
    for file in &mut files {
        if paths.contains(&file.path) {
            file.text = std::fs::read_to_string(root.join(&file.path)).ok();
        }
    }
    files
}

fn parent(path: &str) -> String {
    path.rsplit_once('/')
        .map_or_else(String::new, |(dir, _)| dir.to_owned())
}

/// What `version check` and `next` print as JSON.
#[derive(Debug, Serialize)]
struct CheckJson<'a> {
    #[serde(flatten)]
    report: kataster_core::report::JsonReport,
    transition: &'a TransitionFacts,
}

fn check(args: &TransitionArgs, next_args: Option<&NextArgs>) -> Result<ExitCode, String> {
    let next = next_args.is_some();
    let explain = next_args.is_some_and(|args| args.explain);
    let tag_name = next_args.is_some_and(|args| args.tag_name);
    let common = &args.common;
    let settings = common.settings()?;
    let policy = settings.versions.clone();
    let repo = Repo::discover(&common.repo)?;
    let (mut input, commits) = transition(&repo, args, &policy)?;
    let charts = if input.incomplete.is_none() {
        charts(&repo, &policy, input.component.as_deref(), commits)
    } else {
        Vec::new()
    };
    let rules = versions::Branches::new(&policy.branches);
    let into_main = input
        .target
        .as_deref()
        .and_then(|target| rules.check(target).ok())
        .is_some_and(|branch| branch.role == branches::MAIN);
    if input.tag.is_none()
        && input.version.is_none()
        && into_main
        && policy.helm.mode == HelmMode::Lockstep
    {
        // The chart's version is the release this merge proposes.
        if let Some(chart) = charts.first() {
            if let Some((version, span)) = versions::charts::chart_version(&chart.text) {
                input.version = Some(version.to_string());
                input.version_location = Some(Location {
                    path: chart.path.clone(),
                    text: chart.text.clone(),
                    span,
                    pointer: "/version".to_owned(),
                });
            }
        }
    }
    let mut outcome = version_checks::check_transition(&input, &policy, &settings.selection);
    let prefix = policy.prefix_of(input.component.as_deref());
    let release = match (&input.tag, &input.version) {
        (Some(tag), _) => tags::version_of(tag, prefix, &policy.prefixes()),
        (None, Some(version)) => semver_parse(version),
        _ => None,
    };
    if let (Some(release), false) = (&release, policy.files.is_empty()) {
        let files = version_files(&repo.workdir(), &policy);
        version_checks::check_version_files(&files, release, &mut outcome.findings);
    }
    if !charts.is_empty() {
        let context = ChartContext {
            release,
            previous: outcome
                .facts
                .previous_version
                .as_deref()
                .and_then(semver_parse),
        };
        version_checks::check_charts(&charts, &context, &policy, &mut outcome.findings);
    }
    let facts = &outcome.facts;
    let findings = &outcome.findings;
    print(
        &common.format,
        common.no_color,
        findings,
        |report| {
            let json = CheckJson {
                report,
                transition: facts,
            };
            serde_json::to_string_pretty(&json)
                .map_err(|error| error.to_string())
                .map(|text| text + "\n")
        },
        |color| {
            let mut out = String::new();
            if next {
                // Only the version on standard output: `V=$(kataster version next)`.
                let printed = if tag_name {
                    &facts.next_tag
                } else {
                    &facts.next_version
                };
                if let Some(version) = printed {
                    let _ = writeln!(out, "{version}");
                }
            } else {
                out.push_str(&render_human(findings, color));
                out.push_str(&describe(facts));
                out.push_str(&summary(findings));
            }
            out
        },
    )?;
    if !next {
        return Ok(exit_code(findings));
    }
    let nothing = facts.next_version.is_none();
    if to_stdout(&common.format) == Format::Human {
        // What is not the version goes to standard error.
        let color = !common.no_color && std::io::stderr().is_terminal();
        let mut err = String::new();
        if explain || nothing || findings.counts().0 > 0 || findings.has_failures() {
            err.push_str(&render_human(findings, color));
        }
        if explain {
            for reason in &facts.reasons {
                let _ = writeln!(err, "- {reason}");
            }
        }
        if nothing {
            let _ = writeln!(
                err,
                "no version: {}",
                facts
                    .reasons
                    .last()
                    .map_or("nothing to release", String::as_str)
            );
        }
        write_stderr(&err, color);
    }
    if nothing && !findings.has_failures() && findings.counts().0 == 0 {
        return Ok(ExitCode::from(NOTHING_TO_RELEASE));
    }
    Ok(exit_code(findings))
}

/// Write to standard error (styled: with colours); errors writing it are ignored.
fn write_stderr(text: &str, styled: bool) {
    use std::io::Write as _;
    if text.is_empty() {
        return;
    }
    let _ = if styled {
        let mut stderr = anstream::stderr().lock();
        stderr.write_all(text.as_bytes())
    } else {
        std::io::stderr().lock().write_all(text.as_bytes())
    };
}

fn semver_parse(text: &str) -> Option<semver::Version> {
    semver::Version::parse(text).ok()
}

/// The facts of a transition, for people.
fn describe(facts: &TransitionFacts) -> String {
    let mut out = String::new();
    let edge = match (&facts.source, &facts.target) {
        (Some(source), Some(target)) => format!("{source} -> {target}"),
        (None, Some(target)) => format!("on {target}"),
        (Some(source), None) => source.clone(),
        (None, None) => "no branch".to_owned(),
    };
    let what = facts
        .tag
        .as_deref()
        .map_or_else(String::new, |tag| format!(", {tag}"));
    let _ = writeln!(out, "{edge}{what}");
    if let Some(previous) = &facts.previous {
        let _ = writeln!(out, "  previous release: {previous}");
    }
    let _ = writeln!(
        out,
        "  commits: {}, requiring {}{}",
        facts.commits,
        facts.required_bump.release(),
        facts
            .required_by
            .as_deref()
            .map_or_else(String::new, |commit| format!(" ({commit})"))
    );
    if let Some(actual) = facts.actual_bump {
        let _ = writeln!(out, "  bump: {actual}");
    }
    if let Some(next) = &facts.next_version {
        let _ = writeln!(out, "  next version: {next}");
    }
    out
}

fn summary(findings: &Findings) -> String {
    let (errors, warnings) = findings.counts();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// The diagnostics with snippets (the human renderer without its catalog summary line).
pub(super) fn render_human(findings: &Findings, color: bool) -> String {
    if findings.diagnostics.is_empty() {
        return String::new();
    }
    let rendered = render::human::render(&findings.report(), &findings.parsed_files(), color, true);
    let trimmed = rendered.strip_suffix('\n').unwrap_or(&rendered);
    match trimmed.rfind('\n') {
        Some(end) => format!("{}\n", &trimmed[..end].trim_end()) + "\n",
        None => String::new(),
    }
}

/// The format that goes to standard output (human when none is asked for there).
fn to_stdout(outputs: &[render::Output]) -> Format {
    outputs
        .iter()
        .find(|output| output.path.is_none())
        .map_or(Format::Human, |output| output.format)
}

/// Print the findings in each requested format, to standard output or to its file (human
/// output on standard output when no format goes there): `json` and `human` as the command
/// makes them, the other formats with `check`'s renderers.
pub(super) fn print(
    requested: &[render::Output],
    no_color: bool,
    findings: &Findings,
    json: impl Fn(kataster_core::report::JsonReport) -> Result<String, String>,
    human: impl Fn(bool) -> String,
) -> Result<(), String> {
    for output in super::check::outputs(requested)? {
        let styled = output.path.is_none() && output.format == Format::Human && !no_color;
        let text = match output.format {
            Format::Json => json(findings.json())?,
            Format::Human => human(styled),
            other => {
                let report = findings.report();
                let files = findings.parsed_files();
                let json = findings.json();
                let context = render::Context {
                    color: false,
                    project_dir: env("CI_PROJECT_DIR").map(PathBuf::from),
                    current_dir: std::env::current_dir().ok(),
                    fail_from: kataster_core::Severity::Error,
                    show_infos: true,
                };
                render::render(
                    other,
                    render::Input {
                        report: &report,
                        files: &files,
                        json: &json,
                    },
                    &context,
                )
            }
        };
        match &output.path {
            None => write_stdout(&text, styled)?,
            Some(path) => super::check::write_file(path, &text)?,
        }
    }
    Ok(())
}

/// 2 when something could not be checked, 1 when there is an error, else 0.
fn exit_code(findings: &Findings) -> ExitCode {
    if findings.has_failures() {
        ExitCode::from(2)
    } else if findings.counts().0 > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `version audit` prints as JSON.
#[derive(Debug, Serialize)]
struct AuditJson<'a> {
    #[serde(flatten)]
    report: kataster_core::report::JsonReport,
    releases: &'a [version_checks::Verdict],
    /// The version tags off the released branch's first-parent line.
    elsewhere: &'a [version_checks::TagElsewhere],
}

fn audit(args: &AuditArgs) -> Result<ExitCode, String> {
    let common = &args.common;
    let settings = common.settings()?;
    let mut policy = settings.versions.clone();
    let repo = Repo::discover(&common.repo)?;
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
        .ok_or_else(|| format!("there is no branch {main} in {}", common.repo.display()))?;
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
    let (line, _) = repo.first_parent_line(tip);
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

/// What `version promote` prints as JSON.
#[derive(Debug, Serialize)]
struct PromoteJson<'a> {
    #[serde(flatten)]
    report: kataster_core::report::JsonReport,
    apps: &'a BTreeMap<String, BTreeMap<String, String>>,
    changes: &'a [versions::promotion::Change],
}

fn is_yaml(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

fn promote(args: &PromoteArgs) -> Result<ExitCode, String> {
    let common = &args.common;
    let settings = common.settings()?;
    let policy = settings.versions.clone();
    let root = common.repo.clone();
    let mut input = Promotion::default();
    let walker = ignore::WalkBuilder::new(&root)
        .hidden(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    let mut paths: Vec<PathBuf> = walker
        .flatten()
        .filter(|entry| entry.file_type().is_some_and(|kind| kind.is_file()))
        .map(|entry| entry.path().to_path_buf())
        .filter(|path| is_yaml(&path.to_string_lossy()))
        .collect();
    paths.sort();
    for path in paths {
        if let Ok(text) = std::fs::read_to_string(&path) {
            input
                .files
                .push(SourceFile::new(relative(&path, &root), text));
        }
    }
    let target = args
        .target
        .clone()
        .or_else(|| env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"))
        .or_else(|| env("GITHUB_BASE_REF"));
    let mut findings_extra: Option<Incomplete> = None;
    if let Some(target) = &target {
        let repo = Repo::discover(&root)?;
        match repo.branch(target) {
            Some(id) => {
                let workdir = repo.workdir();
                let prefix = relative(
                    &std::fs::canonicalize(&root).unwrap_or(root.clone()),
                    &std::fs::canonicalize(&workdir).unwrap_or(workdir.clone()),
                );
                for path in repo.files_at(id).into_iter().filter(|path| is_yaml(path)) {
                    let shown = if prefix.is_empty() || prefix == "." {
                        path.clone()
                    } else if let Some(rest) = path.strip_prefix(&format!("{prefix}/")) {
                        rest.to_owned()
                    } else {
                        continue;
                    };
                    if let Some(text) = repo.file_at(id, &path) {
                        input.base.push(SourceFile::new(shown, text));
                    }
                }
            }
            None => {
                findings_extra = Some(Incomplete {
                    path: format!("refs/heads/{target}"),
                    message: format!("the target branch {target} is not in this clone"),
                    help: format!("fetch it: `git fetch origin {target}`"),
                });
            }
        }
    }
    if let Some(path) = &args.tags_from {
        let repo = Repo::discover(path)?;
        let prefixes = policy.prefixes();
        let released: Vec<String> = repo
            .tags()?
            .into_iter()
            .filter_map(|(name, _)| {
                prefixes
                    .iter()
                    .find_map(|prefix| tags::version_of(&name, prefix, &prefixes))
                    .map(|version| version.to_string())
            })
            .collect();
        input.released = Some(released);
    }
    let mut outcome =
        version_checks::check_promotion(&input, &settings.stages, &policy, &settings.selection);
    if let Some(incomplete) = findings_extra {
        let file = outcome.findings.file(&incomplete.path, "");
        outcome.findings.emit(
            &kataster_core::rules::git::incomplete_history::RULE,
            file,
            0..0,
            "",
            incomplete.message,
            Some(incomplete.help),
        );
    }
    print(
        &common.format,
        common.no_color,
        &outcome.findings,
        |report| {
            let json = PromoteJson {
                report,
                apps: &outcome.apps,
                changes: &outcome.changes,
            };
            serde_json::to_string_pretty(&json)
                .map_err(|error| error.to_string())
                .map(|text| text + "\n")
        },
        |color| {
            let mut out = render_human(&outcome.findings, color);
            for (app, stages) in &outcome.apps {
                let list: Vec<String> = stages
                    .iter()
                    .map(|(stage, version)| format!("{stage} {version}"))
                    .collect();
                let _ = writeln!(out, "{app}: {}", list.join(", "));
            }
            for change in &outcome.changes {
                let _ = writeln!(
                    out,
                    "  {} {}: {} -> {}",
                    change.app,
                    change.stage,
                    change.from.as_deref().unwrap_or("(new)"),
                    change.to
                );
            }
            out.push_str(&summary(&outcome.findings));
            out
        },
    )?;
    Ok(exit_code(&outcome.findings))
}

/// `path` relative to `root`, with `/`.
fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
