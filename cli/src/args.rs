//! Command-line arguments: the subcommands; each command's own arguments live beside it.

use clap::{Parser, Subcommand};

use crate::commands::{branch, check, inventory, namespace, rules, schema, version};

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
    Check(check::Args),
    /// Print the joined view per namespace: app, stage, component, owner, cluster, AppProject,
    /// groups with access, version (table, markdown or json).
    Inventory(inventory::Args),
    /// Print the documentation of a rule.
    Rule {
        /// The rule code, e.g. CAT006.
        code: String,
    },
    /// Check namespace names against the naming convention, or put one together from parts.
    Namespace(namespace::Args),
    /// Print a JSON Schema kataster generates.
    Schema(schema::Args),
    /// Run the language server on standard input and output.
    Lsp,
    /// Check version transitions: tags, merges, commit bumps, stage promotion, Helm charts.
    Version(version::Args),
    /// Check branch names against the workflow's (`main`, `dev`, `feat/...`).
    Branch(branch::Args),
    /// List every rule with its code, name and default severity.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = rules::ListFormat::Text)]
        format: rules::ListFormat,
    },
}
