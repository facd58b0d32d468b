//! `kataster schema`: the JSON Schemas kataster generates.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kataster_core::Policy;
use kataster_core::schema::catalog_schema;

use super::write_stdout;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema.
    #[arg(value_enum)]
    pub which: Which,
    /// For `catalog`: the policy whose conventions go into the schema (default: `kataster.yaml`
    /// or `.kataster.yaml` upwards from here; without one, the defaults).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// Catalog files (`catalog-info.yaml`), for the YAML language server.
    Catalog,
    /// The policy file (`kataster.yaml`).
    Policy,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let schema = match args.which {
        Which::Policy => Policy::json_schema(),
        Which::Catalog => {
            let policy = crate::policy::find(args.config.as_deref(), Path::new("."), None)?;
            if let Some(policy) = policy.as_ref().filter(|policy| !policy.loaded.is_valid()) {
                return Err(format!(
                    "the policy {} has problems; run `kataster check` to see them",
                    policy.path.display()
                ));
            }
            catalog_schema(policy.as_ref().map(|policy| &policy.loaded.policy))
        }
    };
    let text = serde_json::to_string_pretty(&schema).map_err(|error| error.to_string())? + "\n";
    write_stdout(&text, false)?;
    Ok(ExitCode::SUCCESS)
}
