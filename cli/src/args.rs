//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "kataster",
    version,
    about = "Validate Backstage catalogs, naming conventions and versions"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check catalog files and directories (default: the current directory).
    Check(CheckArgs),
    /// Print the documentation of a rule.
    Rule {
        /// The rule code, e.g. CAT006.
        code: String,
    },
    /// List every rule with its code, name and default severity.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to check. Directories are walked respecting .gitignore.
    pub paths: Vec<PathBuf>,
    /// Only run rules whose code starts with one of these prefixes (e.g. CAT0,CAT101).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip rules whose code starts with one of these prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The checked files are the whole catalog: dangling references are errors.
    #[arg(long)]
    pub strict_refs: bool,
    /// A JSON export of a catalog (`GET /api/catalog/entities`) that references may resolve to.
    #[arg(long, value_name = "FILE")]
    pub known_entities: Option<PathBuf>,
    /// Expand YAML merge keys (`<<`), as Backstage's `enableYamlMerge`.
    #[arg(long)]
    pub yaml_merge: bool,
    /// Do not follow the targets of Location entities.
    #[arg(long)]
    pub no_follow_locations: bool,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets.
    Human,
    /// The JSON report (schema version 1, see docs/json-output.md).
    Json,
    /// One line per diagnostic: `file:line:col: CODE message`.
    Concise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}
