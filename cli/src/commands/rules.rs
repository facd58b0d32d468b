//! `kataster rule CODE` and `kataster rules`: the rule registry and its docs.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::ValueEnum;
use kataster_core::RULES;

use super::write_stdout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

pub fn rule(code: &str) -> Result<ExitCode, String> {
    let rule = kataster_core::rules::rule(code)
        .ok_or_else(|| format!("no rule with code `{code}` (see `kataster rules`)"))?;
    write_stdout(&rule.page(), false)?;
    Ok(ExitCode::SUCCESS)
}

pub fn rules(format: ListFormat) -> Result<ExitCode, String> {
    let output = match format {
        ListFormat::Json => {
            serde_json::to_string_pretty(RULES).map_err(|error| error.to_string())? + "\n"
        }
        ListFormat::Text => RULES.iter().fold(String::new(), |mut out, rule| {
            let _ = writeln!(
                out,
                "{:<8} {:<30} {:<8} {}",
                rule.code,
                rule.name,
                rule.severity.as_str(),
                rule.summary
            );
            out
        }),
    };
    write_stdout(&output, false)?;
    Ok(ExitCode::SUCCESS)
}
