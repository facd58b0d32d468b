//! `--format concise`: `file:line:col: CODE message`, one line per diagnostic.

use std::fmt::Write as _;

use kataster_core::report::JsonReport;
use kataster_core::{ParsedFile, Report};

pub fn render(report: &Report, files: &[ParsedFile]) -> String {
    let json = JsonReport::new(report, files);
    let mut out = String::new();
    for d in &json.diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            d.file, d.line, d.column, d.code, d.severity, d.message
        );
    }
    out
}
