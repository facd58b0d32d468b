//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the changed files: `::error file=F,line=L,endLine=L,col=C,endColumn=C,title=T::message`.
//!
//! Escaping as the Actions toolkit does: in the message `%`, `\r` and `\n` become `%25`, `%0D`
//! and `%0A`; in property values also `:` and `,` become `%3A` and `%2C`.

use std::fmt::Write as _;

use crate::Severity;
use crate::report::JsonReport;

pub fn render(json: &JsonReport) -> String {
    let mut out = String::new();
    for d in &json.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}",
            escape_property(&d.file),
            d.line,
            d.end_line,
            d.column,
            d.end_column,
            escape_property(&format!("{} {}", d.code, d.name)),
            escape_data(&message),
        );
    }
    out
}

/// The escaping of a workflow command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping of a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("C:\\x,y%\n"), "C%3A\\x%2Cy%25%0A");
    }
}
