//! The output formats, made by the core's renderers (`kataster_core::render`), the CLI's own:
//! every format is the same byte for byte. What the CLI takes from its environment and flags
//! (`CI_PROJECT_DIR`, the current directory, `--fail-on`) comes in as render options.

use std::path::PathBuf;

use kataster_core::render::{self, Context, Format, Input};
use kataster_core::report::JsonReport;
use kataster_core::{ParsedFile, Report, Severity};
use serde::Deserialize;
use wasm_bindgen::JsError;

/// The render options' names, to reject misspelt ones.
const OPTION_NAMES: [&str; 5] = ["failOn", "projectDir", "cwd", "root", "showSkipped"];

/// The options of `render`: what the CLI reads from its environment and its flags.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RenderOptions {
    /// `--fail-on`: `error` (the default), `warning` or `never`; the JUnit report shows
    /// findings from it up as failures.
    fail_on: Option<String>,
    /// `CI_PROJECT_DIR`, absolute and with its links resolved: GitLab and JUnit paths are
    /// relative to it.
    project_dir: Option<String>,
    /// The current directory, absolute: relative paths are relative to it.
    cwd: Option<String>,
    /// The root of the run (the CLI's `Root`), absolute and with its links resolved: SARIF's
    /// URIs are relative to it (`%SRCROOT%`).
    root: Option<String>,
    /// `--show-skipped`: the skipped files are listed, so the summary does not point to it.
    show_skipped: bool,
}

fn options(text: Option<&str>) -> Result<RenderOptions, JsError> {
    let invalid = |error: &dyn std::fmt::Display| {
        JsError::new(&format!("kataster: invalid render options: {error}"))
    };
    let value: serde_json::Value = match text {
        None | Some("") => return Ok(RenderOptions::default()),
        Some(text) => serde_json::from_str(text).map_err(|error| invalid(&error))?,
    };
    match value {
        serde_json::Value::Null => Ok(RenderOptions::default()),
        serde_json::Value::Object(object) => {
            if let Some(key) = object
                .keys()
                .find(|key| !OPTION_NAMES.contains(&key.as_str()))
            {
                return Err(invalid(&format!(
                    "unknown option `{key}`, expected one of {}",
                    OPTION_NAMES.join(", ")
                )));
            }
            serde_json::from_value(serde_json::Value::Object(object))
                .map_err(|error| invalid(&error))
        }
        _ => Err(JsError::new("kataster: render options must be an object")),
    }
}

/// The names of the formats, in the CLI's order.
fn names() -> String {
    Format::ALL.map(Format::name).join(", ")
}

pub(crate) fn render(
    format: &str,
    report: &Report,
    files: &[ParsedFile],
    color: bool,
    show_infos: bool,
    render_options: Option<&str>,
) -> Result<String, JsError> {
    let format = Format::from_name(format).ok_or_else(|| {
        JsError::new(&format!(
            "kataster: `{format}` is not a format of this module ({})",
            names()
        ))
    })?;
    let options = options(render_options)?;
    let fail_from = match options.fail_on.as_deref().unwrap_or("error") {
        "warning" => Severity::Warning,
        "error" | "never" => Severity::Error,
        other => {
            return Err(JsError::new(&format!(
                "kataster: failOn is error, warning or never, not `{other}`"
            )));
        }
    };
    let context = Context {
        color,
        project_dir: options
            .project_dir
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from),
        current_dir: options.cwd.filter(|dir| !dir.is_empty()).map(PathBuf::from),
        root: options
            .root
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from),
        fail_from,
        show_infos,
        show_skipped: options.show_skipped,
    };
    let json = JsonReport::new(report, files);
    Ok(render::render(
        format,
        Input {
            report,
            files,
            json: &json,
        },
        &context,
    ))
}

/// The CLI's notes on standard error (see [`render::human::notes`]).
pub(crate) fn notes(report: &Report, files: &[ParsedFile], show_skipped: bool) -> String {
    render::human::notes(report, files, show_skipped)
}
