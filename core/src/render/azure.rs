//! `--format azure`: Azure Pipelines logging commands, which show as errors and warnings on
//! the run: `##vso[task.logissue type=error;sourcepath=F;linenumber=L;columnnumber=C;code=X;]message`.
//!
//! Azure knows `error` and `warning` only: `info` findings are warnings. Escaping as the agent
//! expects: `%` becomes `%AZP25`, `\r` `%0D`, `\n` `%0A`; in property values also `;` becomes
//! `%3B` and `]` `%5D`.

use std::fmt::Write as _;

use crate::Severity;
use crate::report::JsonReport;

pub fn render(json: &JsonReport) -> String {
    let mut out = String::new();
    for d in &json.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning | Severity::Info => "warning",
        };
        let _ = writeln!(
            out,
            "##vso[task.logissue type={kind};sourcepath={};linenumber={};columnnumber={};code={};]{}",
            escape_property(&d.file),
            d.line,
            d.column,
            d.code,
            escape_data(&format!("{} [{}] {}", d.code, d.name, d.message)),
        );
    }
    out
}

/// The escaping of a logging command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping of a logging command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(';', "%3B").replace(']', "%5D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_agent_expects() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%AZP25 done%0D%0Anext");
        assert_eq!(escape_property("a;b]c%"), "a%3Bb%5Dc%AZP25");
    }
}
