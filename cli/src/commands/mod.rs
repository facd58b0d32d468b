//! The subcommands, one module each.

pub mod branch;
pub mod check;
mod fix;
pub mod inventory;
pub mod namespace;
pub mod rules;
pub mod schema;
pub mod version;

use std::io::Write;
use std::process::ExitCode;

use kataster_core::{Report, Severity};

use crate::args::{Cli, Command};

pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Inventory(args) => inventory::run(&args),
        Command::Namespace(args) => namespace::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Lsp => crate::lsp::run(),
        Command::Rule { code } => rules::rule(&code),
        Command::Rules { format } => rules::rules(format),
        Command::Version(args) => version::run(&args),
        Command::Branch(args) => branch::run(&args),
    }
}

/// What makes the exit code 1 (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Error findings.
    Error,
    /// Error and warning findings.
    Warning,
    /// Nothing: only exit code 2 (could not check) remains.
    Never,
}

/// 2 when some input could not be checked, 1 when a finding reaches `fail_on`, else 0.
pub fn exit_code(report: &Report, fail_on: FailOn) -> ExitCode {
    let fails = |severity: Severity| match fail_on {
        FailOn::Error => severity == Severity::Error,
        FailOn::Warning => severity >= Severity::Warning,
        FailOn::Never => false,
    };
    if report.has_failures() {
        ExitCode::from(2)
    } else if report.diagnostics.iter().any(|d| fails(d.severity)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn write_stdout(text: &str, styled: bool) -> Result<(), String> {
    let result = if styled {
        let mut stdout = anstream::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    } else {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    };
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|error| format!("cannot write output: {error}")),
    }
}
