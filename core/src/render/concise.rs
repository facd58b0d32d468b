//! `--format concise`: `file:line:col: CODE [severity] message`, one line per diagnostic.

use std::fmt::Write as _;

use crate::report::{JsonReport, printable};

pub fn render(json: &JsonReport) -> String {
    let mut out = String::new();
    for d in &json.diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            d.file,
            d.line,
            d.column,
            d.code,
            d.severity,
            printable(&d.message)
        );
    }
    out
}
