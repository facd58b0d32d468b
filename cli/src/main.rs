//! `kataster`: validate Backstage catalogs from the command line.

mod args;
mod collect;
mod commands;
mod diff;
mod facts;
mod git;
mod known;
mod lsp;
mod policy;
mod render;
mod root;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            anstream::eprintln!("kataster: error: {error}");
            ExitCode::from(2)
        }
    }
}
