//! `kataster version check` and `next`: the transition at hand, its charts and version
//! files, checked and printed.

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::process::ExitCode;

use kataster_core::check::versions as version_checks;
use kataster_core::policy::HelmMode;
use kataster_core::versions::{self, ChartContext, Location, TransitionFacts, branches, tags};
use serde::Serialize;

use super::git_facts::transition;
use super::output::{exit_code, print, render_human, summary, to_stdout, write_stderr};
use super::tree_files::{charts, version_files};
use super::{Format, NOTHING_TO_RELEASE, NextArgs, TransitionArgs};
use crate::git::Repo;

/// What `version check` and `next` print as JSON.
#[derive(Debug, Serialize)]
struct CheckJson<'a> {
    #[serde(flatten)]
    report: kataster_core::report::JsonReport,
    transition: &'a TransitionFacts,
}

pub(super) fn check(
    args: &TransitionArgs,
    next_args: Option<&NextArgs>,
) -> Result<ExitCode, String> {
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
