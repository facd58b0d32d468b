//! Scenarios: a transition, branch names, a promotion or an audit written as text, for the
//! rule docs' examples and the conformance corpus (`tests/corpus/<CODE>/*/<case>.txt`).
//!
//! One `key: value` per line; `#` starts a comment. A key with an empty value takes the
//! following lines indented by two spaces as its value (a commit message, a file).
//!
//! ```text
//! # version (the default), branch, promote or audit
//! check: version
//! # the versions policy as JSON (default: the defaults)
//! policy: {"tagPrefix": "v"}
//! source: hotfix/critical-bug
//! target: main
//! # a tag reachable from the target; also `tag: X on ID` and `tag: X unreachable`
//! tag: 1.2.0
//! # the tag at hand (or `version: 1.2.1`, a proposed version)
//! new-tag: 1.2.1
//! # the commits the transition brings, oldest first; with an id and several lines
//! commit: fix: Fix critical bug
//! commit 4e5f6a7:
//!   feat!: Drop the v1 API
//!
//!   BREAKING CHANGE: clients use v2
//! merge: Merge branch 'fix/x' into dev
//! # the history is incomplete
//! shallow: the clone is shallow
//! # a chart as it is and on the target branch, and whether its folder changed
//! chart charts/phippy/Chart.yaml:
//!   version: 1.2.1
//! base-chart charts/phippy/Chart.yaml:
//!   version: 1.2.0
//! changed: charts/phippy/Chart.yaml
//! # a version file of the policy's `files` (one not given is missing)
//! version-file package.json:
//!   {"version": "1.2.1"}
//! ```
//!
//! `check: branch` takes `branch:` lines. `check: promote` takes `file PATH:` and `base PATH:`
//! blocks (Argo CD Applications as they are and on the target branch; when there is a `base`
//! block, a file without one is the same on the target branch), `released: 1.2.0 1.3.0` and
//! `stages: dev int prd`. `check: audit` takes the released branch's first-parent line,
//! oldest first: `release TAG: MESSAGE` (a commit tagged TAG, followed by the `commit:` lines
//! it brought) and `untagged: MESSAGE` (a merge without a tag).

use serde_json::Value;

use super::audit::audit;
use super::charts::check_charts;
use super::edges::check_branch;
use super::files::check_version_files;
use super::findings::Findings;
use super::promote::check_promotion;
use super::transition::check_transition;
use crate::policy::VersionPolicy;
use crate::rules::Selection;
use crate::source::SourceFile;
use crate::versions::branches::{Branches, merged_branch};
use crate::versions::files;
use crate::versions::tags::{self, Tag};
use crate::versions::{
    Audit, Chart, ChartContext, Commit, Incomplete, LineCommit, Promotion, Transition,
};

/// A scenario's result: the diagnostics and the computed facts.
#[derive(Debug, Clone)]
pub struct ScenarioOutcome {
    pub findings: Findings,
    pub facts: Value,
}

/// One entry of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: String,
    /// The word after the key (`commit 4e5f6a7:`, `file apps/x.yaml:`).
    argument: Option<String>,
    value: String,
}

fn entries(text: &str) -> Result<Vec<Entry>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut entries = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.starts_with(' ') {
            return Err(format!(
                "line {index}: indented line outside a block: {line}"
            ));
        }
        let (head, value) = match line.split_once(": ") {
            Some((head, value)) => (head, value.trim()),
            None => match line.strip_suffix(':') {
                Some(head) => (head, ""),
                None => return Err(format!("line {index}: expected `key: value`: {line}")),
            },
        };
        let (key, argument) = match head.split_once(' ') {
            Some((key, argument)) => (key.to_owned(), Some(argument.trim().to_owned())),
            None => (head.to_owned(), None),
        };
        let value = if value.is_empty() {
            let mut block = Vec::new();
            while index < lines.len()
                && (lines[index].trim().is_empty() || lines[index].starts_with("  "))
            {
                block.push(lines[index].get(2..).unwrap_or_default());
                index += 1;
            }
            while block.last().is_some_and(|line| line.trim().is_empty()) {
                block.pop();
            }
            let mut text = block.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            text
        } else {
            value.to_owned()
        };
        entries.push(Entry {
            key,
            argument,
            value,
        });
    }
    Ok(entries)
}

/// Run a scenario with the rules at their default severities.
pub fn run(text: &str) -> Result<ScenarioOutcome, String> {
    run_with(text, &Selection::default())
}

/// Run a scenario.
pub fn run_with(text: &str, selection: &Selection) -> Result<ScenarioOutcome, String> {
    let entries = entries(text)?;
    let value = |key: &str| {
        entries
            .iter()
            .rev()
            .find(|entry| entry.key == key)
            .map(|entry| entry.value.clone())
    };
    let policy: VersionPolicy = match value("policy") {
        Some(json) => serde_json::from_str(&json).map_err(|error| format!("policy: {error}"))?,
        None => VersionPolicy::default(),
    };
    let check = value("check").unwrap_or_else(|| "version".to_owned());
    match check.as_str() {
        "version" => Ok(run_version(&entries, &policy, selection)),
        "branch" => Ok(run_branches(&entries, &policy, selection)),
        "promote" => Ok(run_promote(&entries, &policy, selection)),
        "audit" => Ok(run_audit(&entries, &policy, selection)),
        other => Err(format!(
            "unknown check `{other}` (expected version, branch, promote or audit)"
        )),
    }
}

fn commit_of(entry: &Entry, number: usize) -> Commit {
    let message = if entry.value.ends_with('\n') {
        entry.value.clone()
    } else {
        format!("{}\n", entry.value)
    };
    Commit {
        id: entry
            .argument
            .clone()
            .unwrap_or_else(|| format!("c{number:06}")),
        message,
        parents: if entry.key == "merge" { 2 } else { 1 },
    }
}

fn tag_of(entry: &Entry, number: usize) -> Tag {
    let mut words = entry.value.split_whitespace();
    let name = words.next().unwrap_or_default().to_owned();
    let mut tag = Tag::new(name, format!("t{number:06}"), true);
    while let Some(word) = words.next() {
        match word {
            "unreachable" => tag.reachable = false,
            "on" => words.next().unwrap_or_default().clone_into(&mut tag.commit),
            _ => {}
        }
    }
    tag
}

fn run_version(
    entries: &[Entry],
    policy: &VersionPolicy,
    selection: &Selection,
) -> ScenarioOutcome {
    let mut input = Transition::default();
    let mut charts: Vec<Chart> = Vec::new();
    let mut version_files: Vec<(String, String)> = Vec::new();
    for (number, entry) in entries.iter().enumerate() {
        match entry.key.as_str() {
            "source" => input.source = Some(entry.value.clone()),
            "target" => input.target = Some(entry.value.clone()),
            "component" => input.component = Some(entry.value.clone()),
            "tag" => input.tags.push(tag_of(entry, number + 1)),
            "new-tag" => input.tag = Some(entry.value.clone()),
            "version" => input.version = Some(entry.value.clone()),
            "commit" | "merge" => input.commits.push(commit_of(entry, number + 1)),
            "shallow" => {
                input.incomplete = Some(Incomplete {
                    path: ".git/shallow".to_owned(),
                    message: entry.value.clone(),
                    help: "fetch the whole history: `GIT_DEPTH: 0` in GitLab CI, `fetch-depth: 0` in GitHub Actions".to_owned(),
                });
            }
            "chart" => charts.push(Chart {
                path: entry
                    .argument
                    .clone()
                    .unwrap_or_else(|| "Chart.yaml".to_owned()),
                text: entry.value.clone(),
                ..Chart::default()
            }),
            "version-file" => version_files.push((
                entry
                    .argument
                    .clone()
                    .unwrap_or_else(|| "VERSION".to_owned()),
                entry.value.clone(),
            )),
            _ => {}
        }
    }
    for entry in entries {
        let path = if entry.key == "changed" {
            Some(entry.value.as_str())
        } else {
            entry.argument.as_deref()
        };
        if let Some(chart) = charts
            .iter_mut()
            .find(|chart| Some(chart.path.as_str()) == path)
        {
            match entry.key.as_str() {
                "base-chart" => chart.base = Some(entry.value.clone()),
                "changed" => chart.changed = true,
                _ => {}
            }
        }
    }
    if let Some(tag) = &input.tag {
        input.tags.push(Tag::new(tag.clone(), "HEAD", true));
    }
    let mut outcome = check_transition(&input, policy, selection);
    let prefix = policy.prefix_of(input.component.as_deref());
    let release = match (&input.tag, &input.version) {
        (Some(tag), _) => tags::version_of(tag, prefix, &policy.prefixes()),
        (None, Some(version)) => semver::Version::parse(version).ok(),
        _ => None,
    };
    if let (Some(release), false) = (&release, policy.files.is_empty()) {
        let paths: Vec<String> = version_files.iter().map(|(path, _)| path.clone()).collect();
        let mut files = files::select(&policy.files, &paths);
        for file in &mut files {
            file.text = version_files
                .iter()
                .rev()
                .find(|(path, _)| *path == file.path)
                .map(|(_, text)| text.clone());
        }
        check_version_files(&files, release, &mut outcome.findings);
    }
    if !charts.is_empty() {
        let context = ChartContext {
            release,
            previous: outcome
                .facts
                .previous_version
                .as_deref()
                .and_then(|version| semver::Version::parse(version).ok()),
        };
        check_charts(&charts, &context, policy, &mut outcome.findings);
    }
    ScenarioOutcome {
        facts: serde_json::to_value(&outcome.facts).unwrap_or_default(),
        findings: outcome.findings,
    }
}

fn run_branches(
    entries: &[Entry],
    policy: &VersionPolicy,
    selection: &Selection,
) -> ScenarioOutcome {
    let rules = Branches::new(&policy.branches);
    let mut findings = Findings::new(selection);
    let mut roles = Vec::new();
    for entry in entries.iter().filter(|entry| entry.key == "branch") {
        let role = check_branch(&entry.value, &rules, &mut findings);
        roles.push(serde_json::json!({"name": entry.value, "role": role}));
    }
    ScenarioOutcome {
        findings,
        facts: Value::Array(roles),
    }
}

fn run_promote(
    entries: &[Entry],
    policy: &VersionPolicy,
    selection: &Selection,
) -> ScenarioOutcome {
    let mut input = Promotion::default();
    let mut stages: Vec<String> = vec!["dev".into(), "int".into(), "prd".into()];
    for entry in entries {
        let path = entry.argument.clone().unwrap_or_default();
        match entry.key.as_str() {
            "file" => input.files.push(SourceFile::new(path, entry.value.clone())),
            "base" => input.base.push(SourceFile::new(path, entry.value.clone())),
            "released" => {
                input.released = Some(entry.value.split_whitespace().map(str::to_owned).collect());
            }
            "stages" => stages = entry.value.split_whitespace().map(str::to_owned).collect(),
            _ => {}
        }
    }
    if !input.base.is_empty() {
        // A file without a `base` block is the same on the target branch.
        let unchanged: Vec<SourceFile> = input
            .files
            .iter()
            .filter(|file| !input.base.iter().any(|base| base.path == file.path))
            .cloned()
            .collect();
        input.base.extend(unchanged);
    }
    let outcome = check_promotion(&input, &stages, policy, selection);
    ScenarioOutcome {
        facts: serde_json::json!({"apps": outcome.apps, "changes": outcome.changes}),
        findings: outcome.findings,
    }
}

fn run_audit(entries: &[Entry], policy: &VersionPolicy, selection: &Selection) -> ScenarioOutcome {
    let main = policy.branches.main.clone();
    let mut input = Audit::default();
    let mut released: Vec<Tag> = Vec::new();
    for (number, entry) in entries.iter().enumerate() {
        let id = format!("m{:06}", number + 1);
        let message = format!("{}\n", entry.value);
        let parents = if entry.value.starts_with("Merge ") {
            2
        } else {
            1
        };
        match entry.key.as_str() {
            "release" => {
                let tag = entry.argument.clone().unwrap_or_default();
                let mut tags = released.clone();
                tags.push(Tag::new(tag.clone(), id.clone(), true));
                let commit = Commit {
                    id: id.clone(),
                    message: message.clone(),
                    parents,
                };
                input.line.push(LineCommit {
                    id: id.clone(),
                    message: message.clone(),
                    parents,
                    merged_into: None,
                    releases: vec![Transition {
                        source: merged_branch(&message).map(|(source, _)| source),
                        target: Some(main.clone()),
                        tag: Some(tag.clone()),
                        merge_commit: (parents > 1).then(|| id.clone()),
                        tags,
                        commits: vec![commit],
                        ..Transition::default()
                    }],
                });
                released.push(Tag::new(tag, id, true));
            }
            "untagged" => input.line.push(LineCommit {
                id,
                message,
                parents,
                merged_into: None,
                releases: Vec::new(),
            }),
            "commit" => {
                if let Some(release) = input
                    .line
                    .last_mut()
                    .and_then(|line| line.releases.last_mut())
                {
                    let commit = commit_of(entry, number + 1);
                    release
                        .commits
                        .insert(release.commits.len().saturating_sub(1), commit);
                }
            }
            _ => {}
        }
    }
    let outcome = audit(&input, policy, selection);
    ScenarioOutcome {
        facts: serde_json::to_value(&outcome.releases).unwrap_or_default(),
        findings: outcome.findings,
    }
}
