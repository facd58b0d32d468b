//! `kataster version check|next|audit|promote`: version transitions read from a git
//! repository, checked by `kataster_core::check::versions`. This module holds the arguments,
//! the policy settings and the dispatch; the commands and what they read are submodules.

mod audit;
mod check;
mod git_facts;
mod output;
mod promote;
mod tree_files;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use kataster_core::policy::VersionPolicy;
use kataster_core::rules::Selection;

use audit::audit;
use check::check;
pub(super) use output::{print, render_human};
use promote::promote;

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
