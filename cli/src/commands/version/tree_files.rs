//! The working tree's files that carry the version: Helm charts and `versions.files`.

use std::path::Path;

use kataster_core::policy::VersionPolicy;
use kataster_core::versions::{self, Chart};

use super::git_facts::{Tips, component_folder};
use crate::git::Repo;

/// The charts of the working tree (not those vendored below another chart), with their state
/// on the target branch.
pub(super) fn charts(
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
pub(super) fn version_files(root: &Path, policy: &VersionPolicy) -> Vec<versions::VersionFile> {
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
