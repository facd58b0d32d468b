//! Printing version findings: the human, JSON and CI formats, the summary line and the exit
//! code.

use std::path::PathBuf;
use std::process::ExitCode;

use kataster_core::check::versions::Findings;

use super::{Format, env};
use crate::commands::write_stdout;
use crate::render;

/// Write to standard error (styled: with colours); errors writing it are ignored.
pub(super) fn write_stderr(text: &str, styled: bool) {
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

pub(super) fn summary(findings: &Findings) -> String {
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
pub(in crate::commands) fn render_human(findings: &Findings, color: bool) -> String {
    if findings.diagnostics.is_empty() {
        return String::new();
    }
    let rendered = render::human::render(
        &findings.report(),
        &findings.parsed_files(),
        render::human::HumanOptions {
            color,
            show_infos: true,
            show_skipped: false,
        },
    );
    let trimmed = rendered.strip_suffix('\n').unwrap_or(&rendered);
    match trimmed.rfind('\n') {
        Some(end) => format!("{}\n", &trimmed[..end].trim_end()) + "\n",
        None => String::new(),
    }
}

/// The format that goes to standard output (human when none is asked for there).
pub(super) fn to_stdout(outputs: &[render::Output]) -> Format {
    outputs
        .iter()
        .find(|output| output.path.is_none())
        .map_or(Format::Human, |output| output.format)
}

/// Print the findings in each requested format, to standard output or to its file (human
/// output on standard output when no format goes there): `json` and `human` as the command
/// makes them, the other formats with `check`'s renderers.
pub(in crate::commands) fn print(
    requested: &[render::Output],
    no_color: bool,
    findings: &Findings,
    json: impl Fn(kataster_core::report::JsonReport) -> Result<String, String>,
    human: impl Fn(bool) -> String,
) -> Result<(), String> {
    for output in crate::commands::check::outputs(requested)? {
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
                    // The version commands name files relative to the repository already.
                    root: None,
                    fail_from: kataster_core::Severity::Error,
                    show_infos: true,
                    show_skipped: false,
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
            Some(path) => crate::commands::check::write_file(path, &text)?,
        }
    }
    Ok(())
}

/// 2 when something could not be checked, 1 when there is an error, else 0.
pub(super) fn exit_code(findings: &Findings) -> ExitCode {
    if findings.has_failures() {
        ExitCode::from(2)
    } else if findings.counts().0 > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
