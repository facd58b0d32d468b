//! `--format checkstyle`: Checkstyle XML (Jenkins Warnings NG, reviewdog, SonarQube imports).
//!
//! `<file>` for every checked file, an `<error>` with line, column, severity, message and
//! `source` (`kataster.CODE`) per diagnostic.

use std::fmt::Write as _;

use super::{Input, xml_escape};

pub fn render(input: Input<'_>) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (index, file) in input.files.iter().enumerate() {
        let mut errors = String::new();
        for (diagnostic, d) in input.report.diagnostics.iter().zip(&input.json.diagnostics) {
            if diagnostic.file != index {
                continue;
            }
            let _ = writeln!(
                errors,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"kataster.{}\"/>",
                d.line,
                d.column,
                d.severity,
                xml_escape(&format!("{} [{}]", d.message, d.name)),
                d.code,
            );
        }
        let name = xml_escape(&file.source.path);
        if errors.is_empty() {
            let _ = writeln!(out, "  <file name=\"{name}\"/>");
        } else {
            let _ = write!(out, "  <file name=\"{name}\">\n{errors}  </file>\n");
        }
    }
    out.push_str("</checkstyle>\n");
    out
}
