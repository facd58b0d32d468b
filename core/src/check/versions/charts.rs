//! Helm charts: Chart.yaml's `version` and `appVersion` against the release, and a version
//! bump for every change to a chart (what `ct lint` checks, with strict SemVer and the bump
//! rules).

use std::ops::Range;

use semver::Version;

use super::findings::Findings;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::policy::{HelmMode, VersionPolicy};
use crate::rules::helm::{
    chart_version_mismatch, chart_version_not_bumped, invalid_chart_version, unquoted_app_version,
};
use crate::rules::versions::skipped_version;
use crate::versions::bump::{self, Step};
use crate::versions::charts::{Chart, ChartContext, chart_version, field};
use crate::versions::tags;
use crate::yaml::{self, ParseOptions};

/// Check charts (HELM001-004, and VER006 for a chart version that skips).
pub fn check_charts(
    charts: &[Chart],
    context: &ChartContext,
    policy: &VersionPolicy,
    out: &mut Findings,
) {
    for chart in charts {
        check_chart(chart, context, policy, out);
    }
}

fn check_chart(chart: &Chart, context: &ChartContext, policy: &VersionPolicy, out: &mut Findings) {
    let documents = yaml::parse(&chart.text, &ParseOptions::default());
    let Some(root) = documents
        .first()
        .filter(|document| document.errors.is_empty())
        .and_then(|document| document.root.as_ref())
        .filter(|root| root.as_mapping().is_some())
    else {
        return;
    };
    let file = out.file(&chart.path, &chart.text);
    let lockstep = policy.helm.mode == HelmMode::Lockstep;
    let version_field = field(root, &chart.text, "version");
    let version = match &version_field {
        None => {
            out.emit(
                &invalid_chart_version::RULE,
                file,
                0..0,
                "",
                format!("{} has no `version`", chart.path),
                Some("add `version: 1.0.0` (strict SemVer)".to_owned()),
            );
            None
        }
        Some(found) => match Version::parse(&found.text) {
            Ok(version) => Some(version),
            Err(error) => {
                out.emit(
                    &invalid_chart_version::RULE,
                    file,
                    found.node.span.clone(),
                    "/version",
                    tags::malformed(
                        &format!("chart version \"{}\"", found.text),
                        &error.to_string(),
                    ),
                    Some("use MAJOR.MINOR.PATCH[-PRERELEASE], e.g. `1.2.0`".to_owned()),
                );
                None
            }
        },
    };
    let app_version = field(root, &chart.text, "appVersion");
    if let Some(app) = &app_version {
        let quoted = chart
            .text
            .get(app.node.span.clone())
            .is_some_and(|raw| raw.starts_with(['"', '\'']));
        if !quoted {
            let help = format!(
                "write `appVersion: \"{}\"`: unquoted, `1.10` becomes the number 1.1",
                app.text
            );
            let fix = quote_fix(&chart.text, app.node);
            out.emit_fix(
                &unquoted_app_version::RULE,
                (file, app.node.span.clone(), "/appVersion"),
                format!("appVersion {} is not a quoted string", app.text),
                Some(help),
                fix,
            );
        }
    }

    // Lockstep: version = appVersion = the release.
    let mismatch =
        |out: &mut Findings, span: Range<usize>, pointer: &str, message: String, help: String| {
            out.emit(
                &chart_version_mismatch::RULE,
                file,
                span,
                pointer,
                message,
                Some(help),
            );
        };
    if let Some(release) = &context.release {
        if lockstep {
            if let (Some(found), Some(version)) = (&version_field, &version) {
                if version != release {
                    mismatch(
                        out,
                        found.node.span.clone(),
                        "/version",
                        format!("chart version {version} is not the release {release}"),
                        format!(
                            "set `version: {release}`: in lockstep mode the chart is released with the tag"
                        ),
                    );
                }
            }
        }
        match &app_version {
            Some(app) if app.text != release.to_string() => mismatch(
                out,
                app.node.span.clone(),
                "/appVersion",
                format!("appVersion {} is not the release {release}", app.text),
                format!("set `appVersion: \"{release}\"`"),
            ),
            None => mismatch(
                out,
                0..0,
                "",
                format!("{} has no appVersion; the release is {release}", chart.path),
                format!("add `appVersion: \"{release}\"`"),
            ),
            Some(_) => {}
        }
    } else if lockstep {
        if let (Some(found), Some(app)) = (&version_field, &app_version) {
            if found.text != app.text {
                mismatch(
                    out,
                    app.node.span.clone(),
                    "/appVersion",
                    format!(
                        "appVersion {} differs from the chart version {}",
                        app.text, found.text
                    ),
                    format!(
                        "in lockstep mode both are the release: `appVersion: \"{}\"`",
                        found.text
                    ),
                );
            }
        }
    }

    // A changed chart needs a greater version than the target branch's.
    let (Some(version), Some(found), true) = (&version, &version_field, chart.changed) else {
        return;
    };
    let Some((base, _)) = chart.base.as_deref().and_then(chart_version) else {
        return;
    };
    // In lockstep mode the target may already carry the coming release (a bump made by an
    // earlier change): then the same version is enough.
    let pending = lockstep
        && context
            .previous
            .as_ref()
            .is_some_and(|previous| base.cmp_precedence(previous).is_gt());
    let greater = version.cmp_precedence(&base).is_gt();
    if !(greater || (pending && version.cmp_precedence(&base).is_eq())) {
        out.emit(
            &chart_version_not_bumped::RULE,
            file,
            found.node.span.clone(),
            "/version",
            format!(
                "the chart changed, but its version {version} is not greater than {base} on the target branch"
            ),
            Some(format!("bump it to {}", bump::candidates(&base))),
        );
        return;
    }
    let reference = match (&context.previous, lockstep) {
        (Some(previous), true) if previous.cmp_precedence(&base).is_ge() || pending => {
            previous.clone()
        }
        _ => base.clone(),
    };
    // With a release at hand, the transition checks its version already.
    if context.release.is_some() {
        return;
    }
    if let Step::Skip(kind) = bump::step(&reference, version) {
        out.emit(
            &skipped_version::RULE,
            file,
            found.node.span.clone(),
            "/version",
            format!(
                "chart version {version} skips versions: after {reference} comes {}",
                bump::candidates(&reference)
            ),
            Some(format!("use {}", bump::apply(&reference, kind))),
        );
    }
}

/// Quote a plain scalar as it is written: safe when YAML already reads it as a string (the
/// value stays), unsafe when it reads a number or a boolean (`1.10` becomes "1.10", not 1.1).
fn quote_fix(text: &str, node: &yaml::Node) -> Option<Fix> {
    let raw = text.get(node.span.clone())?;
    let plain = !raw.is_empty()
        && !raw.starts_with(['|', '>', '&', '*', '!'])
        && !raw.contains(['"', '\\', '\n', '\r', '#']);
    if !plain {
        return None;
    }
    let applicability = if matches!(node.value, yaml::Value::String(_)) {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let edit = Edit::replacement(node.span.clone(), format!("\"{raw}\""));
    Some(Fix::new(
        format!("quote it: `\"{raw}\"`"),
        applicability,
        vec![edit],
    ))
}
