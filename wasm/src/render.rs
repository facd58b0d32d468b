//! The CLI's renderers, compiled from the CLI's own source files (`cli/src/render/`), so that
//! every format is the same byte for byte. Only renderers that need nothing but the report
//! and the sources are shared; the CLI's gitlab, junit and checkstyle renderers read its
//! command-line context and are not available here.

use kataster_core::report::JsonReport;
use kataster_core::{ParsedFile, Report};
use wasm_bindgen::JsError;

#[path = "../../cli/src/render/azure.rs"]
mod azure;
#[path = "../../cli/src/render/concise.rs"]
mod concise;
#[path = "../../cli/src/render/github.rs"]
mod github;
#[path = "../../cli/src/render/human.rs"]
mod human;
#[path = "../../cli/src/render/json.rs"]
mod json;
#[path = "../../cli/src/render/sarif.rs"]
mod sarif;

/// The formats rendered here.
pub(crate) const FORMATS: [&str; 6] = ["human", "json", "concise", "github", "azure", "sarif"];

pub(crate) fn render(
    format: &str,
    report: &Report,
    files: &[ParsedFile],
    color: bool,
    show_infos: bool,
) -> Result<String, JsError> {
    if format == "human" {
        return Ok(human::render(report, files, color, show_infos));
    }
    let report = JsonReport::new(report, files);
    match format {
        "json" => Ok(json::render(&report)),
        "concise" => Ok(concise::render(&report)),
        "github" => Ok(github::render(&report)),
        "azure" => Ok(azure::render(&report)),
        "sarif" => Ok(sarif::render(&report)),
        other => Err(JsError::new(&format!(
            "kataster: `{other}` is not a format of this module ({})",
            FORMATS.join(", ")
        ))),
    }
}

/// The CLI's notes on standard error (see [`human::notes`]).
pub(crate) fn notes(report: &Report, files: &[ParsedFile], show_skipped: bool) -> String {
    human::notes(report, files, show_skipped)
}
