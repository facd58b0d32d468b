//! `kataster schema`: the JSON Schemas kataster generates.

use std::process::ExitCode;

use kataster_core::Policy;

use super::write_stdout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// The policy file (`kataster.yaml`).
    Policy,
}

pub fn run(which: Which) -> Result<ExitCode, String> {
    let schema = match which {
        Which::Policy => Policy::json_schema(),
    };
    let text = serde_json::to_string_pretty(&schema).map_err(|error| error.to_string())? + "\n";
    write_stdout(&text, false)?;
    Ok(ExitCode::SUCCESS)
}
