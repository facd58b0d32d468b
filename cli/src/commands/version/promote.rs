//! `kataster version promote`: the versions each stage runs in a GitOps repository, against
//! the target branch and the app's released tags.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kataster_core::check::versions as version_checks;
use kataster_core::source::SourceFile;
use kataster_core::versions::{self, Incomplete, Promotion, tags};
use serde::Serialize;

use super::output::{exit_code, print, render_human, summary};
use super::{PromoteArgs, env};
use crate::git::Repo;

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

pub(super) fn promote(args: &PromoteArgs) -> Result<ExitCode, String> {
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
    let read = input.files.len();
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
            if outcome.apps.is_empty() {
                // Say so rather than pass in silence: nothing here was a stage's deployment.
                let _ = writeln!(
                    out,
                    "no Argo CD Application or Flux release of the {read} YAML {} deploys a version to a stage's namespace (one whose name ends in a stage, `ap-phippy-prd`): nothing to compare",
                    if read == 1 { "file" } else { "files" }
                );
            }
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
